import type { DifficultyOptions, Observation, PairDifficulty, RunRecord } from '@cooperbench-repro/contracts';
import { bucketOf } from './buckets.js';

export type PairKey = string;
export const pairKey = (r: Pick<RunRecord, 'repo' | 'task_id' | 'features'>): PairKey => `${r.repo}/${r.task_id}/${r.features[0]}_${r.features[1]}`;

/**
 * How much one solo observation succeeded, or null when it is left out (an unknown outcome under
 * unknown_outcomes exclude); an unknown counted as a failure and a planned pair never run score 0.
 */
function soloSuccess(o: Observation, measure: DifficultyOptions['solo_success']): number | null {
  if (o.count === 'excluded') return null;
  const r = o.record;
  if (measure === 'both-passed' || r === null || o.unknown || r.feature_results.length === 0) return o.count === 'pass' ? 1 : 0;
  return r.feature_results.filter((f) => f.passed).length / r.feature_results.length;
}

interface PairSolo {
  repo: string;
  task_id: number;
  features: [number, number];
  n: number;
  sum: number;
  /** Per model: known solo observations and their summed success. */
  byModel: Map<string, { n: number; sum: number }>;
}

/** Mean solo success of a pair: over models (each model's own mean first), or over every observation. */
function meanSoloSuccess(p: PairSolo, average: DifficultyOptions['difficulty_average']): number {
  if (average === 'pooled') return p.sum / p.n;
  const perModel = [...p.byModel.values()].map((m) => m.sum / m.n);
  return perModel.reduce((a, b) => a + b, 0) / perModel.length;
}

/**
 * d(t) = 1 - (1/|M|) sum over models m of Solo_m(t), Solo_m(t) being model m's mean solo success over
 * its known observations of the pair (paper §4.3; `difficulty_average: pooled` takes the mean over every
 * observation instead), then min-max rescaled to [0, 1] over the pairs when `rescale` is on.
 */
export function pairDifficulties(observations: readonly Observation[], opts: DifficultyOptions): { pairs: PairDifficulty[]; rawRange: { min: number; max: number } | null } {
  const acc = new Map<PairKey, PairSolo>();
  for (const r of observations) {
    if (r.arm !== 'solo') continue;
    const s = soloSuccess(r, opts.solo_success);
    if (s === null) continue;
    const key = pairKey(r);
    const a = acc.get(key) ?? { repo: r.repo, task_id: r.task_id, features: r.features, n: 0, sum: 0, byModel: new Map() };
    a.n++;
    a.sum += s;
    const m = a.byModel.get(r.model) ?? { n: 0, sum: 0 };
    m.n++;
    m.sum += s;
    a.byModel.set(r.model, m);
    acc.set(key, a);
  }
  const raw = [...acc.values()].map((a) => ({ ...a, raw: 1 - meanSoloSuccess(a, opts.difficulty_average) }));
  if (raw.length === 0) return { pairs: [], rawRange: null };
  const min = Math.min(...raw.map((p) => p.raw));
  const max = Math.max(...raw.map((p) => p.raw));
  const pairs = raw
    .map((p) => {
      // With every pair equally hard there is no range to rescale over: all sit at 0.
      const difficulty = opts.rescale ? (max > min ? (p.raw - min) / (max - min) : 0) : p.raw;
      return {
        repo: p.repo,
        task_id: p.task_id,
        features: p.features,
        solo_observations: p.n,
        solo_success_sum: p.sum,
        raw_difficulty: p.raw,
        difficulty,
        bucket: bucketOf(difficulty, opts.buckets, opts.round_decimals),
      };
    })
    .sort((a, b) => (pairKey(a) < pairKey(b) ? -1 : 1));
  return { pairs, rawRange: { min, max } };
}
