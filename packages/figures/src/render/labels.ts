import type { Cause, CommErrorCode, CommErrorGroup, Symptom } from '@cooperbench-repro/contracts';

/** Names printed for the judge's codes, groups, symptoms and causes, and for models on an axis. */

/** Figure 6 sub-codes per panel, in stacking order. */
export const FIG6_GROUP_CODES: Readonly<Record<CommErrorGroup, readonly CommErrorCode[]>> = {
  repetition: ['C4a', 'C4b'],
  unresponsiveness: ['C1a', 'C1b', 'C2'],
  hallucination: ['plan_drift', 'C3a', 'C3b'],
};

/** The paper's sub-category names. */
export const COMM_ERROR_LABELS: Readonly<Record<CommErrorCode, string>> = {
  C4a: 'Repeats same information',
  C4b: 'Near-duplicate status blocks',
  C1a: 'No reply to direct question',
  C1b: 'Reply but ignores question',
  C2: 'Vague / non-answer',
  plan_drift: 'Plan drift / unilateral deviation',
  C3a: 'Hallucination (uncorrected)',
  C3b: 'Hallucination (corrected)',
};

export const COMM_ERROR_GROUP_LABELS: Readonly<Record<CommErrorGroup, string>> = {
  repetition: 'Repetition',
  unresponsiveness: 'Unresponsiveness',
  hallucination: 'Hallucination',
};

/** Table 1 symptoms, in the paper's order. */
export const SYMPTOM_LABELS: Readonly<Record<Symptom, string>> = {
  work_overlap: 'Work overlap',
  divergent_architecture: 'Divergent architecture',
  repetition: 'Repetition',
  unresponsiveness: 'Unresponsiveness',
  unverifiable_claims: 'Unverifiable claims',
  broken_commitment: 'Broken commitment',
  dependency_access: 'Dependency access',
  placeholder_misuse: 'Placeholder misuse',
  parameter_flow: 'Parameter flow',
  timing_dependency: 'Timing dependency',
};

/** Table 2 causes, in the paper's order. */
export const CAUSE_LABELS: Readonly<Record<Cause, string>> = {
  expectation: 'Expectation',
  commitment: 'Commitment',
  communication: 'Communication',
};

/** Fisher (or other) p-value as printed in labels. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return 'p n/a';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p.toFixed(3)}`;
}

/** Model names longer than this are shortened in the middle on the axis (the CSV keeps them whole). */
const MAX_MODEL_CHARS = 40;

/** `name` shortened in the middle to MAX_MODEL_CHARS, so that a p-value after it stays visible. */
export function shortModelName(name: string): string {
  if (name.length <= MAX_MODEL_CHARS) return name;
  const tail = 14;
  return `${name.slice(0, MAX_MODEL_CHARS - tail - 1)}…${name.slice(-tail)}`;
}
