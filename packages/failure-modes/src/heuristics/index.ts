import type { Heuristic } from './heuristic.js';
import { brokenCommitment } from './broken-commitment.js';
import { overlappingEdits } from './overlapping-edits.js';
import { repetition } from './repetition.js';
import { staleLineReferences } from './stale-line-references.js';
import { unansweredQuestions } from './unanswered-questions.js';
import { unverifiableClaims } from './unverifiable-claims.js';
import { workOverlapClaims } from './work-overlap-claims.js';

export type { Heuristic } from './heuristic.js';
export { brokenCommitment, overlappingEdits, repetition, staleLineReferences, unansweredQuestions, unverifiableClaims, workOverlapClaims };

/** Every heuristic detector, in the order their results are written (keys: each detector's `name`). */
export const HEURISTICS: readonly Heuristic[] = [
  repetition,
  unansweredQuestions,
  overlappingEdits,
  workOverlapClaims,
  staleLineReferences,
  unverifiableClaims,
  brokenCommitment,
];
