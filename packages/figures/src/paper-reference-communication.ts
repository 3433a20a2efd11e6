/**
 * Published reference values of the CooperBench paper (arXiv:2601.13295) for Figure 5 and the §5
 * qualitative findings, embedded as constants so figures and tables can show them without reading
 * anything outside the repository.
 *
 * Source of every number: the paper's v2 text (transcribed in paper_reference_numbers.csv, source
 * column "paper v2 text ... @b41f5e06"); a test checks these constants against that CSV.
 *
 * - PAPER_TABLE6_LLM: Table 6 (App. E), merge success with the LLM merge, "comm" vs "no comm" columns,
 *   in percent (metrics table6_merge_success_comm_llm / table6_merge_success_nocomm_llm). These are the
 *   values of Figure 5(a).
 * - PAPER_FIG5C_SHARE: Figure 5(c) bar labels, communication events as a percent of all execution events
 *   (metric fig5c_comm_events_share). The model assignment follows the figure's y-axis order (Claude,
 *   GPT-5, MiniMax, Qwen3-Instruct, Qwen3-Coder); some third-party summaries swap the two Qwen values.
 *   The paper gives no per-act breakdown of these totals.
 * - Figure 5(b): the paper prints no per-model conflict rates, so there are no constants for it.
 * - PAPER_QUALITATIVE: §5 findings (metrics plan_question_ratio_*, conflict_rate_*first_turn_plan,
 *   line_number_mentions_*, file_path_mentions_*).
 */

export interface PaperModel {
  /** Key used in paper_reference_numbers.csv. */
  key: 'claude' | 'gpt5' | 'minimax' | 'qwen' | 'qwen_coder';
  /** Name printed in figures: always prefixed "Paper: " there, never matched to the user's models. */
  label: string;
}

/** In the order of the paper's Figure 5 y axis. */
export const PAPER_MODELS: readonly PaperModel[] = [
  { key: 'claude', label: 'Claude Sonnet 4.5' },
  { key: 'gpt5', label: 'GPT-5' },
  { key: 'minimax', label: 'MiniMax M2' },
  { key: 'qwen', label: 'Qwen3-Instruct' },
  { key: 'qwen_coder', label: 'Qwen3-Coder' },
];

/** Table 6, LLM merge, percent of tasks: with messaging (comm) and without (no comm). */
export const PAPER_TABLE6_LLM: Readonly<Record<PaperModel['key'], { with: number; without: number }>> = {
  claude: { with: 25.92, without: 27.3 },
  gpt5: { with: 27.9, without: 27.91 },
  minimax: { with: 13.96, without: 14.88 },
  qwen: { with: 4.6, without: 3.37 },
  qwen_coder: { with: 13.34, without: 14.72 },
};

/** Figure 5(c) bar labels: communication events as percent of all execution events. */
export const PAPER_FIG5C_SHARE: Readonly<Record<PaperModel['key'], number>> = {
  claude: 20.0,
  gpt5: 16.3,
  minimax: 13.6,
  qwen: 6.2,
  qwen_coder: 3.3,
};

/** §5 findings, pooled over models. */
export const PAPER_QUALITATIVE = {
  /** Plan:Question message ratio in conflict-free vs conflict trajectories. */
  plan_question_ratio: { no_conflict: 2.04, conflict: 1.31 },
  /** Naive-merge conflict rate (percent) with vs without a Plan message in the first turn. */
  first_turn_plan_conflict_pct: { with_plan: 29.4, without_plan: 51.5 },
  /** Mean line-number mentions per trajectory, successful vs failed. */
  line_number_mentions: { success: 32.6, failure: 22.5 },
  /** Mean file-path mentions per trajectory, successful vs failed. */
  file_path_mentions: { success: 13.1, failure: 10.0 },
} as const;

export const PAPER_FIG5_SOURCE = 'paper Table 6 (LLM merge) and Fig. 5(c) bar labels';
