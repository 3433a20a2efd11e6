import type { DifficultyFile } from '@cooperbench-repro/contracts';
import { csvRows, type CsvRow } from '../../render/csv.js';
import { difficultyProvenance } from '../../render/provenance.js';
import { POOLED_MODEL, armColors, armLabel, fmt2, provenanceSubtitle, sortArms } from '../../render/style.js';
import type { Subtitle } from '../../render/subtitle.js';

/** Data step of the per-model Figure 4: stage output (data/difficulty.json) -> one panel of rows per model. */

export const FIG4_PER_MODEL_CSV_COLUMNS = [
  'model',
  'arm',
  'label',
  'bucket',
  'midpoint',
  'successes',
  'total',
  'unknown',
  'rate',
  'ci_low',
  'ci_high',
  'auc',
  'retention',
] as const;

export interface Fig4PerModelData {
  subtitle: Subtitle;
  source: string;
  arms: string[];
  colors: string[];
  /** Paper order: strongest Solo model first; `lines` are the panel subtitle (AUC, retention). */
  panels: { model: string; rows: Record<string, unknown>[]; lines: string[] }[];
  csv: CsvRow[];
}

export function fig4PerModelData(data: DifficultyFile, opts: { source: string }): Fig4PerModelData {
  const curves = data.curves.filter((c) => c.model !== POOLED_MODEL);
  const arms = sortArms(curves.map((c) => c.arm));
  const soloAuc = (model: string) => curves.find((c) => c.model === model && c.arm === 'solo')?.auc ?? -1;
  const models = [...new Set(curves.map((c) => c.model))].sort((a, b) => soloAuc(b) - soloAuc(a) || (a < b ? -1 : a > b ? 1 : 0));
  const retentionOf = (model: string, arm: string) => data.comparisons.find((c) => c.model === model && c.arm === arm)?.retention ?? null;

  const csv = csvRows(FIG4_PER_MODEL_CSV_COLUMNS);
  const panels = models.map((model) => {
    const rows: Record<string, unknown>[] = [];
    const lines: string[] = [];
    for (const arm of arms) {
      const curve = curves.find((c) => c.model === model && c.arm === arm);
      if (!curve) continue;
      const retention = arm === 'solo' ? null : retentionOf(model, arm);
      lines.push(arm === 'solo' ? `${armLabel(arm)}: AUC ${fmt2(curve.auc)}` : `${armLabel(arm)}: AUC ${fmt2(curve.auc)}, retention ${fmt2(retention)}`);
      for (const p of curve.points) {
        if (p.total === 0 || p.rate === null) continue; // empty buckets are not drawn
        rows.push({ arm: armLabel(arm), midpoint: p.midpoint, rate: p.rate, ci_low: p.ci_low, ci_high: p.ci_high, n: p.total, k: p.successes });
        const { bucket, midpoint, successes, total, unknown, rate, ci_low, ci_high } = p;
        csv.add({ model, arm, label: armLabel(arm), bucket, midpoint, successes, total, unknown, rate, ci_low, ci_high, auc: curve.auc, retention });
      }
    }
    return { model, rows, lines };
  });
  return { subtitle: provenanceSubtitle(difficultyProvenance(data, opts.source)), source: opts.source, arms, colors: armColors(arms), panels, csv: csv.rows };
}
