import { conversationHeuristic, evidenceFromMessages } from './heuristic.js';
import { hasCodeEvidence, quote, SIGNATURE, type MessageAnalysis } from './text.js';

/**
 * Completion claims the partner cannot check (Table 1 "unverifiable claims": an agent asserts a change
 * without evidence the partner can check). A message claims completion ("done", "I've added X", "my
 * task is complete") and gives none of: a file path, a line number or range, a signature (`name(...)`),
 * or a diff / code block. The partner works in a separate sandbox, so these are all it could check.
 */

const DONE_VERBS =
  'added|implemented|completed|finished|updated|modified|created|fixed|made|written|wrote|refactored|inserted|applied|integrated|extended|introduced|wired|landed|pushed|committed';
/** Completion cues, matched per sentence of prose. */
const COMPLETION: readonly RegExp[] = [
  new RegExp(String.raw`\b(?:i|we)(?:'ve| have| had)?\s+(?:just\s+|now\s+|already\s+|also\s+|successfully\s+|finally\s+|manually\s+)*(?:re-?)?(?:${DONE_VERBS})\b`, 'i'),
  /\b(?:my|our|the)\s+(?:[\w.()-]+\s+){0,4}?(?:task|changes?|implementation|work|feature|part|patch|edits?)\b(?:[^.!?]|[.!?](?=\S)){0,60}?\b(?:is|are|has been|have been)\s+(?:now\s+|fully\s+)?(?:complete|completed|done|finished|ready|in place|implemented|finalized)\b/i,
  /\b(?:has|have) been (?:successfully\s+)?(?:implemented|added|completed)\b/i,
  /^(?:done|finished|completed|all done)\b/i,
  /\bi(?:'m| am) (?:now\s+)?(?:done|finished)\b/i,
];
/** A claim inside a condition or a negation is not a claim: "once I've added", "I haven't finished". */
const NOT_A_CLAIM = /\b(?:once|after|when|if|until|before|whether)\s+(?:i|we)\b|\b(?:haven't|have not|hasn't|not yet|didn't|did not)\b/i;

export function completionClaim(a: MessageAnalysis): string | null {
  for (const s of a.sentences) if (COMPLETION.some((re) => re.test(s)) && !NOT_A_CLAIM.test(s)) return s;
  return null;
}

/** The harness's own output file ("patch.txt written") says nothing about the code. */
const HARNESS_FILE = /(?:^|\/)patch\.(?:txt|diff)$/i;

/** What the partner could check in that message. */
export function checkableEvidence(a: MessageAnalysis): boolean {
  return a.paths.some((p) => !HARNESS_FILE.test(p)) || a.lineRefs.length > 0 || SIGNATURE.test(a.body) || hasCodeEvidence(a.body);
}

export const unverifiableClaims = conversationHeuristic({
  name: 'unverifiable_claims',
  description: 'Completion claims ("done", "I\'ve added X", "my task is complete") in a message with no file path, line number, signature `name(...)` or diff the partner could check.',
  estimates: { symptom: 'unverifiable_claims' },
  detect: (t) => evidenceFromMessages(t, unverifiable),
});

function unverifiable(a: MessageAnalysis): string[] {
  const claim = completionClaim(a);
  if (claim === null || checkableEvidence(a)) return [];
  // A bare "done." says little as a quote: show the message's opening instead.
  return [`message ${a.message.index} (${a.message.from}): "${quote(claim.length < 20 ? a.body : claim)}"`];
}
