import type { FailureModesFile } from '@cooperbench-repro/contracts';
import { paperFigure, type FigureDefinition, type PaperFigureOptions } from '../../render/figure.js';
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
 *     precision, recall, kappa and validation status against the gold set (a detector below the floors
 *     is dropped with a note): never on the same axis as a judge-based value.
 * Panels (b)-(e) share one x-scale. When the judge did not run the figure says so in red on its face.
 */

export {
  FIG6_CSV_COLUMNS,
  FIG6_HEURISTIC_DROPPED,
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

/** Figure 6's options: `paperReference` (default true) and `source` (default data/failure-modes.json). */
export type Fig6Options = PaperFigureOptions;

export function fig6(data: FailureModesFile, opts: Fig6Options = {}): FigureDefinition {
  return paperFigure({ name: 'fig6', title: FIG6_TITLE, columns: FIG6_CSV_COLUMNS, defaultSource: 'data/failure-modes.json', data: fig6Data, spec: fig6Spec }, data, opts);
}
