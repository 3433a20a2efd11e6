import type { Message } from './run-record.js';

/**
 * THE transcript view every stage reads a conversation through (next to the Message schema): the
 * conversation order, the sender-prefix / code stripping that leaves a message's prose, its
 * sentences, and what counts as a question. The communication stage (speech acts) and the
 * failure-modes stage (heuristics, judge rendering) both use these, so "the same message" reads the
 * same in both.
 */

// -------------------------------------------------------------------------------------------------
// Conversation order.
// -------------------------------------------------------------------------------------------------

/**
 * Conversation order. With every timestamp present, messages are sorted by time (stable: equal
 * timestamps keep stored order), which repairs out-of-order storage. With any timestamp null the
 * order across agents is unknown (mini_swe_agent stores all agent1 messages, then all agent2), so the
 * stored order is kept: it is still right within each agent.
 *
 * An empty conversation is untimed (`timed: false`). The two earlier copies disagreed here (one said
 * timed, vacuously, because every timestamp of none is present); "timed" means "the order across
 * agents is known", and with no message there is no order to know. No output depended on it: the
 * communication stage never classifies an empty conversation and the failure-modes stage already
 * said untimed.
 */
export function conversationOrder(messages: readonly Pick<Message, 'timestamp'>[]): { order: number[]; timed: boolean } {
  const order = messages.map((_, i) => i);
  const timed = messages.length > 0 && messages.every((m) => m.timestamp !== null && Number.isFinite(m.timestamp));
  if (timed) order.sort((a, b) => (messages[a]!.timestamp as number) - (messages[b]!.timestamp as number));
  return { order, timed };
}

// -------------------------------------------------------------------------------------------------
// Sender prefix and prose.
// -------------------------------------------------------------------------------------------------

/**
 * A leading self-prefix such as "agent1:", "[agent2]", "agent1 here:", "agent2 update:", "Agent 2 -".
 * Agents often sign their messages this way; the prefix says nothing about the act, would hide the
 * opening cue ("agent1: Done." must read as "Done.") and would inflate n-gram overlap. Any agent id is
 * stripped, not only the sender's own. (The wider of the two earlier patterns: "agentN update:" is a
 * signature too.)
 */
export const SELF_PREFIX = /^\s*(?:\[\s*agent[\s_-]*\d+\s*\]\s*[:,\-–—>]?\s*|agent[\s_-]*\d+\s*(?:here\b)?\s*(?:update\b)?\s*[:,\-–—>]\s*)/i;

export function stripSelfPrefix(text: string): string {
  let out = text;
  // Twice at most: "agent1: [agent1] ..." happens when a framework prefixes and the model does too.
  for (let i = 0; i < 2 && SELF_PREFIX.test(out); i++) out = out.replace(SELF_PREFIX, '');
  return out.trim();
}

/** Fenced code blocks (``` or ~~~), removed before anything looks for cues. */
export const FENCED = /(```|~~~)[\s\S]*?(?:\1|$)/g;
/** Inline code spans: replaced by a placeholder word so that sentences around them stay sentences. */
const INLINE_CODE = /`[^`\n]*`/g;
/**
 * A line that is code rather than prose: diff lines, indented blocks, lines that end like code
 * statements or are a lone closing bracket, or that start with a keyword of the common languages in
 * the benchmark. (The wider of the two earlier patterns.)
 */
const CODE_LINE =
  /^(?:\s{4,}\S|\t|[+-](?![+-]\s)\S|@@ |diff --git|index [0-9a-f]|(?:def|class|import|from\s+\S+\s+import|return|const|let|var|function|func|package|fn|pub|impl|struct|#include|public|private|if\s*\(|for\s*\(|while\s*\()\b|.*[;{}]\s*$|\s*[)\]}],?\s*$)/;

/**
 * The prose of a message: self-prefix stripped, fenced blocks removed, inline code replaced by
 * "CODE", code-looking lines dropped. Cues are only looked for in prose, so a comment like "# I will"
 * inside a code block cannot fire, and a message that is only code has empty prose.
 */
export function proseOf(text: string): string {
  return stripSelfPrefix(text)
    .replace(FENCED, '\n')
    .replace(INLINE_CODE, 'CODE')
    .split('\n')
    .filter((line) => !CODE_LINE.test(line))
    .join('\n')
    .trim();
}

/**
 * Split prose into sentences with their start offsets: a sentence ends at . ! ? followed by white
 * space or the end ("core.py" and "e.g.x" do not end one), or at a newline.
 */
export function sentences(prose: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const boundary = /[.!?]+(?=\s|$)|\n/g;
  let from = 0;
  const push = (end: number) => {
    const raw = prose.slice(from, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ text, start: from + lead });
  };
  let m: RegExpExecArray | null;
  while ((m = boundary.exec(prose)) !== null) {
    push(m.index + m[0].length);
    from = m.index + m[0].length;
  }
  push(prose.length);
  return out;
}

// -------------------------------------------------------------------------------------------------
// Is it a question?
// -------------------------------------------------------------------------------------------------

/** Interrogative openers (sentence start). Not "how"/"what" alone: "How it works:" is a heading. */
const QUESTION_OPENER =
  /^(?:(?:can|could|would|will|do|does|did|are|is|should|shall|may|have|has|were|was)\s+(?:you|we|i|it|there|that|this|your)\b|(?:which|what|where|when|why|how|who)\b.*\?$|any (?:objections?|concerns?|thoughts)\b.*\?$)/i;
/** Requests for information inside a sentence: asking the partner to tell, confirm, clarify. */
const INFO_REQUEST =
  /\blet me know (?:which|what|where|whether|how|when|your|if (?:you(?:'re| are)\b|you (?:plan|also|already|have (?:started|modified|changed|touched))|this (?:works|plan)|that (?:works|is ok)|you agree|you'd prefer|we need|it conflicts|there(?:'s| is) (?:any )?(?:overlap|conflict)))|\bplease (?:confirm|advise|clarify|tell me|share (?:your|which|what|how)|let me know (?:which|what|where|whether|how|when|your|if you(?:'re| are)))\b|\b(?:can|could|would) you (?:please )?(?:confirm|tell|share|clarify|provide|explain|check)\b/i;
/*
 * One definition of "a question" for both stages. The speech-act classifier and the failure-modes
 * heuristics had one each; this is the latter's, kept because it reads the human-labelled messages
 * (packages/communication/src/labelled) better: speech-act accuracy 0.831 vs 0.819 on the labelled set
 * and 0.774 vs 0.763 on the held-out set. It needs a "?" after a bare wh-opener ("When True, returns
 * a tuple." and the heading "How it works:" are not questions) and counts asking to be told
 * ("let me know when you're done", "let me know if this plan works") as a request for information.
 * Generic courtesy ("let me know if you have any concerns") is still not one.
 */

/** A direct question: the sentence ends in "?" or opens with an interrogative. */
export function isDirectQuestion(sentence: string): boolean {
  return sentence.endsWith('?') || QUESTION_OPENER.test(sentence);
}

/** Offset in the sentence of a request for information ("please confirm", "let me know which ..."), or null. */
export function infoRequestAt(sentence: string): number | null {
  const m = INFO_REQUEST.exec(sentence);
  return m ? m.index : null;
}

/** A sentence asks something: a direct question or a request for information. */
export function isQuestion(sentence: string): boolean {
  return isDirectQuestion(sentence) || infoRequestAt(sentence) !== null;
}

/** The sentences of some prose that ask something. */
export function questionsIn(prose: string): string[] {
  return sentences(prose)
    .map((s) => s.text)
    .filter(isQuestion);
}
