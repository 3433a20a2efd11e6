import type { CommunicationFile } from '@cooperbench-repro/contracts';
import type { FigureDefinition } from '../../render/figure.js';
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

export interface Fig5Options {
  /** Show the paper's values as reference rows (default true). */
  paperReference?: boolean;
  /** How the data file is named in the figure's subtitle. */
  source?: string;
}

export function fig5(data: CommunicationFile, opts: Fig5Options = {}): FigureDefinition {
  const d = fig5Data(data, { paperReference: opts.paperReference ?? true, source: opts.source ?? 'data/communication.json' });
  return { name: 'fig5', title: FIG5_TITLE, spec: fig5Spec(d), csv: { columns: FIG5_CSV_COLUMNS, rows: d.csv } };
}
