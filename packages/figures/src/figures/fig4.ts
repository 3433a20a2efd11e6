import type { DifficultyFile } from '@cooperbench-repro/contracts';
import type { TopLevelSpec } from 'vega-lite';
import { PAPER_FIG4_SOURCE, PAPER_FIG4_WEBSITE_CURVE, paperCurveAuc } from '../paper-reference.js';
import type { CsvRow } from '../render/csv.js';
import type { FigureDefinition } from '../render/figure.js';
import { difficultyProvenance } from '../render/provenance.js';
import {
  AXIS_TITLES,
  POOLED_MODEL,
  armColors,
  armLabel,
  baseConfig,
  fmt2,
  mainCoopArm,
  modelLabel,
  provenanceSubtitle,
  sortArms,
} from '../render/style.js';

/**
 * Figure 4 of the paper: the coordination gap.
 * Left: per model, success rate of Solo and of each coop arm, with Wilson error bars (`overall`).
 * Right: pooled success rate against relative difficulty at bucket midpoints (`curves`, model "pooled"),
 * one line per arm with Wilson bands, the Solo-vs-main-coop gap shaded, AUC and retention in the legend,
 * and optionally the paper's own pooled curve (website copy) dashed.
 */

export interface Fig4Options {
  /** Overlay the paper's pooled curve (default true). */
  paperReference?: boolean;
  /** How the data file is named in the figure's subtitle. */
  source?: string;
}

