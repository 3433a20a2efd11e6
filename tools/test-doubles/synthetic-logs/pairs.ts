import { readFileSync } from 'node:fs';
import { assertFeaturePair, assertRepoName, assertTaskId, InvalidNameError } from './names.js';
import { Rng } from './prng.js';

/** One pair the writer produces a directory for: `<repo>/<task_id>/f<a>_f<b>/`, features sorted. */
export interface PairSpec {
  repo: string;
  task_id: number;
  features: [number, number];
}

/** The 12 repositories of the CooperBench dataset (names only; tasks and features are synthesized). */
export const COOPERBENCH_REPOS = [
  'dottxt_ai_outlines_task',
  'dspy_task',
  'go_chi_task',
  'huggingface_datasets_task',
  'llama_index_task',
  'openai_tiktoken_task',
  'pallets_click_task',
  'pallets_jinja_task',
  'pillow_task',
  'react_hook_form_task',
  'samuelcolvin_dirty_equals_task',
  'typst_task',
] as const;

/** Shape of `dataset/subsets/<name>.json` as upstream reads it (only these fields matter). */
export interface SubsetFile {
  name?: string;
  description?: string;
  tasks: { repo: string; task_id: number; pairs: [number, number][] }[];
}

function comparePairs(x: PairSpec, y: PairSpec): number {
  if (x.repo !== y.repo) return x.repo < y.repo ? -1 : 1;
  return x.task_id - y.task_id || x.features[0] - y.features[0] || x.features[1] - y.features[1];
}

/** Validates and sorts a pair list; duplicates are an error (they would share a directory). */
export function normalizePairs(pairs: readonly PairSpec[]): PairSpec[] {
  const seen = new Set<string>();
  const out = pairs.map((p) => ({ repo: assertRepoName(p.repo), task_id: assertTaskId(p.task_id), features: assertFeaturePair(p.features) }));
  for (const p of out) {
    const key = `${p.repo}/${p.task_id}/f${p.features[0]}_f${p.features[1]}`;
    if (seen.has(key)) throw new InvalidNameError('pair', key, 'each pair at most once');
    seen.add(key);
  }
  return out.sort(comparePairs);
}

/**
 * Reads a subset file (`{"tasks":[{"repo","task_id","pairs":[[a,b],...]}]}`). Upstream would take
 * every pair of a task without `pairs`, but that needs the dataset; here `pairs` is required.
 */
export function readSubsetFile(file: string): PairSpec[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const tasks = (raw as { tasks?: unknown })?.tasks;
  if (!Array.isArray(tasks)) throw new InvalidNameError(`subset file ${file}`, typeof raw, 'an object with a "tasks" array');
  const pairs: PairSpec[] = [];
  tasks.forEach((t: { repo?: unknown; task_id?: unknown; pairs?: unknown }, i) => {
    if (typeof t?.repo !== 'string') throw new InvalidNameError(`subset file ${file} tasks[${i}].repo`, t?.repo, 'a repo name');
    if (!Array.isArray(t.pairs)) throw new InvalidNameError(`subset file ${file} tasks[${i}].pairs`, t.pairs, 'a list of [a, b] feature pairs (needed without the dataset)');
    for (const p of t.pairs) pairs.push({ repo: t.repo, task_id: t.task_id as number, features: p as [number, number] });
  });
  return normalizePairs(pairs);
}

/** The subset-file shape of a pair list (tasks in order, pairs sorted), e.g. to save a synthesized subset. */
export function toSubsetFile(pairs: readonly PairSpec[], name = 'synthetic', description = 'synthesized by tools/test-doubles/synthetic-logs'): SubsetFile {
  const tasks: SubsetFile['tasks'] = [];
  for (const p of normalizePairs(pairs)) {
    const last = tasks[tasks.length - 1];
    if (last && last.repo === p.repo && last.task_id === p.task_id) last.pairs.push(p.features);
    else tasks.push({ repo: p.repo, task_id: p.task_id, pairs: [p.features] });
  }
  return { name, description, tasks };
}

export interface SynthesizePairsOptions {
  pairs: number;
  /** Number of tasks (default: ~22 pairs per task, at most 30, at least one per repo); capped at `pairs`. */
  tasks?: number;
  repos?: readonly string[];
  seed?: number;
}

/**
 * N pairs over T tasks, shaped like the dataset (all C(n,2) pairs of each task's features; the last
 * task grown may be trimmed so the total is exactly N). Every repo gets at least one task when T allows.
 */
export function synthesizePairs(opts: SynthesizePairsOptions): PairSpec[] {
  const total = opts.pairs;
  if (!Number.isSafeInteger(total) || total < 1) throw new InvalidNameError('pairs', total, 'a positive integer');
  const repos = (opts.repos ?? COOPERBENCH_REPOS).map(assertRepoName);
  const rng = Rng.derive(opts.seed ?? 0, 'synthesize-pairs', total);
  // Default: about 22 pairs per task as in the dataset (652 pairs, 30 tasks), at least one task per repo.
  const taskCount = Math.min(opts.tasks ?? Math.min(30, Math.max(repos.length, Math.ceil(total / 22))), total);

  // Task ids: distinct per repo, spread like the real ones (two to five digits).
  const tasks: { repo: string; task_id: number; n: number }[] = [];
  const used = new Set<string>();
  for (let i = 0; i < taskCount; i++) {
    const repo = i < repos.length ? repos[i]! : rng.pick(repos);
    let id: number;
    do id = rng.int(10, 19999);
    while (used.has(`${repo}/${id}`));
    used.add(`${repo}/${id}`);
    tasks.push({ repo, task_id: id, n: 2 });
  }

  // Grow random tasks by one feature (n new pairs each) until there are enough pairs.
  let count = tasks.length;
  let last = tasks[0]!;
  while (count < total) {
    last = rng.pick(tasks);
    count += last.n;
    last.n++;
  }
  const pairs: PairSpec[] = [];
  for (const t of tasks) {
    const taskPairs: PairSpec[] = [];
    for (let b = 2; b <= t.n; b++) for (let a = 1; a < b; a++) taskPairs.push({ repo: t.repo, task_id: t.task_id, features: [a, b] });
    // Pairs were generated newest feature last: trimming the overshoot drops only pairs of the last feature added.
    if (t === last && count > total) taskPairs.length -= count - total;
    pairs.push(...taskPairs);
  }
  return normalizePairs(pairs);
}
