import { infoRequestAt, isDirectQuestion, proseOf, sentences, stripSelfPrefix, type SpeechAct } from '@cooperbench-repro/contracts';
import { countLineMentions, countPathMentions, nonLatinLetterShare, wordCount } from './text-features.js';

/**
 * THE speech-act rules: one ordered table, first matching rule wins. The paper names five acts
 * (Plan, Question, Answer, Update, Ack) but not how it labelled them; these are deterministic rules,
 * documented here and in README.md. `Other` is for what none of the five describes (empty, non-English,
 * code-only, or no cue at all).
 *
 * Context used: whether the partner has an open question (Answer), and whether the conversation's
 * order across agents is known (timestamps). See speech-acts.ts for how the context is built.
 */

// ---------------------------------------------------------------------------------------------------
// Cue lexicons (case-insensitive, matched on the message's prose: self-prefix and code removed).
// ---------------------------------------------------------------------------------------------------

/** Gerunds of editing work: "I'm fixing X", "Reapplying changes to X" announce work in progress. */
const WORK_GERUNDS =
  'implementing|adding|modifying|editing|touching|changing|updating|creating|handling|refactoring|writing|fixing|reapplying|applying|correcting|mocking|refining|extending|moving|removing|renaming|inserting|integrating|wrapping|replacing|introducing|working on';
/** Progressives that point forward ("I'm planning to", "Proceeding with") announce future work (Plan). */
const FUTURE_GERUNDS = 'going to|planning to|about to|now going to|proceeding|starting|beginning|focusing|taking';

/**
 * Future, intended or in-progress work: the sender commits to, proposes or announces work not yet done, or
 * proposes a division of labour. Bare requests ("Please ensure X is imported") are not Plans: they
 * fall through to Other, as the labelled set defines them.
 */
