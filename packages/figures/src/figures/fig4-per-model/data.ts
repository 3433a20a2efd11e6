import { describePolicy, type DifficultyFile } from '@cooperbench-repro/contracts';
import { csvRows, type CsvRow } from '../../render/csv.js';
import { DIFFICULTY_CURVE_COLUMNS, difficultySeries, modelsText, segments, type Series } from '../../render/difficulty-series.js';
import { difficultyProvenance } from '../../render/provenance.js';
import { POOLED_MODEL, fmt2, provenanceSubtitle } from '../../render/style.js';
import type { Subtitle } from '../../render/subtitle.js';

/** Data step of the per-model Figure 4: stage output (data/difficulty.json) -> one panel of rows per model. */

export const FIG4_PER_MODEL_CSV_COLUMNS = DIFFICULTY_CURVE_COLUMNS;

export interface Fig4PerModelData {
  subtitle: Subtitle;
  source: string;
  /** Series (arm and era) in legend order. */
  series: Series[];
  /** Caption lines of the whole figure: models, policies, how points are drawn. */
  notes: string[];
  /** Paper order: strongest Solo model first; `lines` are the panel subtitle (AUC, retention, populated buckets). */
  panels: { model: string; rows: Record<string, unknown>[]; lines: string[] }[];
  csv: CsvRow[];
}

export function fig4PerModelData(data: DifficultyFile, opts: { source: string }): Fig4PerModelData {
  const curves = data.curves.filter((c) => c.model !== POOLED_MODEL);
  const series = difficultySeries(data, curves);
  const soloAuc = (model: string) => curves.find((c) => c.model === model && c.arm === 'solo')?.auc ?? -1;
  const models = [...new Set(curves.map((c) => c.model))].sort((a, b) => soloAuc(b) - soloAuc(a) || (a < b ? -1 : a > b ? 1 : 0));
  const retentionOf = (model: string, s: Series) => data.comparisons.find((c) => c.model === model && c.arm === s.arm && c.era === s.era)?.retention ?? null;

  const csv = csvRows(FIG4_PER_MODEL_CSV_COLUMNS);
  const panels = models.map((model) => {
    const rows: Record<string, unknown>[] = [];
    const lines: string[] = [];
    for (const s of series) {
      const curve = curves.find((c) => c.model === model && c.arm === s.arm && c.era === s.era);
      if (!curve) continue;
      const retention = s.arm === 'solo' ? null : retentionOf(model, s);
      const populated = curve.points.filter((p) => p.total > 0 && p.rate !== null); // empty buckets are not drawn
      const auc = s.arm === 'solo' ? `AUC ${fmt2(curve.auc)}` : `AUC ${fmt2(curve.auc)}, retention ${fmt2(retention)}`;
      lines.push(`${s.label}: ${auc}; n per bucket ${populated.map((p) => p.total).join('/') || 'none'}`);
      const seg = segments(populated.map((p) => p.bucket));
      populated.forEach((p, i) => {
        const x = Number((p.midpoint + s.dx).toFixed(6));
        rows.push({ series: s.label, marker: s.label, line_id: `${s.key}#${seg[i]}`, midpoint: p.midpoint, x, rate: p.rate, ci_low: p.ci_low, ci_high: p.ci_high, n: p.total, k: p.successes, label: `${p.successes}/${p.total}` });
        const { bucket, midpoint, successes, total, unknown, rate, ci_low, ci_high, missing, solo_agent1 } = p;
        csv.add({ model, arm: s.arm, label: s.label, bucket, midpoint, successes, total, unknown, rate, ci_low, ci_high, auc: curve.auc, retention, era: s.era, missing, solo_agent1 });
      });
    }
    const solo = curves.find((c) => c.model === model && c.arm === 'solo');
    if (solo) lines.push(`populated buckets: ${solo.populated_buckets.length} of ${data.bucket_edges.length} (midpoints ${solo.points.filter((p) => p.total > 0).map((p) => p.midpoint).join(', ')})`);
    return { model, rows, lines };
  });
  const own = data.overall.filter((o) => o.model !== POOLED_MODEL);
  const notes = [
    `${modelsText(models)}; per bucket: point, ${Math.round(data.options.confidence * 100)}% Wilson whisker and k/n; lines join adjacent populated buckets only; series offset along x so none hides another`,
    describePolicy(data.options, { missing: own.reduce((s, o) => s + o.missing, 0), soloAgent1: own.reduce((s, o) => s + o.solo_agent1, 0) }),
  ];
  return { subtitle: provenanceSubtitle(difficultyProvenance(data, opts.source)), source: opts.source, series, notes, panels, csv: csv.rows };
}
