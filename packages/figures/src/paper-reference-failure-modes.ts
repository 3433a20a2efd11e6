import type { Cause, CommErrorCode, CommErrorGroup, Symptom } from '@cooperbench-repro/contracts';
import type { PaperModel } from './paper-reference-communication.js';

/**
 * Published reference values of the CooperBench paper (arXiv:2601.13295) for Figure 6 (communication
 * errors), Table 1 (coordination-failure symptoms) and Table 2 (root causes), embedded as constants.
 *
 * Source of every number: the paper's v2 text (transcribed in paper_reference_numbers.csv, source column
 * "paper v2 text ... @b41f5e06"); a test checks these constants against that CSV.
 *
 * - PAPER_FIG6: Figure 6 per model, (a) average conversation turns and (b)-(d) percent of conversations
 *   with a repetition / unresponsiveness / hallucination error (metrics fig6a_avg_conversation_turns,
 *   fig6b_repetition, fig6c_unresponsiveness, fig6d_hallucination). The bars are stacked by sub-category
 *   in the paper, but the sub-category values are not in its text: totals only.
 * - PAPER_TABLE1: Table 1, share of failed coop trajectories per primary symptom (GPT-5 judge; metric
 *   table1_symptom_share). The column sums to 99.9.
 * - PAPER_TABLE2: Table 2, root causes, assigned BY HAND on 50 failed coop traces (metric
 *   table2_root_cause_share): 42 / 32 / 26. The old website's 63/28/10 is a stale pre-paper number and is
 *   not used anywhere.
 */

export interface PaperFig6Values {
  /** (a) average conversation turns. */
  turns: number;
  /** (b)-(d), percent of conversations. */
  repetition: number;
  unresponsiveness: number;
  hallucination: number;
}

/** Figure 6, per paper model (models as in PAPER_MODELS, never matched to ours). */
export const PAPER_FIG6: Readonly<Record<PaperModel['key'], PaperFig6Values>> = {
  claude: { turns: 14.5, repetition: 37.1, unresponsiveness: 9.9, hallucination: 6.9 },
  gpt5: { turns: 15.5, repetition: 5.1, unresponsiveness: 5.8, hallucination: 2.1 },
  minimax: { turns: 10.8, repetition: 17.8, unresponsiveness: 21.3, hallucination: 5.4 },
  qwen: { turns: 3.2, repetition: 6.8, unresponsiveness: 1.9, hallucination: 0.0 },
  qwen_coder: { turns: 1.1, repetition: 0.0, unresponsiveness: 0.0, hallucination: 0.0 },
};

/** Figure 6 sub-codes per panel, in stacking order, with the paper's sub-category names. */
export const FIG6_GROUP_CODES: Readonly<Record<CommErrorGroup, readonly CommErrorCode[]>> = {
  repetition: ['C4a', 'C4b'],
  unresponsiveness: ['C1a', 'C1b', 'C2'],
  hallucination: ['plan_drift', 'C3a', 'C3b'],
};

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

/** Table 1, percent of failed coop trajectories per (primary) symptom, in the paper's order. */
export const PAPER_TABLE1: Readonly<Record<Symptom, number>> = {
  work_overlap: 33.2,
  divergent_architecture: 29.7,
  repetition: 14.7,
  unresponsiveness: 8.7,
  unverifiable_claims: 4.3,
  broken_commitment: 3.7,
  dependency_access: 1.7,
  placeholder_misuse: 1.5,
  parameter_flow: 1.3,
  timing_dependency: 1.1,
};

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

/** Table 2, percent of 50 manually coded failed coop traces (42/32/26). */
export const PAPER_TABLE2: Readonly<Record<Cause, number>> = {
  expectation: 42,
  commitment: 32,
  communication: 26,
};

export const CAUSE_LABELS: Readonly<Record<Cause, string>> = {
  expectation: 'Expectation',
  commitment: 'Commitment',
  communication: 'Communication',
};

/** How many traces the paper coded by hand for Table 2. */
export const PAPER_TABLE2_TRACES = 50;

export const PAPER_FIG6_SOURCE = 'paper Fig. 6 bar labels (totals only)';
