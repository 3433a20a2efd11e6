import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { trapezoidAuc, type Cause, type CommErrorGroup, type Symptom } from '@cooperbench-repro/contracts';
import { paperNumbers, referencePath } from '@cooperbench-repro/public-data';

/**
 * The CooperBench paper's (arXiv:2601.13295) published numbers, as the figures and tables use them.
 * Nothing is written out here: every number is read at run time from the committed reference tables,
 * data/reference/paper/paper_reference_numbers.csv (through `paperNumbers()` of
 * @cooperbench-repro/public-data, keyed by its metric and model columns) and
 * data/reference/paper/fig4_website_coopchart_points.csv (the Fig. 4 website curve).
 * This module is also the one place that maps the paper's model keys to the names printed in figures.
 */

export interface PaperModel {
  /** Key used in paper_reference_numbers.csv (its `model` column). */
  key: 'claude' | 'gpt5' | 'minimax' | 'qwen' | 'qwen_coder';
  /** Name printed in figures: always prefixed "Paper: " there, never matched to the user's models. */
  label: string;
}

/** The paper's models, in the order of its Figure 5 y axis. */
export const PAPER_MODELS: readonly PaperModel[] = [
  { key: 'claude', label: 'Claude Sonnet 4.5' },
  { key: 'gpt5', label: 'GPT-5' },
  { key: 'minimax', label: 'MiniMax M2' },
  { key: 'qwen', label: 'Qwen3-Instruct' },
  { key: 'qwen_coder', label: 'Qwen3-Coder' },
];

/** Row label of a paper model in the figures ("Paper: GPT-5"). */
export const paperRowLabel = (m: PaperModel) => `Paper: ${m.label}`;

/** Citations printed with the reference values. */
export const PAPER_FIG4_SOURCE = 'paper Fig. 4 (authors\u2019 website copy, CoopChart.tsx)';
export const PAPER_FIG5_SOURCE = 'paper Table 6 (LLM merge) and Fig. 5(c) bar labels';
export const PAPER_FIG6_SOURCE = 'paper Fig. 6 bar labels (totals only)';

/** The website copy of Figure 4 (right), relative to data/reference/. */
export const PAPER_FIG4_CURVE_FILE = 'paper/fig4_website_coopchart_points.csv';

const value = (metric: string, model: string) => paperNumbers().value(metric, model);

/** Table 6 (App. E), LLM merge, percent of tasks with messaging (comm) and without (no comm): Fig. 5(a). */
export function paperTable6Llm(key: PaperModel['key']): { with: number; without: number } {
  return { with: value('table6_merge_success_comm_llm', key), without: value('table6_merge_success_nocomm_llm', key) };
}

/** Figure 5(c) bar label: communication events as percent of all execution events (no per-act breakdown). */
export function paperFig5cShare(key: PaperModel['key']): number {
  return value('fig5c_comm_events_share', key);
}

/** §5: naive-merge conflict rate (percent) with vs without a Plan message in the first turn. */
export function paperFirstTurnPlanConflictPct(): { with_plan: number; without_plan: number } {
  return { with_plan: value('conflict_rate_first_turn_plan', 'all'), without_plan: value('conflict_rate_no_first_turn_plan', 'all') };
}

export interface PaperFig6Values {
  /** (a) average conversation turns. */
  turns: number;
  /** (b)-(d), percent of conversations (totals only: the paper's text has no sub-category values). */
  repetition: number;
  unresponsiveness: number;
  hallucination: number;
}

/** Figure 6 bar labels of one paper model. */
export function paperFig6(key: PaperModel['key']): PaperFig6Values {
  return {
    turns: value('fig6a_avg_conversation_turns', key),
    repetition: value('fig6b_repetition', key),
    unresponsiveness: value('fig6c_unresponsiveness', key),
    hallucination: value('fig6d_hallucination', key),
  } satisfies Record<'turns' | CommErrorGroup, number>;
}

