import { CAUSES, COMM_ERROR_GROUPS, SYMPTOMS, type Cause, type CommErrorGroup, type Symptom } from '@cooperbench-repro/contracts';
import { paperNumbers, type PaperNumbers } from '@cooperbench-repro/public-data';

/**
 * The CooperBench paper's published numbers for Figure 6, Table 1 and Table 2 (arXiv:2601.13295 v2),
 * read from the one file that holds them, data/reference/paper/paper_reference_numbers.csv (through
 * paperNumbers() of @cooperbench-repro/public-data). Only the CSV's metric and model keys are written
 * here; no number is.
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

/** CSV metric of each Figure 6 panel (the `model` column holds the paper model key). */
export const PAPER_FIG6_METRICS = {
  avg_turns: 'fig6a_avg_conversation_turns',
  repetition: 'fig6b_repetition',
  unresponsiveness: 'fig6c_unresponsiveness',
  hallucination: 'fig6d_hallucination',
} as const;

/** Figure 6 bar labels per paper model; the sub-code splits are only drawn, never printed, so there are none. */
export function paperFig6(numbers: PaperNumbers = paperNumbers()): Readonly<Record<PaperFig6Model, PaperFig6Row>> {
  const row = (model: PaperFig6Model): PaperFig6Row => ({
    avg_turns: numbers.value(PAPER_FIG6_METRICS.avg_turns, model),
    percent: Object.fromEntries(COMM_ERROR_GROUPS.map((g) => [g, numbers.value(PAPER_FIG6_METRICS[g], model)])) as Record<CommErrorGroup, number>,
  });
  return Object.fromEntries(PAPER_FIG6_MODELS.map((m) => [m, row(m)])) as Record<PaperFig6Model, PaperFig6Row>;
}

/**
 * Table 1, CSV metric table1_symptom_share (the `model` column holds the symptom): percent of the
 * (primary) symptoms over failed coop trajectories of five models, GPT-5 judge (the column sums to about 100).
 */
export const PAPER_TABLE1_METRIC = 'table1_symptom_share';
export function paperTable1Percent(numbers: PaperNumbers = paperNumbers()): Readonly<Record<Symptom, number>> {
  return Object.fromEntries(SYMPTOMS.map((s) => [s, numbers.value(PAPER_TABLE1_METRIC, s)])) as Record<Symptom, number>;
}

/**
 * Table 2, CSV metric table2_root_cause_share: causes assigned BY HAND on 50 failed coop traces
 * (paper v2, current website, README); the old website's shares are stale and never used.
 */
export const PAPER_TABLE2_METRIC = 'table2_root_cause_share';
export function paperTable2Percent(numbers: PaperNumbers = paperNumbers()): Readonly<Record<Cause, number>> {
  return Object.fromEntries(CAUSES.map((c) => [c, numbers.value(PAPER_TABLE2_METRIC, c)])) as Record<Cause, number>;
}

/** CSV judge_human_agreement / gpt5-judge: percent of 50 trajectories on which judge and humans agreed, Wilson 95% in the unit column (App. G). */
export const PAPER_JUDGE_HUMAN_AGREEMENT_ROW = { metric: 'judge_human_agreement', model: 'gpt5-judge' } as const;
export function paperJudgeHumanAgreementPercent(numbers: PaperNumbers = paperNumbers()): number {
  return numbers.value(PAPER_JUDGE_HUMAN_AGREEMENT_ROW.metric, PAPER_JUDGE_HUMAN_AGREEMENT_ROW.model);
}