export const PLAN_CUES: readonly RegExp[] = [
  /\b(?:i|we)(?:'ll| will| shall| am going to|'m going to| are going to|'re going to| plan to| intend to| am about to|'m about to| would like to|'d like to| want to| need to| decided to)\b/i,
  // Subjectless commitments, common in terse agent messages: "Will touch core.py", "Going to add ...".
  /(?:^|[.!;:]\s+|\n)(?:will|going to|plan(?:ning)? to|about to|next,?)\s+(?:be\s+)?\w+/i,
  new RegExp(String.raw`\b(?:i'm|i am|we're|we are|i was|we were)\s+(?:currently\s+|now\s+|also\s+|still\s+|just\s+)*(?:${FUTURE_GERUNDS})\b`, 'i'),
  new RegExp(String.raw`(?:^|[.!;]\s+|\n)(?:now\s+)?(?:${FUTURE_GERUNDS})\b`, 'i'),
  // In-progress announcements ("I'm modifying core.py", "Implementing X in core.py") tell the partner
  // which code the sender is about to change: Plans (the labelled set reads them so too).
  new RegExp(String.raw`\b(?:i'm|i am|we're|we are)\s+(?:currently\s+|now\s+|also\s+|still\s+|further\s+|manually\s+|just\s+)*(?:${WORK_GERUNDS})\b`, 'i'),
  new RegExp(String.raw`(?:^|[.!;]\s+|\n)(?:now\s+|currently\s+|manually\s+|also\s+)*(?:${WORK_GERUNDS})\b`, 'i'),
  /\blet me\b(?!\s+know)/i,
  /\blet'?s\b|\blet us\b/i,
  /\b(?:my|our|the) plan\b|\bplan:|\bproposal\b|\b(?:i )?(?:propose|suggest)\b|\bnext,? (?:i|we)\b|\bdivision of (?:work|labou?r)\b/i,
  // Stating one's scope: "My task is to implement X in core.py".
  /\bmy (?:task|feature|job|part) (?:is|will|requires?|involves?)\b/i,
  // Dividing work: "You handle X", "you can take the tests".
  /\byou\s+(?:can|could|should|take|handle|own)\s+(?:take|handle|own|work|add|modify|do|implement|keep|proceed|focus|continue)\b/i,
  /\b(?:i'll|i will) (?:not|avoid|stay)\b|\bwon't (?:touch|modify|edit|change)\b/i,
];

/** Completed work: past tense or perfect of editing verbs, or an explicit status / done marker. */
const DONE_VERBS =
  'added|implemented|modified|updated|created|finished|completed|fixed|changed|made|pushed|committed|written|wrote|removed|refactored|moved|renamed|extended|introduced|inserted|applied|merged|verified|tested|run|ran|edited|submitted|resolved|wrapped up|refined|reverted|restored|corrected|encountered|paused|stopped|sent|done|integrated|replaced|adjusted|ensured|confirmed that|reapplied|mocked';
export const UPDATE_CUES: readonly RegExp[] = [
  new RegExp(String.raw`\b(?:i|we)(?:'ve| have| had)?(?: just| now| already| also| successfully| finally| manually)? (?:${DONE_VERBS})\b`, 'i'),
  new RegExp(String.raw`(?:^|[.!;:]\s+|\n)(?:just |already |successfully |finally )?(?:${DONE_VERBS})\b`, 'i'),
  /\b(?:is|are|has been|have been|was|were)\s+(?:now\s+|already\s+|successfully\s+|fully\s+)?(?:done|complete|completed|finished|implemented|added|merged|in place|ready|pushed|committed|fixed)\b/i,
  /(?:^|\n)\s*(?:done|finished|completed|update|status|fyi|progress|summary|heads[- ]up)\b\s*[:.!,-]/i,
  /\b(?:all |the )?tests? (?:now )?(?:pass|passed|are passing|pass now)\b|\ball tests pass/i,
  // Status of one's own progress or trouble: "I'm having trouble with X", "I'm making progress on Y".
  /\b(?:i'm|i am|we're|we are)\s+(?:still\s+)?(?:having|encountering|seeing|getting|experiencing|facing|running into|stuck|blocked|making progress|done|finished|almost done|nearly done|unable)\b/i,
  /\b(?:i|we) (?:couldn't|could not|can't|cannot|wasn't able to|was unable to) (?:find|locate|apply|get|make)\b/i,
];

/*
 * What counts as a question (a direct question, or a request for information; generic courtesy such as
 * "let me know if you have any concerns" does not) is the shared transcript view's: isDirectQuestion /
 * infoRequestAt in @cooperbench-repro/contracts (transcript-view.ts), the same reading the
 * failure-modes heuristics use.
 */

/** Short acknowledgements (matched at the start of the prose). "yes"/"no"/"sure" are answers, not acks. */
export const ACK_OPENER =
  /^(?:ok(?:ay)?|k|kk|thanks?(?: you)?|thx|ty|got it|sounds (?:good|great|fine)|sgtm|lgtm|great|perfect|agreed|acknowledged|ack|noted|understood|roger(?: that)?|cool|nice|will do|confirmed|thank you for (?:the|your) \w+|no problem|np|all good|alright|fine|good|awesome|excellent|makes sense|👍|✅)(?=$|[\s,.!:;)-])/i;

/** Openers that answer a yes/no or wh- question. */
export const ANSWER_OPENER =
  /^(?:yes|yeah|yep|yup|no|nope|nah|sure|correct|right|exactly|affirmative|negative|indeed|that's (?:right|correct)|not (?:yet|really|at all)|to answer|answering|in answer|re:|regarding your (?:question|ask)|as for your question|in response)\b/i;

// ---------------------------------------------------------------------------------------------------
// Per-message features (pure function of the text).
// ---------------------------------------------------------------------------------------------------

export interface MessageFeatures {
  /** Text with the self-prefix stripped. */
  text: string;
  /** Prose: text with code removed (proseOf, @cooperbench-repro/contracts). */
  prose: string;
  words: number;
  nonLatinShare: number;
  lineMentions: number;
  pathMentions: number;
  /** Offset in the prose of the earliest cue of each kind (null: none). */
  cues: { Plan: number | null; Update: number | null; Question: number | null };
  /** The message asks something (a sentence ending in "?", an interrogative opener, or a request for information). */
  asks: boolean;
  /** The message contains a direct question (a sentence ending in "?" or opening with an interrogative). */
  direct: boolean;
  ackOpener: boolean;
  answerOpener: boolean;
}

function earliest(patterns: readonly RegExp[], text: string): number | null {
  let best: number | null = null;
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) {
      // Skip a leading separator captured by the sentence-start alternatives.
      const at = m.index + (m[0].length - m[0].replace(/^[\s.!;:]+/, '').length);
      if (best === null || at < best) best = at;
    }
  }
  return best;
}

/** Offset of the first direct question (a sentence ending in "?" or opening with an interrogative). */
function directQuestion(prose: string): number | null {
  for (const s of sentences(prose)) if (isDirectQuestion(s.text)) return s.start;
  return null;
}

/** Offset of the first question or request for information. */
function questionCue(prose: string): number | null {
  for (const s of sentences(prose)) {
    if (isDirectQuestion(s.text)) return s.start;
    const at = infoRequestAt(s.text);
    if (at !== null) return s.start + at;
  }
  return null;
}

export function messageFeatures(raw: string): MessageFeatures {
  const text = stripSelfPrefix(raw);
  const prose = proseOf(raw);
  const question = questionCue(prose);
  return {
    text,
    prose,
    words: wordCount(prose),
    nonLatinShare: nonLatinLetterShare(prose),
    lineMentions: countLineMentions(text),
    pathMentions: countPathMentions(text),
    cues: { Plan: earliest(PLAN_CUES, prose), Update: earliest(UPDATE_CUES, prose), Question: question },
    asks: question !== null,
    direct: directQuestion(prose) !== null,
    ackOpener: ACK_OPENER.test(prose),
    answerOpener: ANSWER_OPENER.test(prose),
  };
}

// ---------------------------------------------------------------------------------------------------
// The rules table.
// ---------------------------------------------------------------------------------------------------

export interface RuleContext {
  features: MessageFeatures;
  /** Questions from the partner this sender has not responded to yet (see speech-acts.ts). */
  openPartnerQuestions: number;
  /** Whether the cross-agent order is known (all timestamps present). */
  timed: boolean;
  ackMaxWords: number;
  nonLatinMax: number;
}

export interface SpeechActRule {
  name: string;
  /** Why the rule exists and why it sits where it does in the order. */
  why: string;
  test: (c: RuleContext) => boolean;
  label: SpeechAct | ((c: RuleContext) => SpeechAct);
}

/** Priority when Plan and Update cues start at the same offset (same sentence). */
const TIE_ORDER: readonly ('Question' | 'Update' | 'Plan')[] = ['Question', 'Update', 'Plan'];

/**
 * The primary act: a message with a direct question is a Question wherever the question sits (it is
 * the part that waits for a reply: "I need to modify X. Can we coordinate?"); otherwise the earliest
 * cue: Plan, Update, or an indirect request for information ("let me know which lines ...").
 */
function leadCue(c: RuleContext): 'Plan' | 'Update' | 'Question' | null {
  if (c.features.direct) return 'Question';
  let best: 'Plan' | 'Update' | 'Question' | null = null;
  let at = Infinity;
  for (const kind of TIE_ORDER) {
    const pos = c.features.cues[kind];
    if (pos !== null && pos < at) {
      best = kind;
      at = pos;
    }
  }
  return best;
}

/** Does the message open with a question (a counter-question rather than a reply)? */
const leadsWithQuestion = (c: RuleContext) => c.features.cues.Question !== null && c.features.cues.Question === 0 && !c.features.answerOpener;

export const SPEECH_ACT_RULES: readonly SpeechActRule[] = [
  {
    name: 'empty',
    why: 'Nothing left after stripping the self-prefix and code: no act to label.',
    test: (c) => c.features.words === 0,
    label: 'Other',
  },
  {
    name: 'non-english',
    why: 'The cue lexicons are English; a message mostly in a non-Latin script cannot be labelled by them, so it is Other rather than a guess.',
    test: (c) => c.features.nonLatinShare > c.nonLatinMax,
    label: 'Other',
  },
  {
    name: 'short-ack',
    why: 'A short message that opens with an acknowledgement ("ok", "thanks", "Acknowledged. I will avoid X") and asks nothing is an Ack: the rest only confirms what was agreed. Before Answer: "ok" to a question acknowledges it (and closes it).',
    test: (c) => c.features.ackOpener && c.features.words <= c.ackMaxWords && !c.features.asks,
    label: 'Ack',
  },
  {
    name: 'reply-to-open-question',
    why: 'Timed conversations: the first message a sender writes after a question from the partner replies to it, unless it is itself a counter-question. This is the context rule; it outranks Plan/Update because "I will edit lines 10-20" after "Which lines?" answers.',
    test: (c) => c.timed && c.openPartnerQuestions > 0 && !leadsWithQuestion(c),
    label: 'Answer',
  },
  {
    name: 'answer-opener-untimed',
    why: 'Without timestamps the order across agents is unknown (mini_swe_agent stores all of agent1 then all of agent2), so "follows the question" cannot be used; only an explicit answer opener ("Yes", "No", "Correct", "To answer ...") while the partner has asked something counts.',
    test: (c) => !c.timed && c.openPartnerQuestions > 0 && c.features.answerOpener,
    label: 'Answer',
  },
  {
    name: 'lead-cue',
    why: 'Otherwise: a message with a direct question (question mark, interrogative opener) is a Question; else the earliest cue decides between future/intended/in-progress work (Plan), completed work (Update) and an indirect request for information (Question). Mixed statements ("Done with X. Next I will Y.") are labelled by what they lead with; same-sentence ties go Question > Update > Plan.',
    test: (c) => leadCue(c) !== null,
    label: (c) => leadCue(c) ?? 'Other',
  },
  {
    name: 'fallback',
    why: 'No cue fired: code-heavy text with little prose, Latin-script non-English text, greetings, free-form remarks.',
    test: () => true,
    label: 'Other',
  },
];

export function applyRules(c: RuleContext): { act: SpeechAct; rule: string } {
  for (const rule of SPEECH_ACT_RULES) {
    if (rule.test(c)) return { act: typeof rule.label === 'function' ? rule.label(c) : rule.label, rule: rule.name };
  }
  /* c8 ignore next */
  return { act: 'Other', rule: 'fallback' };
}
