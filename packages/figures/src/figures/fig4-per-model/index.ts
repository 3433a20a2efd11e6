import type { DifficultyFile } from '@cooperbench-repro/contracts';
import type { FigureDefinition } from '../../render/figure.js';
import { FIG4_PER_MODEL_CSV_COLUMNS, fig4PerModelData } from './data.js';
import { FIG4_PER_MODEL_TITLE, fig4PerModelSpec } from './spec.js';

/**
 * The per-model version of Figure 4 (right), as in the paper's Figure 7 (App. C): one small panel per
 * model, success rate against relative difficulty for Solo and each coop arm, with Wilson bands. Each
 * panel's subtitle gives the AUC of every arm and the retention of the coop arms.
 */

export { FIG4_PER_MODEL_CSV_COLUMNS, fig4PerModelData, type Fig4PerModelData } from './data.js';
export { FIG4_PER_MODEL_TITLE, fig4PerModelSpec } from './spec.js';

export interface Fig4PerModelOptions {
  source?: string;
}

export function fig4PerModel(data: DifficultyFile, opts: Fig4PerModelOptions = {}): FigureDefinition {
  const d = fig4PerModelData(data, { source: opts.source ?? 'data/difficulty.json' });
  return { name: 'fig4-per-model', title: FIG4_PER_MODEL_TITLE, spec: fig4PerModelSpec(d), csv: { columns: FIG4_PER_MODEL_CSV_COLUMNS, rows: d.csv } };
}
