import type { Cause, CommErrorGroup, Symptom } from '@cooperbench-repro/contracts';

/**
 * The CooperBench paper's published numbers for Figure 6, Table 1 and Table 2 (arXiv:2601.13295 v2),
 * from paper-definitions.md sections 6-8 and equal to the rows of
 * data/reference/paper/paper_reference_numbers.csv named beside each constant (a test checks
 * them against that file when it is present). Embedded so outputs need nothing outside the repository.
 */

/** CSV `model` keys of the paper's five models, in the order of Figure 6's y axis. */
export const PAPER_FIG6_MODELS = ['claude', 'gpt5', 'minimax', 'qwen', 'qwen_coder'] as const;
export type PaperFig6Model = (typeof PAPER_FIG6_MODELS)[number];

export const PAPER_MODEL_LABELS: Readonly<Record<PaperFig6Model, string>> = {
  claude: 'Claude Sonnet 4.5',
  gpt5: 'GPT-5',
  minimax: 'MiniMax-M2',
  qwen: 'Qwen3-Instruct',
  qwen_coder: 'Qwen3-Coder',
};

export interface PaperFig6Row {
  /** CSV fig6a_avg_conversation_turns. */
  avg_turns: number;
  /** Percent of conversations: CSV fig6b_repetition, fig6c_unresponsiveness, fig6d_hallucination. */
  percent: Readonly<Record<CommErrorGroup, number>>;
}

/** Figure 6 bar labels; the sub-code splits are only drawn, never printed, so there are none. */
export const PAPER_FIG6: Readonly<Record<PaperFig6Model, PaperFig6Row>> = {
  claude: { avg_turns: 14.5, percent: { repetition: 37.1, unresponsiveness: 9.9, hallucination: 6.9 } },
  gpt5: { avg_turns: 15.5, percent: { repetition: 5.1, unresponsiveness: 5.8, hallucination: 2.1 } },
  minimax: { avg_turns: 10.8, percent: { repetition: 17.8, unresponsiveness: 21.3, hallucination: 5.4 } },
  qwen: { avg_turns: 3.2, percent: { repetition: 6.8, unresponsiveness: 1.9, hallucination: 0.0 } },
  qwen_coder: { avg_turns: 1.1, percent: { repetition: 0.0, unresponsiveness: 0.0, hallucination: 0.0 } },
};

/** CSV metric of each Figure 6 panel (the `model` column holds the paper model key). */
export const PAPER_FIG6_METRICS = {
  avg_turns: 'fig6a_avg_conversation_turns',
  repetition: 'fig6b_repetition',
  unresponsiveness: 'fig6c_unresponsiveness',
  hallucination: 'fig6d_hallucination',
} as const;

/**
 * Table 1, CSV metric table1_symptom_share (the `model` column holds the symptom): percent of the
 * (primary) symptoms over failed coop trajectories of five models, GPT-5 judge; the column sums to 99.9.
 */
export const PAPER_TABLE1_PERCENT: Readonly<Record<Symptom, number>> = {
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
export const PAPER_TABLE1_METRIC = 'table1_symptom_share';

/**
 * Table 2, CSV metric table2_root_cause_share: causes assigned BY HAND on 50 failed coop traces.
 * 42/32/26 (paper v2, current website, README); the old website's 63/28/10 is stale and never used.
 */
export const PAPER_TABLE2_PERCENT: Readonly<Record<Cause, number>> = {
  expectation: 42,
  commitment: 32,
  communication: 26,
};
export const PAPER_TABLE2_METRIC = 'table2_root_cause_share';

/** CSV judge_human_agreement / gpt5-judge: 48 of 50 trajectories, Wilson 95% [86%, 99%] (App. G). */
export const PAPER_JUDGE_HUMAN_AGREEMENT = { agreed: 48, total: 50, percent: 96 } as const;
export const PAPER_JUDGE_HUMAN_AGREEMENT_ROW = { metric: 'judge_human_agreement', model: 'gpt5-judge' } as const;
