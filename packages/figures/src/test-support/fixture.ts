import { writeTempJson } from './temp-json.js';
import type { DifficultyFile } from '@cooperbench-repro/contracts';

/**
 * A small hand-written data/difficulty.json: 4 difficulty buckets, two models, arms solo and coop-msg.
 * Bucket 1 is empty everywhere (as the paper's 0.15 bucket), and model-b's coop-msg has no known outcome
 * in bucket 3 (total 0, 2 unknown), so that point must not be drawn. Rates, Wilson intervals, AUCs and
 * retentions are derived from the hand-written counts below with the paper's formulas.
 */

type Counts = [successes: number, total: number, unknown?: number];

/** [bucket 0, bucket 1, bucket 2, bucket 3] per model and arm. */
export const FIXTURE_COUNTS: Record<string, Record<string, Counts[]>> = {
  'model-a': {
    solo: [[8, 10], [0, 0], [5, 10], [1, 10]],
    'coop-msg': [[6, 10], [0, 0], [2, 10], [0, 10]],
  },
  'model-b': {
    solo: [[6, 8], [0, 0], [3, 8], [1, 8]],
    'coop-msg': [[4, 8], [0, 0], [1, 8], [0, 0, 2]],
  },
};

export const FIXTURE_BUCKETS = 4;
/** Every coop run of the fixture was scored by upstream >= 0.0.16. */
const eraOf = (arm: string) => (arm === 'solo' ? 'solo' : 'agent1-era');
const Z95 = 1.959963984540054;

export function wilson(k: number, n: number): { rate: number | null; ci_low: number | null; ci_high: number | null } {
  if (n === 0) return { rate: null, ci_low: null, ci_high: null };
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { rate: p, ci_low: Math.max(0, centre - half), ci_high: Math.min(1, centre + half) };
}

function trapezoid(points: { x: number; y: number }[]): number | null {
  if (points.length < 2) return null;
  let a = 0;
  for (let i = 1; i < points.length; i++) a += ((points[i]!.x - points[i - 1]!.x) * (points[i]!.y + points[i - 1]!.y)) / 2;
  return a;
}

export function difficultyFixture(opts: { synthetic?: boolean } = {}): DifficultyFile {
  const edges = Array.from({ length: FIXTURE_BUCKETS }, (_, b) => ({
    bucket: b,
    low: b / FIXTURE_BUCKETS,
    high: (b + 1) / FIXTURE_BUCKETS,
    midpoint: (b + 0.5) / FIXTURE_BUCKETS,
  }));
  const models = Object.keys(FIXTURE_COUNTS);
  const arms = ['solo', 'coop-msg'];
  const counts: Record<string, Record<string, Counts[]>> = { ...FIXTURE_COUNTS, pooled: {} };
  for (const arm of arms) {
    counts.pooled![arm] = edges.map((e) => {
      const per = models.map((m) => FIXTURE_COUNTS[m]![arm]![e.bucket]!);
      return [per.reduce((s, c) => s + c[0], 0), per.reduce((s, c) => s + c[1], 0), per.reduce((s, c) => s + (c[2] ?? 0), 0)];
    });
  }
  const curves = [...models, 'pooled'].flatMap((model) =>
    arms.map((arm) => {
      const points = edges.map((e) => {
        const [k, n, u = 0] = counts[model]![arm]![e.bucket]!;
        return { bucket: e.bucket, midpoint: e.midpoint, successes: k, total: n, unknown: u, ...wilson(k, n), missing: 0, solo_agent1: 0 };
      });
      const populated = points.filter((p) => p.total > 0);
      return {
        arm,
        model,
        era: eraOf(arm),
        points,
        populated_buckets: populated.map((p) => p.bucket),
        auc: trapezoid(populated.map((p) => ({ x: p.midpoint, y: p.rate! }))),
      };
    }),
  );
  const comparisons = [...models, 'pooled'].map((model) => {
    const solo = curves.find((c) => c.model === model && c.arm === 'solo')!.auc!;
    const coop = curves.find((c) => c.model === model && c.arm === 'coop-msg')!.auc!;
    return { model, arm: 'coop-msg', era: 'agent1-era', models: model === 'pooled' ? models : [model], auc_solo: solo, auc_arm: coop, delta_auc: solo - coop, retention: coop / solo, note: null };
  });
  const overall = [...models, 'pooled'].flatMap((model) =>
    arms.map((arm) => {
      const cs = counts[model]![arm]!;
      const k = cs.reduce((s, c) => s + c[0], 0);
      const n = cs.reduce((s, c) => s + c[1], 0);
      const u = cs.reduce((s, c) => s + (c[2] ?? 0), 0);
      return { model, arm, era: eraOf(arm), successes: k, total: n, unknown: u, ...wilson(k, n), missing: 0, solo_agent1: 0 };
    }),
  );
  const runs = models.flatMap((model) =>
    arms.map((arm) => ({
      run: `${model}-${arm}-0`,
      arm,
      model,
      records: FIXTURE_COUNTS[model]![arm]!.reduce((s, c) => s + c[1] + (c[2] ?? 0), 0),
    })),
  );
  const records = runs.reduce((s, r) => s + r.records, 0);
  return {
    schema: 'cooperbench-repro/difficulty@1',
    options: { rescale: true, buckets: FIXTURE_BUCKETS, solo_success: 'both-passed', difficulty_average: 'per-model', round_decimals: 9, confidence: 0.95, unknown_outcomes: 'exclude', solo_agent1: 'pass', eras: 'refuse-mixed' },
    inputs: {
      ...{ records, synthetic_records: opts.synthetic ? records : 0, runs },
      plans: runs.map((r) => ({ run: r.run, arm: r.arm, model: r.model, subset: null, basis: 'observed-pairs' as const, planned: r.records, observed: r.records, missing: 0 })),
      missing_pairs: 0,
      eras: ['agent1-era', 'solo'].map((era) => ({ era, runs: runs.filter((r) => eraOf(r.arm) === era).map((r) => r.run) })),
    },
    raw_range: { min: 0, max: 1 },
    // Per-pair rows are not drawn by these figures; one is enough to exercise the schema.
    pairs: [{ repo: 'demo', task_id: 1, features: [1, 2], solo_observations: 2, solo_success_sum: 2, raw_difficulty: 0, difficulty: 0, bucket: 0 }],
    pairs_without_solo: [],
    bucket_edges: edges,
    curves,
    comparisons,
    overall,
  };
}

/** Writes the fixture to a fresh temp directory and returns the file path. */
export function writeFixture(opts: { synthetic?: boolean } = {}, mutate?: (d: Record<string, unknown>) => void): string {
  return writeTempJson('figures-fixture-', 'difficulty.json', difficultyFixture(opts), mutate);
}
