import type { DifficultyFile } from '@cooperbench-repro/contracts';
import type { FigureDefinition } from '../../render/figure.js';
import { FIG4_CSV_COLUMNS, fig4Data } from './data.js';
import { FIG4_TITLE, fig4Spec } from './spec.js';

/**
 * Figure 4 of the paper: the coordination gap.
 * Left: per model, success rate of Solo and of each coop arm, with Wilson error bars (`overall`).
 * Right: pooled success rate against relative difficulty at bucket midpoints (`curves`, model "pooled"),
 * one line per arm with Wilson bands, the Solo-vs-main-coop gap shaded, AUC and retention in the legend,
 * and optionally the paper's own pooled curve (website copy) dashed.
 */

export { FIG4_CSV_COLUMNS, fig4Data, type Fig4Data } from './data.js';
export { FIG4_TITLE, fig4Spec } from './spec.js';

export interface Fig4Options {
  /** Overlay the paper's pooled curve (default true). */
  paperReference?: boolean;
  /** How the data file is named in the figure's subtitle. */
  source?: string;
}

export function fig4(data: DifficultyFile, opts: Fig4Options = {}): FigureDefinition {
  const d = fig4Data(data, { paperReference: opts.paperReference ?? true, source: opts.source ?? 'data/difficulty.json' });
  return { name: 'fig4', title: FIG4_TITLE, spec: fig4Spec(d), csv: { columns: FIG4_CSV_COLUMNS, rows: d.csv } };
}
