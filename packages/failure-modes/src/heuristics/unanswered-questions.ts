import { isQuestion } from '@cooperbench-repro/contracts';
import type { Transcript } from '../transcript.js';
import { isPartner } from './agents.js';
import { conversationHeuristic, evidenceFromMessages } from './heuristic.js';
import { isCodeKeyword, quote, type MessageAnalysis } from './text.js';

/**
 * A question or request for information addressed to the partner that no partner message answers
 * (App. F C1a/C1b: "no later message answers this question"). The whole rest of the conversation is
 * searched (the earlier implementation looked at 4 messages only). In an untimed transcript the order
 * across agents is unknown (stored as all of agent1's messages, then all of agent2's), so any partner
 * message, before or after, may be the answer.
 *
 * What is a question is the shared transcript view's isQuestion (the speech-act classifier's reading).
 * What answers one differs on purpose from the communication stage's `unanswered_questions` measure:
 * there a question is settled by the partner's next Answer or Ack speech act (a count over labelled
 * messages); here, estimating the judge's unresponsiveness (C1a/C1b), a reply must be about the
 * question (shared keywords, a named file or symbol, a yes/no opener, a proposal).
 */

export const UNANSWERED = {
  /** An answer shares at least this share of the asking message's keywords... */
  keywordShare: 0.15,
  /** ...and at least this many of them. */
  minSharedKeywords: 2,
  /** A question whose message has fewer keywords is answered by any later partner message. */
  minKeywords: 2,
} as const;

/** Openers of a reply: "Yes", "Confirmed", "Sounds good", "That works"... */
const ANSWER_OPENER =
  /^(?:yes|yeah|yep|no|nope|sure|correct|right|exactly|confirmed|agreed|acknowledged|ack|understood|ok(?:ay)?|got it|sounds (?:good|great|fine)|that works|works for me|your plan works|makes sense|noted|fine|good|great|perfect|not yet|to answer|answering|re:)\b/i;

/** An open coordination question ("Can we discuss how to proceed?", "Which approach do you prefer?")... */
const COORDINATION_QUESTION = /\b(?:how (?:to|should we|do we|would you)|proceed|plan|approach|divide|split|coordinate|who (?:should|will))\b/i;
/** ...is answered by a proposal in the partner's next message ("I'll handle X; you can focus on Y"). */
const PROPOSAL = /\b(?:i(?:'ll| will) (?:handle|focus|take|do|own|work on|implement|add|proceed)|let's (?:divide|split|proceed|integrate)|i (?:suggest|propose)|you (?:can|could|should) (?:focus|handle|work|take|proceed|add))\b/i;

/**
 * The questions of one message (its prose sentences that ask: isQuestion of the shared transcript
 * view, the same reading as the speech-act classifier's), or [] when none or not to the partner.
 */
export function questionsOf(a: MessageAnalysis): string[] {
  if (!isPartner(a.message.from, a.message.to)) return [];
  return a.sentences.filter(isQuestion);
}

function answers(question: string, qKeywords: ReadonlySet<string>, questionWords: ReadonlySet<string>, reply: MessageAnalysis, firstReply: boolean): boolean {
  if (firstReply && ANSWER_OPENER.test(reply.prose)) return true;
  if (firstReply && COORDINATION_QUESTION.test(question) && PROPOSAL.test(reply.prose)) return true;
  if (qKeywords.size < UNANSWERED.minKeywords) return true;
  let shared = 0;
  for (const k of qKeywords) {
    if (!reply.keywords.has(k)) continue;
    shared++;
    // Naming the same file or symbol the question asks about is a specific reply.
    if (isCodeKeyword(k) && questionWords.has(k)) return true;
  }
  // The partner's next message needs only to touch the topic; a later one must share more of it.
  if (firstReply && shared >= 1) return true;
  return shared >= UNANSWERED.minSharedKeywords && shared >= UNANSWERED.keywordShare * qKeywords.size;
}

/** Keywords of the question sentences themselves (a subset of the message's, so no new tokenising). */
function questionKeywords(q: MessageAnalysis, sentences: readonly string[]): Set<string> {
  const text = sentences.join(' ').toLowerCase();
  return new Set([...q.keywords].filter((k) => text.includes(k)));
}

export const unansweredQuestions = conversationHeuristic({
  name: 'unanswered_questions',
  description: "Questions or requests for information to the partner that no partner message answers (answer = a partner message sharing >= 2 and >= 15% of the asking message's keywords or a file/symbol the question names; the partner's next message needs one shared keyword, a yes/no/confirmed opener, or a proposal after a how-to-proceed question); the whole remainder is searched, any position when untimed.",
  estimates: { group: 'unresponsiveness', symptom: 'unresponsiveness' },
  detect: (t) => evidenceFromMessages(t, (q, all) => unanswered(t, q, all)),
});

/** The evidence item for a message whose questions no partner message answers, else none. */
function unanswered(t: Transcript, q: MessageAnalysis, all: readonly MessageAnalysis[]): string[] {
  const sentences = questionsOf(q);
  if (sentences.length === 0) return [];
  const questionWords = questionKeywords(q, sentences);
  const candidates = all.filter((r) => r !== q && isPartner(q.message.from, r.message.from) && (!t.timed || r.message.index > q.message.index));
  const first = t.timed ? candidates[0] : undefined;
  const answered = candidates.some((r) => answers(sentences.join(' '), q.keywords, questionWords, r, t.timed ? r === first : true));
  return answered ? [] : [`message ${q.message.index} (${q.message.from}) unanswered: "${quote(sentences[0]!)}"`];
}
