import { describePolicy, type DifficultyFile } from '@cooperbench-repro/contracts';
import { csvRows, type CsvCells, type CsvRow } from '../../render/csv.js';
import { DIFFICULTY_CURVE_COLUMNS, difficultySeries, modelsOf, modelsText, segments, seriesKey, type Series } from '../../render/difficulty-series.js';
import { paperCurveAuc, paperFig4WebsiteCurve } from '../../render/paper.js';
import { difficultyProvenance } from '../../render/provenance.js';
import { POOLED_MODEL, fmt2, mainCoopArm, modelLabel, provenanceSubtitle } from '../../render/style.js';
import type { Subtitle } from '../../render/subtitle.js';

/** Data step of Figure 4: stage output (data/difficulty.json) -> the rows the spec draws and the CSV rows. */

export const FIG4_CSV_COLUMNS = ['panel', 'source', ...DIFFICULTY_CURVE_COLUMNS] as const;

export const PAPER_SOLO = 'Paper, Solo';
export const PAPER_COOP = 'Paper, Coop';

export interface Fig4Data {
  subtitle: Subtitle;
  confidence: number;
  /** How the difficulty axis was computed (the stage's `difficulty_average`), for the caption. */
  difficultyRule: string;
  /** The analysis policies and the counts they affected, for both panels' captions. */
  policyLine: string;
  /** Left panel: models in bar order (strongest Solo first, pooled last) and series (arm, era) in legend order. */
  models: string[];
  bars: Series[];
  barRows: Record<string, unknown>[];
  /** Right panel: one series per arm and era (legend label with AUC and retention), then the paper's two. */
  curves: Series[];
  seriesOf: Map<string, string>;
  curveRows: Record<string, unknown>[];
  /** Caption lines of the right panel: what is pooled, populated buckets, coop series over other models. */
  curveNotes: string[];
  /** Series whose gap to Solo is shaded, and the shaded rows; or why there is none. */
  gapLabel: string | null;
  gapRows: { midpoint: number; solo: number; coop: number }[];
  gapNote: string | null;
  /** Null when the paper's curve is left out. */
  paper: { rows: Record<string, unknown>[]; series: { solo: string; coop: string } } | null;
  csv: CsvRow[];
}

type AddRow = (cells: CsvCells<(typeof FIG4_CSV_COLUMNS)[number]>) => void;

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Caption line per `difficulty_average` (packages/difficulty/config.json). */
const DIFFICULTY_RULES: Record<DifficultyFile['options']['difficulty_average'], string> = {
  'per-model': 'difficulty: 1 − mean over models of each model’s solo success (paper §4.3)',
  pooled: 'difficulty: 1 − mean over all solo runs, pooled over models (not the paper’s per-model mean)',
};

/** Left panel: overall success per model, arm and era. */
function perModel(data: DifficultyFile, add: AddRow) {
  const overall = data.overall.filter((o) => o.total > 0 && o.rate !== null);
  const bars = difficultySeries(data, [...overall, ...data.curves]);
  const labelOf = new Map(bars.map((b) => [b.key, b.label]));
  const soloRate = (model: string) => overall.find((o) => o.model === model && o.arm === 'solo')?.rate ?? -1;
  const models = [...new Set(overall.map((o) => o.model))]
    .filter((m) => m !== POOLED_MODEL)
    .sort((a, b) => soloRate(b) - soloRate(a) || (a < b ? -1 : a > b ? 1 : 0));
  // With one model the pooled bars would repeat it.
  if (models.length > 1 && overall.some((o) => o.model === POOLED_MODEL)) models.push(POOLED_MODEL);
  const barRows = overall
    .filter((o) => models.includes(o.model))
    .map((o) => ({ model: modelLabel(o.model), arm: labelOf.get(seriesKey(o.arm, o.era)), rate: o.rate, ci_low: o.ci_low, ci_high: o.ci_high, n: o.total, k: o.successes, value_label: `${o.rate!.toFixed(2)} (${o.successes}/${o.total})` }));
  for (const m of models) {
    for (const b of bars) {
      const o = overall.find((x) => x.model === m && x.arm === b.arm && x.era === b.era);
      if (!o) continue;
      const { model, arm, era, successes, total, unknown, rate, ci_low, ci_high, missing, solo_agent1 } = o;
      add({ panel: 'per-model', source: 'data', model, arm, label: b.label, successes, total, unknown, rate, ci_low, ci_high, era, missing, solo_agent1 });
    }
  }
  return { models, bars: bars.filter((b) => barRows.some((r) => r.arm === b.label)), barRows };
}

