import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFileSync } from './io.js';
import type { RunRecord } from './run-record.js';

/**
 * The planned pairs of a run, for `unknown_outcomes: count-as-failure`: a pair the run never produced a
 * record for counts as a failure over the planned pairs of the run's subset (the paper divides by every
 * planned pair). The subset is not on disk, so it is inferred and recorded: the smallest reference subset
 * (data/reference/dataset/subsets/*.json) holding every pair the run has and at least
 * `MIN_SUBSET_COVERAGE` of whose pairs the run has; otherwise the run's own pairs (a one-pair smoke run
 * is not taken for a 100-pair plan).
 */

export const MIN_SUBSET_COVERAGE = 0.5;

export const ReferenceSubsetSchema = z.object({
  name: z.string(),
  tasks: z.array(z.object({ repo: z.string(), task_id: z.number().int(), pairs: z.array(z.tuple([z.number().int(), z.number().int()])) })),
});
export interface ReferenceSubset {
  name: string;
  /** Pair keys repo/task_id/f1_f2. */
  pairs: Set<string>;
}

export const RunPlanSchema = z.object({
  run: z.string(),
  arm: z.string(),
  model: z.string(),
  /** The inferred subset, or null when the planned pairs are the run's own pairs. */
  subset: z.string().nullable(),
  basis: z.enum(['inferred-subset', 'observed-pairs']),
  planned: z.number().int().nonnegative(),
  observed: z.number().int().nonnegative(),
  /** Planned pairs without a record: failures under count-as-failure, left out under exclude. */
  missing: z.number().int().nonnegative(),
});
export type RunPlan = z.infer<typeof RunPlanSchema>;

export const planPairKey = (repo: string, taskId: number, features: readonly [number, number]) => `${repo}/${taskId}/${features[0]}_${features[1]}`;

/** Reads every `*.json` subset of a directory (sorted by name), validated. */
export function readReferenceSubsets(dir: string): ReferenceSubset[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const s = readJsonFileSync(join(dir, f), ReferenceSubsetSchema);
      return { name: s.name, pairs: new Set(s.tasks.flatMap((t) => t.pairs.map((p) => planPairKey(t.repo, t.task_id, p)))) };
    });
}

/** The subset a run was planned on (see the module comment), and its planned pair keys. */
function inferPlan(own: Set<string>, subsets: readonly ReferenceSubset[]): { subset: ReferenceSubset | null } {
  const fits = subsets
    .filter((s) => [...own].every((k) => s.pairs.has(k)) && own.size >= MIN_SUBSET_COVERAGE * s.pairs.size)
    .sort((a, b) => a.pairs.size - b.pairs.size || (a.name < b.name ? -1 : 1));
  return { subset: fits[0] ?? null };
}

export interface MissingPair {
  run: string;
  repo: string;
  task_id: number;
  features: [number, number];
}

/** Per run: its plan and the planned pairs it has no record of. */
export function planRuns(records: readonly RunRecord[], subsets: readonly ReferenceSubset[]): { plans: RunPlan[]; missing: MissingPair[] } {
  const byRun = new Map<string, { arm: string; model: string; pairs: Set<string> }>();
  for (const r of records) {
    const e = byRun.get(r.run) ?? { arm: r.arm, model: r.model, pairs: new Set<string>() };
    e.pairs.add(planPairKey(r.repo, r.task_id, r.features));
    byRun.set(r.run, e);
  }
  const plans: RunPlan[] = [];
  const missing: MissingPair[] = [];
  for (const [run, e] of [...byRun.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { subset } = inferPlan(e.pairs, subsets);
    const planned = subset ? subset.pairs : e.pairs;
    const absent = [...planned].filter((k) => !e.pairs.has(k)).sort();
    for (const key of absent) {
      const [repo, task, feats] = key.split('/') as [string, string, string];
      const [a, b] = feats.split('_').map(Number) as [number, number];
      missing.push({ run, repo, task_id: Number(task), features: [a, b] });
    }
    plans.push({ run, arm: e.arm, model: e.model, subset: subset?.name ?? null, basis: subset ? 'inferred-subset' : 'observed-pairs', planned: planned.size, observed: e.pairs.size, missing: absent.length });
  }
  return { plans, missing };
}
