import type { DifficultyFile } from '@cooperbench-repro/contracts';
import type { TopLevelSpec } from 'vega-lite';
import type { CsvRow } from '../render/csv.js';
import type { FigureDefinition } from '../render/figure.js';
import { difficultyProvenance } from '../render/provenance.js';
import { AXIS_TITLES, POOLED_MODEL, armColors, armLabel, baseConfig, fmt2, provenanceSubtitle, sortArms } from '../render/style.js';

/**
 * The per-model version of Figure 4 (right), as in the paper's Figure 7 (App. C): one small panel per
 * model, success rate against relative difficulty for Solo and each coop arm, with Wilson bands. Each
 * panel's subtitle gives the AUC of every arm and the retention of the coop arms.
 */

export interface Fig4PerModelOptions {
  source?: string;
}

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

const PANEL_WIDTH = 250;
const PANEL_HEIGHT = 180;

export function fig4PerModel(data: DifficultyFile, opts: Fig4PerModelOptions = {}): FigureDefinition {
  const source = opts.source ?? 'data/difficulty.json';
  const curves = data.curves.filter((c) => c.model !== POOLED_MODEL);
  const arms = sortArms(curves.map((c) => c.arm));
  const colors = armColors(arms);
  const soloAuc = (model: string) => curves.find((c) => c.model === model && c.arm === 'solo')?.auc ?? -1;
  // Paper order: strongest Solo model first.
  const models = [...new Set(curves.map((c) => c.model))].sort((a, b) => soloAuc(b) - soloAuc(a) || (a < b ? -1 : a > b ? 1 : 0));
  const retentionOf = (model: string, arm: string) => data.comparisons.find((c) => c.model === model && c.arm === arm)?.retention ?? null;

  const csv: CsvRow[] = [];
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
        csv.push({
          model,
          arm,
          label: armLabel(arm),
          bucket: p.bucket,
          midpoint: p.midpoint,
          successes: p.successes,
          total: p.total,
          unknown: p.unknown,
          rate: p.rate,
          ci_low: p.ci_low,
          ci_high: p.ci_high,
          auc: curve.auc,
          retention,
        });
      }
    }
    return { model, rows, lines };
  });

  const x = {
    field: 'midpoint',
    type: 'quantitative' as const,
    title: AXIS_TITLES.difficultyShort,
    scale: { domain: [0, 1] },
    axis: { values: [0, 0.2, 0.4, 0.6, 0.8, 1], format: '.1f' },
  };
  const y = { type: 'quantitative' as const, scale: { domain: [0, 1] }, title: AXIS_TITLES.successShort, axis: { format: '.1f' } };
  const color = {
    field: 'arm',
    type: 'nominal' as const,
    scale: { domain: arms.map(armLabel), range: colors },
    legend: { title: null, orient: 'top' as const, direction: 'horizontal' as const, symbolType: 'stroke', symbolSize: 400, symbolStrokeWidth: 2.5, symbolOpacity: 1, labelFontSize: 12 },
  };

  const subtitle = provenanceSubtitle(difficultyProvenance(data, source));
  const title = 'Figure 4 per model (paper Fig. 7): success rate vs. relative task difficulty';
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: subtitle.lines, subtitleColor: subtitle.color },
    config: baseConfig(),
    columns: Math.max(1, Math.min(3, panels.length)),
    concat:
      panels.length > 0
        ? panels.map((p) => ({
            title: { text: p.model, subtitle: p.lines, fontSize: 14, subtitleFontSize: 11.5, subtitleColor: '#333333' },
            width: PANEL_WIDTH,
            height: PANEL_HEIGHT,
            data: { values: p.rows },
            layer: [
              {
                mark: { type: 'area' as const, opacity: 0.16 },
                encoding: { x, y: { field: 'ci_low', ...y }, y2: { field: 'ci_high' }, color },
              },
              {
                mark: { type: 'line' as const, strokeWidth: 2, point: { filled: true, size: 28 } },
                encoding: {
                  x,
                  y: { field: 'rate', ...y },
                  color,
                  tooltip: [
                    { field: 'arm', type: 'nominal' as const },
                    { field: 'midpoint', type: 'quantitative' as const, title: 'bucket midpoint' },
                    { field: 'rate', type: 'quantitative' as const, format: '.3f' },
                    { field: 'k', type: 'quantitative' as const, title: 'successes' },
                    { field: 'n', type: 'quantitative' as const, title: 'tasks' },
                  ],
                },
              },
            ],
          }))
        : [
            {
              title: { text: `No per-model curves in ${source}` },
              width: PANEL_WIDTH,
              height: PANEL_HEIGHT,
              data: { values: [] },
              mark: { type: 'point' as const },
              encoding: { x, y: { field: 'rate', ...y } },
            },
          ],
  };

  return { name: 'fig4-per-model', title, spec, csv: { columns: FIG4_PER_MODEL_CSV_COLUMNS, rows: csv } };
}
