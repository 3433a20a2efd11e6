import { policyObservations, trapezoidAuc, wilsonInterval } from '@cooperbench-repro/contracts';
import { from, op } from 'arquero';
import type { CountedInterval, Curve, DifficultyFile, DifficultyOptions, Observation, ReferenceSubset, RunRecord } from '@cooperbench-repro/contracts';
import { bucketEdges } from './buckets.js';
import { pairDifficulties, pairKey } from './pair-difficulty.js';

export const POOLED = 'pooled';

interface Row {
  arm: string;
  model: string;
  era: string;
  bucket: number;
  success: number;
  counted: number;
  unknown: number;
  missing: number;
  solo_agent1: number;
}

interface Counts {
  arm: string;
  model: string;
  era: string;
  bucket?: number;
  successes: number;
  total: number;
  unknown: number;
  missing: number;
  solo_agent1: number;
}

type Tally = Pick<Counts, 'successes' | 'total' | 'unknown' | 'missing' | 'solo_agent1'>;
const EMPTY: Tally = { successes: 0, total: 0, unknown: 0, missing: 0, solo_agent1: 0 };

function interval(c: Tally, confidence: number): CountedInterval {
  const w = wilsonInterval(c.successes, c.total, confidence);
  return { successes: c.successes, total: c.total, unknown: c.unknown, rate: w.rate, ci_low: w.low, ci_high: w.high, missing: c.missing, solo_agent1: c.solo_agent1 };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Solo first, then the other arms alphabetically; models alphabetically, pooled last. */
const armOrder = (a: string, b: string) => (a === 'solo' ? -1 : b === 'solo' ? 1 : cmp(a, b));
const modelOrder = (a: string, b: string) => (a === POOLED ? 1 : b === POOLED ? -1 : cmp(a, b));
const rowOrder = (a: { model: string; arm: string; era: string }, b: { model: string; arm: string; era: string }) => modelOrder(a.model, b.model) || armOrder(a.arm, b.arm) || cmp(a.era, b.era);

/** Sums raw counts per group (pooling sums counts over models rather than averaging rates, as the paper does). */
function rollup(rows: Row[], keys: string[]): Counts[] {
  if (rows.length === 0) return [];
  return from(rows)
    .groupby(...keys)
    .rollup({ successes: op.sum('success'), total: op.sum('counted'), unknown: op.sum('unknown'), missing: op.sum('missing'), solo_agent1: op.sum('solo_agent1') })
    .objects() as unknown as Counts[];
}

function rowOf(o: Observation, bucket: number): Row {
  return {
    ...{ arm: o.arm, model: o.model, era: o.eraKey, bucket },
    ...{ success: o.count === 'pass' ? 1 : 0, counted: o.count === 'excluded' ? 0 : 1, unknown: o.unknown ? 1 : 0, missing: o.missing ? 1 : 0, solo_agent1: o.soloAgent1 ? 1 : 0 },
  };
}

/** One curve: every bucket (empty ones with total 0), the populated ones and the trapezoid AUC over them. */
function curveOf(arm: string, model: string, era: string, counts: Counts[], opts: DifficultyOptions): Curve {
  const points = bucketEdges(opts.buckets).map((e) => ({ bucket: e.bucket, midpoint: e.midpoint, ...interval(counts.find((x) => x.bucket === e.bucket) ?? EMPTY, opts.confidence) }));
  const populated = points.filter((p) => p.total > 0);
  return { arm, model, era, points, populated_buckets: populated.map((p) => p.bucket), auc: trapezoidAuc(populated.map((p) => ({ x: p.midpoint, y: p.rate! }))) };
}

function curves(rows: Row[], opts: DifficultyOptions): Curve[] {
  const byCurve = new Map<string, Counts[]>();
  for (const c of [...rollup(rows, ['arm', 'model', 'era', 'bucket']), ...rollup(rows, ['arm', 'era', 'bucket']).map((c) => ({ ...c, model: POOLED }))]) {
    const key = `${c.arm}\0${c.model}\0${c.era}`;
    byCurve.set(key, [...(byCurve.get(key) ?? []), c]);
  }
  return [...byCurve.entries()]
    .map(([key, counts]) => {
      const [arm, model, era] = key.split('\0') as [string, string, string];
      return curveOf(arm, model, era, counts, opts);
    })
    .sort(rowOrder);
}

/**
 * AUC_solo - AUC_arm and AUC_arm / AUC_solo for every non-solo curve. A pooled arm is compared with Solo
 * pooled over the same models (with eras split, a pooled coop curve may cover fewer models than Solo).
 */
function comparisons(all: Curve[], rows: Row[], opts: DifficultyOptions): DifficultyFile['comparisons'] {
  return all
    .filter((c) => c.arm !== 'solo')
    .map((c) => {
      const models = c.model === POOLED ? [...new Set(rows.filter((r) => r.arm === c.arm && r.era === c.era).map((r) => r.model))].sort() : [c.model];
      const soloRows = rows.filter((r) => r.arm === 'solo' && models.includes(r.model));
      const solo = soloRows.length === 0 ? null : curveOf('solo', c.model, 'solo', rollup(soloRows, ['bucket']) as Counts[], opts);
      const aucSolo = solo?.auc ?? null;
      const known = aucSolo !== null && c.auc !== null;
      const note = !known ? `AUC of ${aucSolo === null ? 'Solo' : c.arm} undefined (fewer than 2 populated buckets)` : aucSolo === 0 ? 'AUC Solo is 0' : null;
      return {
        ...{ model: c.model, arm: c.arm, era: c.era, models, auc_solo: aucSolo, auc_arm: c.auc },
        ...{ delta_auc: known ? aucSolo - c.auc! : null, retention: known && aucSolo > 0 ? c.auc! / aucSolo : null, note },
      };
    });
}

function runsAndEras(records: readonly RunRecord[], observations: readonly Observation[]) {
  const runs = new Map<string, { run: string; arm: string; model: string; records: number }>();
  for (const r of records) {
    const e = runs.get(r.run) ?? { run: r.run, arm: r.arm, model: r.model, records: 0 };
    e.records++;
    runs.set(r.run, e);
  }
  const eras = new Map<string, Set<string>>();
  for (const o of observations) eras.set(o.era, (eras.get(o.era) ?? new Set()).add(o.run));
  return {
    runs: [...runs.values()].sort((a, b) => cmp(a.run, b.run)),
    eras: [...eras.entries()].map(([era, rs]) => ({ era, runs: [...rs].sort() })).sort((a, b) => cmp(a.era, b.era)),
  };
}

export function computeDifficulty(records: readonly RunRecord[], opts: DifficultyOptions, subsets: readonly ReferenceSubset[] = []): DifficultyFile {
  const { observations, plans } = policyObservations(records, opts, subsets);
  const { pairs, rawRange } = pairDifficulties(observations, opts);
  const bucketOfPair = new Map(pairs.map((p) => [pairKey(p), p.bucket]));

  const rows: Row[] = [];
  const overallRows: Row[] = [];
  const withoutSolo = new Map<string, { repo: string; task_id: number; features: [number, number]; arms: Set<string> }>();
  for (const o of observations) {
    overallRows.push(rowOf(o, -1));
    const key = pairKey(o);
    const bucket = bucketOfPair.get(key);
    if (bucket !== undefined) {
      rows.push(rowOf(o, bucket));
      continue;
    }
    const entry = withoutSolo.get(key) ?? { repo: o.repo, task_id: o.task_id, features: o.features, arms: new Set<string>() };
    withoutSolo.set(key, { ...entry, arms: entry.arms.add(o.arm) });
  }

  const all = curves(rows, opts);
  const overall = [...rollup(overallRows, ['arm', 'model', 'era']), ...rollup(overallRows, ['arm', 'era']).map((c) => ({ ...c, model: POOLED }))]
    .map((c) => ({ model: c.model, arm: c.arm, era: c.era, ...interval(c, opts.confidence) }))
    .sort(rowOrder);
  const { runs, eras } = runsAndEras(records, observations);

  return {
    schema: 'cooperbench-repro/difficulty@1',
    options: opts,
    inputs: {
      ...{ records: records.length, synthetic_records: records.filter((r) => r.synthetic).length, runs },
      ...{ plans, missing_pairs: plans.reduce((s, p) => s + p.missing, 0), eras },
    },
    raw_range: rawRange,
    pairs,
    pairs_without_solo: [...withoutSolo.values()].map((p) => ({ ...p, arms: [...p.arms].sort(armOrder) })).sort((a, b) => cmp(pairKey(a), pairKey(b))),
    bucket_edges: bucketEdges(opts.buckets),
    curves: all,
    comparisons: comparisons(all, rows, opts),
    overall,
  };
}