export const FIG4_CSV_COLUMNS = [
  'panel',
  'source',
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

const PAPER_SOLO = 'Paper, Solo';
const PAPER_COOP = 'Paper, Coop';
const WHISKER = '#333333';

export function fig4(data: DifficultyFile, opts: Fig4Options = {}): FigureDefinition {
  const paperReference = opts.paperReference ?? true;
  const source = opts.source ?? 'data/difficulty.json';
  const csv: CsvRow[] = [];

  // ---- left panel: overall success per model and arm -------------------------------------------
  const overall = data.overall.filter((o) => o.total > 0 && o.rate !== null);
  const arms = sortArms([...overall.map((o) => o.arm), ...data.curves.map((c) => c.arm)]);
  const colors = armColors(arms);
  const soloRate = (model: string) => overall.find((o) => o.model === model && o.arm === 'solo')?.rate ?? -1;
  const models = [...new Set(overall.map((o) => o.model))]
    .filter((m) => m !== POOLED_MODEL)
    .sort((a, b) => soloRate(b) - soloRate(a) || (a < b ? -1 : a > b ? 1 : 0));
  if (overall.some((o) => o.model === POOLED_MODEL)) models.push(POOLED_MODEL);

  const barRows = overall
    .filter((o) => models.includes(o.model))
    .map((o) => ({
      model: modelLabel(o.model),
      arm: armLabel(o.arm),
      rate: o.rate,
      ci_low: o.ci_low,
      ci_high: o.ci_high,
      n: o.total,
      k: o.successes,
    }));
  for (const m of models) {
    for (const a of arms) {
      const o = overall.find((x) => x.model === m && x.arm === a);
      if (!o) continue;
      csv.push({
        panel: 'per-model',
        source: 'data',
        model: o.model,
        arm: o.arm,
        label: armLabel(o.arm),
        bucket: null,
        midpoint: null,
        successes: o.successes,
        total: o.total,
        unknown: o.unknown,
        rate: o.rate,
        ci_low: o.ci_low,
        ci_high: o.ci_high,
        auc: null,
        retention: null,
      });
    }
  }

  // ---- right panel: pooled curves ------------------------------------------------------------------
  const pooledCurves = data.curves.filter((c) => c.model === POOLED_MODEL);
  const curveArms = sortArms(pooledCurves.map((c) => c.arm));
  const retentionOf = (arm: string) => data.comparisons.find((c) => c.model === POOLED_MODEL && c.arm === arm)?.retention ?? null;
  const seriesOf = new Map<string, string>();
  for (const arm of curveArms) {
    const curve = pooledCurves.find((c) => c.arm === arm)!;
    seriesOf.set(
      arm,
      arm === 'solo'
        ? `${armLabel(arm)}: AUC ${fmt2(curve.auc)}`
        : `${armLabel(arm)}: AUC ${fmt2(curve.auc)}, retention ${fmt2(retentionOf(arm))}`,
    );
  }
  const curveRows: Record<string, unknown>[] = [];
  for (const arm of curveArms) {
    const curve = pooledCurves.find((c) => c.arm === arm)!;
    for (const p of curve.points) {
      if (p.total === 0 || p.rate === null) continue; // empty buckets are not drawn
      curveRows.push({ series: seriesOf.get(arm), arm, midpoint: p.midpoint, rate: p.rate, ci_low: p.ci_low, ci_high: p.ci_high, n: p.total, k: p.successes });
      csv.push({
        panel: 'difficulty',
        source: 'data',
        model: POOLED_MODEL,
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
        retention: arm === 'solo' ? null : retentionOf(arm),
      });
    }
  }

  // Shaded gap between Solo and the main coop arm, over the buckets both populate.
  const gapArm = mainCoopArm(curveArms);
  const gapRows: { midpoint: number; solo: number; coop: number }[] = [];
  if (curveArms.includes('solo') && gapArm) {
    const solo = pooledCurves.find((c) => c.arm === 'solo')!;
    const coop = pooledCurves.find((c) => c.arm === gapArm)!;
    for (const p of solo.points) {
      const q = coop.points.find((x) => x.bucket === p.bucket);
      if (p.total > 0 && p.rate !== null && q && q.total > 0 && q.rate !== null) gapRows.push({ midpoint: p.midpoint, solo: p.rate, coop: q.rate });
    }
  }

  const paperRows: Record<string, unknown>[] = [];
  const paperAuc = paperCurveAuc();
  const paperSeries = {
    solo: `${PAPER_SOLO}: AUC ${fmt2(paperAuc.solo)}`,
    coop: `${PAPER_COOP}: AUC ${fmt2(paperAuc.coop)}, retention ${fmt2(paperAuc.retention)}`,
  };
  if (paperReference) {
    for (const p of PAPER_FIG4_WEBSITE_CURVE) {
      paperRows.push({ series: paperSeries.solo, midpoint: p.midpoint, rate: p.solo });
      paperRows.push({ series: paperSeries.coop, midpoint: p.midpoint, rate: p.coop });
    }
    for (const [arm, key] of [
      ['solo', 'solo'],
      ['coop', 'coop'],
    ] as const) {
      for (const p of PAPER_FIG4_WEBSITE_CURVE) {
        const rate = p[key];
        const err = key === 'solo' ? p.solo_err : p.coop_err;
        csv.push({
          panel: 'difficulty',
          source: 'paper-website',
          model: POOLED_MODEL,
          arm,
          label: key === 'solo' ? PAPER_SOLO : PAPER_COOP,
          bucket: null,
          midpoint: p.midpoint,
          successes: null,
          total: null,
          unknown: null,
          rate,
          ci_low: Math.round((rate - err) * 1e6) / 1e6,
          ci_high: Math.round((rate + err) * 1e6) / 1e6,
          auc: key === 'solo' ? paperAuc.solo : paperAuc.coop,
          retention: key === 'solo' ? null : paperAuc.retention,
        });
      }
    }
  }

  const seriesDomain = curveArms.map((a) => seriesOf.get(a)!);
  const seriesRange = curveArms.map((a) => colors[arms.indexOf(a)]!);
  const dashRange: number[][] = curveArms.map(() => [1, 0]);
  if (paperReference) {
    seriesDomain.push(paperSeries.solo, paperSeries.coop);
    seriesRange.push('#6baed6', '#f4a582');
    dashRange.push([7, 4], [7, 4]);
  }

  // One legend for the right panel: every layer uses the same colour/dash definitions, so they merge.
  const seriesLegend = {
    title: null,
    orient: 'bottom' as const,
    direction: 'vertical' as const,
    symbolType: 'stroke',
    symbolSize: 500,
    symbolStrokeWidth: 2.5,
    symbolOpacity: 1,
    labelFontSize: 12,
  };
  const seriesColor = { field: 'series', type: 'nominal' as const, scale: { domain: seriesDomain, range: seriesRange }, legend: seriesLegend };
  const seriesDash = { field: 'series', type: 'nominal' as const, scale: { domain: seriesDomain, range: dashRange }, legend: seriesLegend };

  const subtitle = provenanceSubtitle(difficultyProvenance(data, source));
  const title = 'Figure 4. Solo vs. cooperating agents: the coordination gap';
  const xDifficulty = {
    field: 'midpoint',
    type: 'quantitative' as const,
    title: AXIS_TITLES.difficulty,
    scale: { domain: [0, 1] },
    axis: { values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], format: '.1f' },
  };
  const yRate = { type: 'quantitative' as const, scale: { domain: [0, 1] }, title: AXIS_TITLES.success, axis: { format: '.1f' } };

  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: subtitle.lines, subtitleColor: subtitle.color },
    config: baseConfig(),
    resolve: { scale: { color: 'independent', strokeDash: 'independent' }, legend: { color: 'independent', strokeDash: 'independent' } },
    hconcat: [
      {
        title: { text: 'Success rate per model', subtitle: `bars: share of tasks solved; whiskers: Wilson ${Math.round(data.options.confidence * 100)}% interval`, fontSize: 14, subtitleFontSize: 12 },
        width: Math.max(300, models.length * (arms.length * 26 + 22)),
        height: 330,
        data: { values: barRows },
        encoding: {
          x: {
            field: 'model',
            type: 'nominal',
            sort: models.map(modelLabel),
            title: null,
            axis: { labelAngle: -30, labelLimit: 280 },
          },
          xOffset: { field: 'arm', type: 'nominal', sort: arms.map(armLabel), scale: { paddingInner: 0.05 } },
          color: {
            field: 'arm',
            type: 'nominal',
            scale: { domain: arms.map(armLabel), range: colors },
            legend: { title: null, orient: 'top', direction: 'horizontal', gridAlign: 'none', columnPadding: 18 },
          },
        },
        layer: [
          {
            mark: { type: 'bar' },
            encoding: {
              y: { field: 'rate', ...yRate },
              tooltip: [
                { field: 'model', type: 'nominal' },
                { field: 'arm', type: 'nominal' },
                { field: 'rate', type: 'quantitative', format: '.3f' },
                { field: 'k', type: 'quantitative', title: 'successes' },
                { field: 'n', type: 'quantitative', title: 'tasks' },
              ],
            },
          },
          { mark: { type: 'rule', strokeWidth: 1.2 }, encoding: { y: { field: 'ci_low', type: 'quantitative' }, y2: { field: 'ci_high' }, color: { value: WHISKER } } },
          { mark: { type: 'tick', thickness: 1.2, size: 8 }, encoding: { y: { field: 'ci_low', type: 'quantitative' }, color: { value: WHISKER } } },
          { mark: { type: 'tick', thickness: 1.2, size: 8 }, encoding: { y: { field: 'ci_high', type: 'quantitative' }, color: { value: WHISKER } } },
          {
            mark: { type: 'text', dy: -7, fontSize: 9.5, color: '#222222', baseline: 'bottom' },
            encoding: { y: { field: 'ci_high', type: 'quantitative' }, text: { field: 'rate', type: 'quantitative', format: '.2f' } },
          },
        ],
      },
      {
        title: {
          text: 'Pooled success rate vs. relative task difficulty',
          subtitle: [
            'all models pooled (counts summed); one point per difficulty bucket',
            `bands: Wilson ${Math.round(data.options.confidence * 100)}% intervals${gapRows.length > 0 ? `; grey: gap Solo − ${armLabel(gapArm!)}` : ''}`,
            ...(paperReference ? [`dashed: ${PAPER_FIG4_SOURCE}`] : []),
          ],
          fontSize: 14,
          subtitleFontSize: 12,
        },
        width: 460,
        height: 330,
        layer: [
          {
            data: { values: gapRows },
            mark: { type: 'area', color: '#9e9e9e', opacity: 0.28 },
            encoding: { x: xDifficulty, y: { field: 'solo', ...yRate }, y2: { field: 'coop' } },
          },
          {
            data: { values: curveRows },
            mark: { type: 'area', opacity: 0.14 },
            encoding: {
              x: xDifficulty,
              y: { field: 'ci_low', ...yRate },
              y2: { field: 'ci_high' },
              color: seriesColor,
            },
          },
          ...(paperReference
            ? [
                {
                  data: { values: paperRows },
                  mark: { type: 'line' as const, strokeWidth: 1.8, point: { filled: true, size: 18 } },
                  encoding: {
                    x: xDifficulty,
                    y: { field: 'rate', ...yRate },
                    color: seriesColor,
                    strokeDash: seriesDash,
                  },
                },
              ]
            : []),
          {
            data: { values: curveRows },
            mark: { type: 'line', strokeWidth: 2.5, point: { filled: true, size: 40 } },
            encoding: {
              x: xDifficulty,
              y: { field: 'rate', ...yRate },
              color: seriesColor,
              strokeDash: seriesDash,
              tooltip: [
                { field: 'series', type: 'nominal' },
                { field: 'midpoint', type: 'quantitative', title: 'bucket midpoint' },
                { field: 'rate', type: 'quantitative', format: '.3f' },
                { field: 'k', type: 'quantitative', title: 'successes' },
                { field: 'n', type: 'quantitative', title: 'tasks' },
              ],
            },
          },
        ],
      },
    ],
  };

  return { name: 'fig4', title, spec, csv: { columns: FIG4_CSV_COLUMNS, rows: csv } };
}
