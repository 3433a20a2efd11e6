import type { GoldConversation } from './gold-set.js';

/**
 * What each heuristic detector is meant to find, stated as a condition on the human-coded gold set:
 * the one place that pairs a detector with the paper's categories. Symptom targets only apply to
 * failed runs (symptoms are coded for failed coop runs only); `null`: no gold counterpart.
 */
export interface HeuristicTarget {
  /** For the report: what counts as a positive in the gold set. */
  gold: string;
  appliesTo: (g: GoldConversation) => boolean;
  positive: (g: GoldConversation) => boolean;
}

const hasSymptom = (g: GoldConversation, symptom: string) => g.primary === symptom || g.secondary.includes(symptom);
const failed = (g: GoldConversation) => g.outcome === 'fail';
const any = () => true;

export const HEURISTIC_TARGETS: Record<string, HeuristicTarget | null> = {
  repetition: { gold: 'communication error C4a or C4b (Fig. 6 Repetition)', appliesTo: any, positive: (g) => g.comm_error === 'C4a' || g.comm_error === 'C4b' },
  unanswered_questions: { gold: 'communication error C1a, C1b or C2 (Fig. 6 Unresponsiveness)', appliesTo: any, positive: (g) => ['C1a', 'C1b', 'C2'].includes(g.comm_error) },
  unverifiable_claims: { gold: 'symptom unverifiable_claims, primary or secondary (failed runs)', appliesTo: failed, positive: (g) => hasSymptom(g, 'unverifiable_claims') },
  broken_commitment: { gold: 'symptom broken_commitment, primary or secondary (failed runs)', appliesTo: failed, positive: (g) => hasSymptom(g, 'broken_commitment') },
  overlapping_edits: { gold: 'symptom work_overlap, primary or secondary (failed runs)', appliesTo: failed, positive: (g) => hasSymptom(g, 'work_overlap') },
  work_overlap_claims: { gold: 'symptom work_overlap, primary or secondary (failed runs)', appliesTo: failed, positive: (g) => hasSymptom(g, 'work_overlap') },
  stale_line_references: null,
};
