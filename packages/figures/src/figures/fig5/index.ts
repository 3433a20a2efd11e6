import type { CommunicationFile } from '@cooperbench-repro/contracts';
import { paperFigure, type FigureDefinition, type PaperFigureOptions } from '../../render/figure.js';
import { FIG5_CSV_COLUMNS, fig5Data } from './data.js';
import { FIG5_TITLE, fig5Spec } from './spec.js';

/**
 * Figure 5 of the paper: communication.
 * (a) success rate with vs without messaging per model (`comm_vs_nocomm[].success`), Wilson whiskers,
 *     Fisher p in the row label; the paper's Table 6 LLM-merge values as separate "Paper: ..." rows.
 * (b) naive-merge conflict rate with vs without messaging per model (`comm_vs_nocomm[].conflict`); the
 *     paper prints no per-model values, so there is no reference (the subtitle says so).
 * (c) messages as % of all agent actions per model (`communication_share`, arms with messages), stacked by
 *     speech act; the paper's Fig. 5(c) totals as separate "Paper: ..." rows (it gives no breakdown).
 * The paper's models are never matched to the data's model names.
 */

export { FIG5_CSV_COLUMNS, communicationSubtitle, fig5Data, type Fig5Data } from './data.js';
export { FIG5_AXIS_TITLES, FIG5_PANEL_TITLES, FIG5_TITLE, fig5Spec } from './spec.js';

/** Figure 5's options: `paperReference` (default true) and `source` (default data/communication.json). */
export type Fig5Options = PaperFigureOptions;

export function fig5(data: CommunicationFile, opts: Fig5Options = {}): FigureDefinition {
  return paperFigure({ name: 'fig5', title: FIG5_TITLE, columns: FIG5_CSV_COLUMNS, defaultSource: 'data/communication.json', data: fig5Data, spec: fig5Spec }, data, opts);
}