/** Table 1: percent of failed coop trajectories with this primary symptom (GPT-5 judge); null when not printed. */
export function paperTable1(symptom: Symptom): number | null {
  return paperNumbers().has('table1_symptom_share', symptom) ? value('table1_symptom_share', symptom) : null;
}

/** Table 2: percent of the failed coop traces coded BY HAND with this root cause. */
export function paperTable2(cause: Cause): number {
  return value('table2_root_cause_share', cause);
}

/** Pairs of the full dataset (data/reference/dataset/pairs.csv: one row per pair), the paper's denominator. */
export function datasetPairs(): number {
  return readFileSync(referencePath('dataset/pairs.csv'), 'utf8').trim().split('\n').length - 1;
}

export interface PaperTable5Row {
  /** Denominator: the dataset's pairs (times the five models for the pooled row). */
  pairs: number;
  solo: number;
  coop: number;
  auc_solo: number;
  auc_coop: number;
  delta_auc: number;
  retention: number;
}

/** Table 5 of the paper for one model key, or `pooled` (counts summed over its five models). */
export function paperTable5(key: PaperModel['key'] | 'pooled'): PaperTable5Row {
  return {
    pairs: datasetPairs() * (key === 'pooled' ? PAPER_MODELS.length : 1),
    solo: value('solo_success_count', key),
    coop: value('coop_success_count_table5', key),
    auc_solo: value('table5_auc_solo', key),
    auc_coop: value('table5_auc_coop', key),
    delta_auc: value('table5_delta_auc', key),
    retention: value('table5_retention', key),
  };
}

/** How many traces the paper coded by hand for Table 2. */
export const PAPER_TABLE2_TRACES = 50;

/** A paper number as printed there: one decimal at least (10 -> "10.0", 2.04 -> "2.04"). */
export function formatPaper(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

// ---- Figure 4 website curve ----------------------------------------------------------------------------

export interface PaperCurvePoint {
  midpoint: number;
  solo: number;
  coop: number;
  solo_err: number;
  coop_err: number;
}

const CURVE_COLUMNS = ['difficulty_bucket_centre', 'solo_success', 'coop_success', 'solo_err', 'coop_err'] as const;
let curveCache: { file: string; points: readonly PaperCurvePoint[] } | null = null;

/**
 * The authors' web copy of Figure 4 (right): pooled success per relative-difficulty bucket midpoint, with
 * the ± error the chart draws (repository cooperbench/website, src/components/CoopChart.tsx @ d2636be71657;
 * the 0.15 bucket is absent there). Read once per process.
 */
export function paperFig4WebsiteCurve(file: string = referencePath(PAPER_FIG4_CURVE_FILE)): readonly PaperCurvePoint[] {
  if (curveCache && curveCache.file === file) return curveCache.points;
  const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const points = records.map((r, i) => {
    const num = (col: (typeof CURVE_COLUMNS)[number]) => {
      const v = Number(r[col]);
      if (r[col] === undefined || r[col].trim() === '' || !Number.isFinite(v)) {
        throw new Error(`${file}: line ${i + 2}, field ${col}: expected a number, got ${JSON.stringify(r[col])}`);
      }
      return v;
    };
    return { midpoint: num('difficulty_bucket_centre'), solo: num('solo_success'), coop: num('coop_success'), solo_err: num('solo_err'), coop_err: num('coop_err') };
  });
  curveCache = { file, points };
  return points;
}


/** AUC of the website curve (populated midpoints only, no extension to 0 and 1) and the retention. */
export function paperCurveAuc(curve: readonly PaperCurvePoint[] = paperFig4WebsiteCurve()): { solo: number; coop: number; retention: number } {
  const solo = trapezoidAuc(curve.map((p) => ({ x: p.midpoint, y: p.solo })))!;
  const coop = trapezoidAuc(curve.map((p) => ({ x: p.midpoint, y: p.coop })))!;
  return { solo, coop, retention: coop / solo };
}
