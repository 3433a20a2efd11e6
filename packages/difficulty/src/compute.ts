import { wilsonInterval } from '@cooperbench-repro/contracts';
import { from, op } from 'arquero';
import type { Curve, DifficultyFile, DifficultyOptions, Interval, RunRecord } from '@cooperbench-repro/contracts';
import { bucketEdges } from './buckets.js';
import { pairDifficulties, pairKey } from './pair-difficulty.js';
import { trapezoidAuc } from '@cooperbench-repro/contracts';

export const POOLED = 'pooled';

interface Row {
  arm: string;
  model: string;
  bucket: number;
  success: number;
  known: number;
  unknown: number;
}

interface Counts {
  arm: string;
  model: string;
  bucket?: number;
  successes: number;
  total: number;
  unknown: number;
}

function interval(c: { successes: number; total: number; unknown: number }, confidence: number): Interval {
  const w = wilsonInterval(c.successes, c.total, confidence);
  return { successes: c.successes, total: c.total, unknown: c.unknown, rate: w.rate, ci_low: w.low, ci_high: w.high };
}

/** Solo first, then the other arms alphabetically; models alphabetically, pooled last. */
const armOrder = (a: string, b: string) => (a === 'solo' ? -1 : b === 'solo' ? 1 : a < b ? -1 : a > b ? 1 : 0);
const modelOrder = (a: string, b: string) => (a === POOLED ? 1 : b === POOLED ? -1 : a < b ? -1 : a > b ? 1 : 0);

/** Sums raw counts per group (pooling sums counts over models rather than averaging rates, as the paper does). */
function rollup(rows: Row[], keys: string[]): Counts[] {
  if (rows.length === 0) return [];
  return from(rows)
    .groupby(...keys)
    .rollup({ successes: op.sum('success'), total: op.sum('known'), unknown: op.sum('unknown') })
    .objects() as unknown as Counts[];
}

export function computeDifficulty(records: readonly RunRecord[], opts: DifficultyOptions): DifficultyFile {
  const { pairs, rawRange } = pairDifficulties(records, opts);
  const bucketOfPair = new Map(pairs.map((p) => [pairKey(p), p.bucket]));
  const edges = bucketEdges(opts.buckets);

  const rows: Row[] = [];
  const withoutSolo = new Map<string, { repo: string; task_id: number; features: [number, number]; arms: Set<string> }>();
  const overallRows: Row[] = [];
  for (const r of records) {
    const known = r.outcome === 'unknown' ? 0 : 1;
    const row = { arm: r.arm, model: r.model, bucket: -1, success: r.outcome === 'pass' ? 1 : 0, known, unknown: 1 - known };
    overallRows.push(row);
    const bucket = bucketOfPair.get(pairKey(r));
    if (bucket === undefined) {
      const key = pairKey(r);
      const entry = withoutSolo.get(key) ?? { repo: r.repo, task_id: r.task_id, features: r.features, arms: new Set<string>() };
      entry.arms.add(r.arm);
      withoutSolo.set(key, entry);
      continue;
    }
    rows.push({ ...row, bucket });
  }

  const perModel = rollup(rows, ['arm', 'model', 'bucket']);
  const pooled = rollup(rows, ['arm', 'bucket']).map((c) => ({ ...c, model: POOLED }));
  const byCurve = new Map<string, Counts[]>();
  for (const c of [...perModel, ...pooled]) {
    const key = `${c.arm}\0${c.model}`;
    byCurve.set(key, [...(byCurve.get(key) ?? []), c]);
  }
  const curves: Curve[] = [...byCurve.entries()]
    .map(([key, counts]) => {
      const [arm, model] = key.split('\0') as [string, string];
      const points = edges.map((e) => {
        const c = counts.find((x) => x.bucket === e.bucket) ?? { successes: 0, total: 0, unknown: 0 };
        return { bucket: e.bucket, midpoint: e.midpoint, ...interval(c, opts.confidence) };
      });
      const populated = points.filter((p) => p.total > 0);
      return { arm, model, points, populated_buckets: populated.map((p) => p.bucket), auc: trapezoidAuc(populated.map((p) => ({ x: p.midpoint, y: p.rate! }))) };
    })
    .sort((a, b) => modelOrder(a.model, b.model) || armOrder(a.arm, b.arm));

  const comparisons = curves
    .filter((c) => c.arm !== 'solo')
    .map((c) => {
      const solo = curves.find((s) => s.arm === 'solo' && s.model === c.model);
      const aucSolo = solo?.auc ?? null;
      return {
        model: c.model,
        arm: c.arm,
        auc_solo: aucSolo,
        auc_arm: c.auc,
        delta_auc: aucSolo !== null && c.auc !== null ? aucSolo - c.auc : null,
        retention: aucSolo !== null && c.auc !== null && aucSolo > 0 ? c.auc / aucSolo : null,
      };
    });

  const overall = [...rollup(overallRows, ['arm', 'model']), ...rollup(overallRows, ['arm']).map((c) => ({ ...c, model: POOLED }))]
    .map((c) => ({ model: c.model, arm: c.arm, ...interval(c, opts.confidence) }))
    .sort((a, b) => modelOrder(a.model, b.model) || armOrder(a.arm, b.arm));

  const runs = new Map<string, { run: string; arm: string; model: string; records: number }>();
  for (const r of records) {
    const e = runs.get(r.run) ?? { run: r.run, arm: r.arm, model: r.model, records: 0 };
    e.records++;
    runs.set(r.run, e);
  }

  return {
    schema: 'cooperbench-repro/difficulty@1',
    options: opts,
    inputs: {
      records: records.length,
      synthetic_records: records.filter((r) => r.synthetic).length,
      runs: [...runs.values()].sort((a, b) => (a.run < b.run ? -1 : 1)),
    },
    raw_range: rawRange,
    pairs,
    pairs_without_solo: [...withoutSolo.values()].map((p) => ({ ...p, arms: [...p.arms].sort(armOrder) })).sort((a, b) => (pairKey(a) < pairKey(b) ? -1 : 1)),
    bucket_edges: edges,
    curves,
    comparisons,
    overall,
  };
}