/** Bucket midpoints with their n, for the caption: "0.05 (n=3), 0.55 (n=283)". */
const bucketList = (points: readonly { midpoint: number; total: number }[]) => points.filter((p) => p.total > 0).map((p) => `${p.midpoint} (n=${p.total})`).join(', ');

/** Right panel: pooled curves (one per arm and era), their legend labels, the shaded Solo-vs-main-coop gap. */
function pooled(data: DifficultyFile, add: AddRow) {
  const pooledCurves = data.curves.filter((c) => c.model === POOLED_MODEL);
  const curves = difficultySeries(data, pooledCurves);
  const allModels = modelsOf(data);
  const comparisonOf = (s: Series) => data.comparisons.find((c) => c.model === POOLED_MODEL && c.arm === s.arm && c.era === s.era) ?? null;
  const curveOf = (s: Series) => pooledCurves.find((c) => c.arm === s.arm && c.era === s.era)!;
  const seriesOf = new Map<string, string>();
  const fewer = new Map<string, string[]>();
  for (const s of curves) {
    const cmp = comparisonOf(s);
    const auc = `${s.label}: AUC ${fmt2(curveOf(s).auc)}`;
    seriesOf.set(s.key, s.arm === 'solo' ? auc : `${auc}, retention ${fmt2(cmp?.retention)}`);
    if (cmp && cmp.models.length < allModels.length) fewer.set(cmp.models.join(', '), [...(fewer.get(cmp.models.join(', ')) ?? []), s.label]);
  }
  const notes = [...fewer.entries()].map(([models, labels]) => `only ${models}: ${labels.join('; ')}`);
  if (fewer.size > 0) notes.push('(their retention is against Solo of the same models)');
  const curveRows: Record<string, unknown>[] = [];
  for (const s of curves) {
    const curve = curveOf(s);
    const populated = curve.points.filter((p) => p.total > 0 && p.rate !== null); // empty buckets are not drawn
    const seg = segments(populated.map((p) => p.bucket));
    populated.forEach((p, i) => {
      const x = Number((p.midpoint + s.dx).toFixed(6));
      curveRows.push({ series: seriesOf.get(s.key), marker: s.label, line_id: `${s.key}#${seg[i]}`, midpoint: p.midpoint, x, rate: p.rate, ci_low: p.ci_low, ci_high: p.ci_high, n: p.total, k: p.successes, label: `${p.successes}/${p.total}` });
      const { bucket, midpoint, successes, total, unknown, rate, ci_low, ci_high, missing, solo_agent1 } = p;
      const retention = s.arm === 'solo' ? null : (comparisonOf(s)?.retention ?? null);
      add({ panel: 'difficulty', source: 'data', model: POOLED_MODEL, arm: s.arm, label: s.label, bucket, midpoint, successes, total, unknown, rate, ci_low, ci_high, auc: curve.auc, retention, era: s.era, missing, solo_agent1 });
    });
  }
  const solo = curves.find((s) => s.arm === 'solo');
  if (solo) notes.unshift(`populated buckets (midpoint, Solo n): ${bucketList(curveOf(solo).points)}: ${curveOf(solo).populated_buckets.length} of ${data.bucket_edges.length}; lines join adjacent buckets only`);
  return { curves, seriesOf, curveRows, notes, ...gap(data, curves, curveOf, comparisonOf, allModels) };
}

