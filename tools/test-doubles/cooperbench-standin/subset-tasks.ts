import { existsSync, readFileSync } from 'node:fs';
import { isSafeName, resolveInside } from '@cooperbench-repro/contracts';
import { assertFeaturePair, assertRepoName, assertTaskId, InvalidNameError } from '../synthetic-logs/names.js';
import type { PairSpec } from '../synthetic-logs/pairs.js';
import { pyRepr } from './argparse.js';
import { pythonPath } from './python-path.js';
import { UpstreamError } from './upstream-error.js';

/**
 * Upstream's task discovery (`runner/tasks.py`, doc 1.2.2 and 7.2) over a subset file. The stand-in
 * has no dataset tree, so a task's features are the ones its subset pairs name, and a subset task
 * without `pairs` (upstream: every pair of the task) cannot be expanded and is refused.
 */

export interface SubsetTask {
  repo: string;
  task_id: number;
  /** Pairs in file order (upstream keeps it), each validated. */
  pairs: [number, number][];
}

export interface Subset {
  name: string;
  tasks: SubsetTask[];
}

export interface TaskFilters {
  repo: string | null;
  task: number | null;
  features: [number, number] | null;
}

/** `<dataset-dir>/subsets/<name>.json`; a missing file is upstream's ValueError. */
export function loadSubset(datasetDir: string, name: string): Subset {
  const label = pythonPath(datasetDir, 'subsets', `${name}.json`);
  if (!isSafeName(name) || !existsSync(resolveInside(datasetDir, 'subsets', `${name}.json`))) {
    throw new UpstreamError('ValueError', `Subset ${pyRepr(name)} not found at ${label}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolveInside(datasetDir, 'subsets', `${name}.json`), 'utf8'));
  } catch (err) {
    throw new UpstreamError('JSONDecodeError', `${label}: ${(err as Error).message}`);
  }
  const tasks = (raw as { tasks?: unknown })?.tasks;
  if (!Array.isArray(tasks)) throw new UpstreamError('ValueError', `${label}: expected an object with a "tasks" list`);
  try {
    return {
      name,
      tasks: tasks.map((t: { repo?: unknown; task_id?: unknown; pairs?: unknown }, i): SubsetTask => {
        const repo = assertRepoName(String(t?.repo));
        const task_id = assertTaskId(t?.task_id);
        if (!Array.isArray(t.pairs)) {
          throw new InvalidNameError(`${label} tasks[${i}].pairs`, t.pairs, 'a list of [a, b] feature pairs (the stand-in has no dataset to take every pair of the task from)');
        }
        return { repo, task_id, pairs: t.pairs.map((p) => assertFeaturePair(p)) };
      }),
    };
  } catch (err) {
    if (err instanceof InvalidNameError) throw new UpstreamError('ValueError', err.message);
    throw err;
  }
}

/**
 * `-f a,b` as upstream parses it (`int(f.strip())` per item); it must name two distinct features.
 * Returned in the order given (upstream leaks that order into solo result.json; the stand-in sorts).
 */
export function parseFeatures(text: string | null): [number, number] | null {
  if (!text) return null;
  const ids = text.split(',').map((part) => {
    if (!/^\s*[+-]?\d+\s*$/.test(part)) throw new UpstreamError('ValueError', `invalid literal for int() with base 10: ${pyRepr(part)}`);
    return Number(part.trim());
  });
  try {
    return assertFeaturePair(ids);
  } catch (err) {
    throw new UpstreamError('ValueError', `-f/--features ${pyRepr(text)}: ${(err as Error).message}`);
  }
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The pairs to run, in upstream's order: repos sorted, tasks sorted by directory name (`task1559` <
 * `task18813` < `task2800`, a string sort), pairs in subset order. Filters as upstream applies them,
 * including `if task_filter and ...`, which makes `-t 0` select every task.
 */
export function discoverTasks(subset: Subset, filters: TaskFilters): PairSpec[] {
  const tasks = [...subset.tasks].sort((a, b) => byName(a.repo, b.repo) || byName(`task${a.task_id}`, `task${b.task_id}`));
  const out: PairSpec[] = [];
  const seen = new Set<string>();
  const add = (p: PairSpec) => {
    const key = `${p.repo}/${p.task_id}/${p.features.join('_')}`;
    if (!seen.has(key)) out.push(p);
    seen.add(key);
  };
  for (const t of tasks) {
    if (filters.repo && filters.repo !== t.repo) continue;
    if (filters.task && filters.task !== t.task_id) continue;
    if (filters.features) {
      const known = new Set(t.pairs.flat());
      if (filters.features.every((f) => known.has(f))) add({ repo: t.repo, task_id: t.task_id, features: filters.features });
      continue;
    }
    for (const pair of t.pairs) add({ repo: t.repo, task_id: t.task_id, features: pair });
  }
  return out;
}
