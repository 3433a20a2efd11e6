import type { DifficultyFile } from '@cooperbench-repro/contracts';
import { paperFigure, type FigureDefinition, type PaperFigureOptions } from '../../render/figure.js';
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

/** Figure 4's options: `paperReference` (default true) and `source` (default data/difficulty.json). */
export type Fig4Options = PaperFigureOptions;

export function fig4(data: DifficultyFile, opts: Fig4Options = {}): FigureDefinition {
  return paperFigure({ name: 'fig4', title: FIG4_TITLE, columns: FIG4_CSV_COLUMNS, defaultSource: 'data/difficulty.json', data: fig4Data, spec: fig4Spec }, data, opts);
}