/** The grey gap between Solo and the main coop series, drawn only where both cover the same models. */
function gap(data: DifficultyFile, curves: Series[], curveOf: (s: Series) => DifficultyFile['curves'][number], comparisonOf: (s: Series) => DifficultyFile['comparisons'][number] | null, allModels: string[]) {
  const solo = curves.find((s) => s.arm === 'solo');
  const main = mainCoopArm(curves.map((s) => s.arm));
  const candidates = curves.filter((s) => s.arm === main && (comparisonOf(s)?.models.length ?? 0) === allModels.length);
  const gapRows: Fig4Data['gapRows'] = [];
  if (!solo || !main) return { gapLabel: null, gapRows, gapNote: null };
  if (candidates.length !== 1) return { gapLabel: null, gapRows, gapNote: `no grey gap: no single ${curves.find((s) => s.arm === main)!.label.split(',')[0]} series covers the same ${modelsText(allModels)} as Solo` };
  const coop = candidates[0]!;
  for (const p of curveOf(solo).points) {
    const q = curveOf(coop).points.find((x) => x.bucket === p.bucket);
    if (p.total > 0 && p.rate !== null && q && q.total > 0 && q.rate !== null) gapRows.push({ midpoint: p.midpoint, solo: p.rate, coop: q.rate });
  }
  return { gapLabel: coop.label, gapRows, gapNote: gapRows.length === 0 ? `no grey gap: Solo and ${coop.label} share no populated bucket` : null };
}

/** The paper's pooled curve (website copy), as dashed series and as CSV rows. */
function paperCurve(add: AddRow): NonNullable<Fig4Data['paper']> {
  const curve = paperFig4WebsiteCurve();
  const auc = paperCurveAuc(curve);
  const series = {
    solo: `${PAPER_SOLO}: AUC ${fmt2(auc.solo)}`,
    coop: `${PAPER_COOP}: AUC ${fmt2(auc.coop)}, retention ${fmt2(auc.retention)}`,
  };
  const rows: Record<string, unknown>[] = [];
  for (const p of curve) {
    rows.push({ series: series.solo, midpoint: p.midpoint, rate: p.solo });
    rows.push({ series: series.coop, midpoint: p.midpoint, rate: p.coop });
  }
  for (const arm of ['solo', 'coop'] as const) {
    for (const p of curve) {
      const rate = p[arm];
      const err = arm === 'solo' ? p.solo_err : p.coop_err;
      add({
        panel: 'difficulty',
        source: 'paper-website',
        model: POOLED_MODEL,
        arm,
        label: arm === 'solo' ? PAPER_SOLO : PAPER_COOP,
        midpoint: p.midpoint,
        rate,
        ci_low: round6(rate - err),
        ci_high: round6(rate + err),
        auc: arm === 'solo' ? auc.solo : auc.coop,
        retention: arm === 'solo' ? null : auc.retention,
      });
    }
  }
  return { rows, series };
}

export function fig4Data(data: DifficultyFile, opts: { paperReference: boolean; source: string }): Fig4Data {
  const csv = csvRows(FIG4_CSV_COLUMNS);
  const left = perModel(data, csv.add);
  const right = pooled(data, csv.add);
  const paper = opts.paperReference ? paperCurve(csv.add) : null;
  const own = data.overall.filter((o) => o.model !== POOLED_MODEL);
  const policyLine = describePolicy(data.options, { missing: own.reduce((s, o) => s + o.missing, 0), soloAgent1: own.reduce((s, o) => s + o.solo_agent1, 0) });
  return {
    subtitle: provenanceSubtitle(difficultyProvenance(data, opts.source)),
    confidence: data.options.confidence,
    difficultyRule: DIFFICULTY_RULES[data.options.difficulty_average],
    policyLine,
    ...left,
    curves: right.curves,
    seriesOf: right.seriesOf,
    curveRows: right.curveRows,
    curveNotes: [`${modelsText(modelsOf(data))}${modelsOf(data).length > 1 ? ' pooled (counts summed)' : ''}; one point per populated difficulty bucket`, ...right.notes],
    gapLabel: right.gapLabel,
    gapRows: right.gapRows,
    gapNote: right.gapNote,
    paper,
    csv: csv.rows,
  };
}
