import type { DifficultyOptions, PairDifficulty, RunRecord } from '@cooperbench-repro/contracts';
import { bucketOf } from './buckets.js';

export type PairKey = string;
export const pairKey = (r: Pick<RunRecord, 'repo' | 'task_id' | 'features'>): PairKey => `${r.repo}/${r.task_id}/${r.features[0]}_${r.features[1]}`;

/** How much one solo observation succeeded, or null when its outcome is unknown (never counted as a failure). */
function soloSuccess(r: RunRecord, measure: DifficultyOptions['solo_success']): number | null {
  if (r.outcome === 'unknown') return null;
  if (measure === 'both-passed') return r.outcome === 'pass' ? 1 : 0;
  if (r.feature_results.length === 0) return r.outcome === 'pass' ? 1 : 0;
  return r.feature_results.filter((f) => f.passed).length / r.feature_results.length;
}

/**
 * d(t) = 1 - mean solo success over every solo observation of the pair (all models, all seeds), then
 * min-max rescaled to [0, 1] over the pairs when `rescale` is on (paper-definitions 4.3).
 */
export function pairDifficulties(records: readonly RunRecord[], opts: DifficultyOptions): { pairs: PairDifficulty[]; rawRange: { min: number; max: number } | null } {
  const acc = new Map<PairKey, { repo: string; task_id: number; features: [number, number]; n: number; sum: number }>();
  for (const r of records) {
    if (r.arm !== 'solo') continue;
    const s = soloSuccess(r, opts.solo_success);
    if (s === null) continue;
    const key = pairKey(r);
    const a = acc.get(key) ?? { repo: r.repo, task_id: r.task_id, features: r.features, n: 0, sum: 0 };
    a.n++;
    a.sum += s;
    acc.set(key, a);
  }
  const raw = [...acc.values()].map((a) => ({ ...a, raw: 1 - a.sum / a.n }));
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
