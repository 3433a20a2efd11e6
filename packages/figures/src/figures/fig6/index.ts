import type { FailureModesFile } from '@cooperbench-repro/contracts';
import type { FigureDefinition } from '../../render/figure.js';
import { FIG6_CSV_COLUMNS, fig6Data } from './data.js';
import { FIG6_TITLE, fig6Spec } from './spec.js';

/**
 * Figure 6 of the paper: communication errors, per model.
 * (a) average conversation turns (`fig6[].avg_turns`);
 * (b) repetition, (c) unresponsiveness, (d) hallucination: percent of conversations with an error of the
 *     group, stacked by sub-code, Wilson whiskers on the group total: one "· human-coded" row per model
 *     the gold set codes (`human_coded.fig6`), one "· LLM judge" row per model when the judge ran
 *     (`fig6[].groups[].share`, `by_code`), then the paper's bar labels as grey "Paper: …" rows (totals
 *     only; the paper's models are never matched to the data's model names);
 * (e) the heuristic estimates (`fig6[].groups[].heuristic`) in a panel of their own, with their
 *     precision and recall against the gold set: never on the same axis as a judge-based value.
 * Panels (b)-(e) share one x-scale. When the judge did not run the figure says so in red on its face.
 */

export {
  FIG6_CSV_COLUMNS,
  FIG6_HEURISTIC_SERIES,
  FIG6_JUDGE_NOT_RUN,
  FIG6_NOT_MEASURED,
  FIG6_PAPER_SERIES,
  HUMAN_ROW,
  JUDGE_ROW,
  codeLegendLabel,
  failureModesSubtitle,
  fig6Data,
  type Fig6Data,
} from './data.js';
export { FIG6_AXIS_TITLES, FIG6_PANEL_TITLES, FIG6_TITLE, fig6Spec } from './spec.js';

export interface Fig6Options {
  /** Show the paper's values as reference rows (default true). */
  paperReference?: boolean;
  /** How the data file is named in the figure's subtitle. */
  source?: string;
}

export function fig6(data: FailureModesFile, opts: Fig6Options = {}): FigureDefinition {
  const d = fig6Data(data, { paperReference: opts.paperReference ?? true, source: opts.source ?? 'data/failure-modes.json' });
  return { name: 'fig6', title: FIG6_TITLE, spec: fig6Spec(d), csv: { columns: FIG6_CSV_COLUMNS, rows: d.csv } };
}
