import type { DifficultyFile } from '@cooperbench-repro/contracts';
import { csvRows, type CsvCells, type CsvRow } from '../../render/csv.js';
import { paperCurveAuc, paperFig4WebsiteCurve } from '../../render/paper.js';
import { difficultyProvenance } from '../../render/provenance.js';
import { POOLED_MODEL, armColors, armLabel, fmt2, mainCoopArm, modelLabel, provenanceSubtitle, sortArms } from '../../render/style.js';
import type { Subtitle } from '../../render/subtitle.js';

/** Data step of Figure 4: stage output (data/difficulty.json) -> the rows the spec draws and the CSV rows. */

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

export const PAPER_SOLO = 'Paper, Solo';
export const PAPER_COOP = 'Paper, Coop';

export interface Fig4Data {
  subtitle: Subtitle;
  confidence: number;
  /** How the difficulty axis was computed (the stage's `difficulty_average`), for the caption. */
  difficultyRule: string;
  /** Left panel: models in bar order (strongest Solo first, pooled last) and arms in legend order. */
  models: string[];
  arms: string[];
  colors: string[];
  barRows: Record<string, unknown>[];
  /** Right panel: one series per arm (legend label with AUC and retention), then the paper's two. */
  curveArms: string[];
  seriesOf: Map<string, string>;
  curveRows: Record<string, unknown>[];
  /** Coop arm whose gap to Solo is shaded, and the shaded rows. */
  gapArm: string | null;
  gapRows: { midpoint: number; solo: number; coop: number }[];
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

/** Left panel: overall success per model and arm. */
function perModel(data: DifficultyFile, add: AddRow) {
  const overall = data.overall.filter((o) => o.total > 0 && o.rate !== null);
  const arms = sortArms([...overall.map((o) => o.arm), ...data.curves.map((c) => c.arm)]);
  const soloRate = (model: string) => overall.find((o) => o.model === model && o.arm === 'solo')?.rate ?? -1;
  const models = [...new Set(overall.map((o) => o.model))]
    .filter((m) => m !== POOLED_MODEL)
    .sort((a, b) => soloRate(b) - soloRate(a) || (a < b ? -1 : a > b ? 1 : 0));
  // With one model the pooled bars would repeat it.
  if (models.length > 1 && overall.some((o) => o.model === POOLED_MODEL)) models.push(POOLED_MODEL);
  const barRows = overall
    .filter((o) => models.includes(o.model))
    .map((o) => ({ model: modelLabel(o.model), arm: armLabel(o.arm), rate: o.rate, ci_low: o.ci_low, ci_high: o.ci_high, n: o.total, k: o.successes, value_label: `${o.rate!.toFixed(2)} (${o.successes}/${o.total})` }));
  for (const m of models) {
    for (const a of arms) {
      const o = overall.find((x) => x.model === m && x.arm === a);
      if (!o) continue;
      const { model, arm, successes, total, unknown, rate, ci_low, ci_high } = o;
      add({ panel: 'per-model', source: 'data', model, arm, label: armLabel(arm), successes, total, unknown, rate, ci_low, ci_high });
    }
  }
  return { models, arms, barRows };
}

/** Right panel: pooled curves, their legend labels and the shaded Solo-vs-main-coop gap. */
function pooled(data: DifficultyFile, add: AddRow) {
  const pooledCurves = data.curves.filter((c) => c.model === POOLED_MODEL);
  const curveArms = sortArms(pooledCurves.map((c) => c.arm));
  const retentionOf = (arm: string) => data.comparisons.find((c) => c.model === POOLED_MODEL && c.arm === arm)?.retention ?? null;
  const seriesOf = new Map<string, string>();
  const curveRows: Record<string, unknown>[] = [];
  for (const arm of curveArms) {
    const curve = pooledCurves.find((c) => c.arm === arm)!;
    const auc = `${armLabel(arm)}: AUC ${fmt2(curve.auc)}`;
    seriesOf.set(arm, arm === 'solo' ? auc : `${auc}, retention ${fmt2(retentionOf(arm))}`);
  }
  for (const arm of curveArms) {
    const curve = pooledCurves.find((c) => c.arm === arm)!;
    for (const p of curve.points) {
      if (p.total === 0 || p.rate === null) continue; // empty buckets are not drawn
      curveRows.push({ series: seriesOf.get(arm), arm, midpoint: p.midpoint, rate: p.rate, ci_low: p.ci_low, ci_high: p.ci_high, n: p.total, k: p.successes });
      const { bucket, midpoint, successes, total, unknown, rate, ci_low, ci_high } = p;
      const retention = arm === 'solo' ? null : retentionOf(arm);
      add({ panel: 'difficulty', source: 'data', model: POOLED_MODEL, arm, label: armLabel(arm), bucket, midpoint, successes, total, unknown, rate, ci_low, ci_high, auc: curve.auc, retention });
    }
  }
  const gapArm = mainCoopArm(curveArms);
  const gapRows: Fig4Data['gapRows'] = [];
  if (curveArms.includes('solo') && gapArm) {
    const solo = pooledCurves.find((c) => c.arm === 'solo')!;
    const coop = pooledCurves.find((c) => c.arm === gapArm)!;
    for (const p of solo.points) {
      const q = coop.points.find((x) => x.bucket === p.bucket);
      if (p.total > 0 && p.rate !== null && q && q.total > 0 && q.rate !== null) gapRows.push({ midpoint: p.midpoint, solo: p.rate, coop: q.rate });
    }
  }
  return { curveArms, seriesOf, curveRows, gapArm, gapRows };
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
  return {
    subtitle: provenanceSubtitle(difficultyProvenance(data, opts.source)),
    confidence: data.options.confidence,
    difficultyRule: DIFFICULTY_RULES[data.options.difficulty_average],
    ...left,
    colors: armColors(left.arms),
    ...right,
    paper,
    csv: csv.rows,
  };
}
