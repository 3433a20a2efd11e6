import { existsSync, readdirSync } from 'node:fs';
import { z } from 'zod';
import { readJsonFileSync, resolveInside, settingOfArm, upstreamFlagsOfArm, type Arm, type Setting } from '@cooperbench-repro/contracts';
import { cooperbenchCommand, type Experiment, type PairSpec } from './experiment.js';
import { runName } from './run-name.js';

/** One upstream `cooperbench run` invocation of the matrix. */
export interface Invocation {
  runName: string;
  model: string;
  arm: Arm;
  setting: Setting;
  seed: number;
  /** Full argv, executable first; started with execa's argument array, never through a shell. */
  argv: string[];
}

export interface Plan {
  experiment: Experiment;
  /** The subset name passed as `-s` (generated for explicit pair lists). */
  subsetName: string;
  subsetFile: string;
  /** Written before running when the experiment lists pairs explicitly. */
  generatedSubset: { tasks: { repo: string; task_id: number; pairs: [number, number][] }[] } | null;
  pairs: PairSpec[];
  invocations: Invocation[];
}

/** Upstream's subset file: `{tasks: [{repo, task_id, pairs?}]}`; without `pairs`, every pair of the task. */
const SubsetFileSchema = z.object({
  tasks: z.array(
    z.object({
      repo: z.string(),
      task_id: z.number().int(),
      pairs: z.array(z.tuple([z.number().int(), z.number().int()])).optional(),
    }),
  ),
});

export const GENERATED_SUBSET_PREFIX = 'cbr-';

function sortedPair(a: number, b: number): [number, number] {
  return a < b ? [a, b] : [b, a];
}

function featuresOfTask(datasetDir: string, repo: string, taskId: number): number[] {
  const taskDir = resolveInside(datasetDir, repo, `task${taskId}`);
  if (!existsSync(taskDir)) return [];
  return readdirSync(taskDir)
    .map((n) => /^feature(\d+)$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

function pairsFromSubset(e: Experiment, subsetFile: string): PairSpec[] {
  const subset = readJsonFileSync(subsetFile, SubsetFileSchema);
  const pairs: PairSpec[] = [];
  for (const t of subset.tasks) {
    let list = t.pairs?.map(([a, b]) => sortedPair(a, b));
    if (!list) {
      const ids = featuresOfTask(e.dataset_dir, t.repo, t.task_id);
      list = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b] as [number, number]));
    }
    for (const features of list) pairs.push({ repo: t.repo, task_id: t.task_id, features });
  }
  return pairs;
}

export function pairDirName(p: PairSpec): string {
  const [a, b] = sortedPair(p.features[0], p.features[1]);
  return `f${a}_f${b}`;
}

export function buildPlan(e: Experiment): Plan {
  const subsetName = e.subset ?? `${GENERATED_SUBSET_PREFIX}${e.name}`;
  const subsetFile = resolveInside(e.dataset_dir, 'subsets', `${subsetName}.json`);
  let pairs: PairSpec[];
  let generatedSubset: Plan['generatedSubset'] = null;
  if (e.pairs) {
    pairs = e.pairs.map((p) => ({ ...p, features: sortedPair(p.features[0], p.features[1]) }));
    const byTask = new Map<string, { repo: string; task_id: number; pairs: [number, number][] }>();
    for (const p of pairs) {
      const key = `${p.repo}/${p.task_id}`;
      if (!byTask.has(key)) byTask.set(key, { repo: p.repo, task_id: p.task_id, pairs: [] });
      byTask.get(key)!.pairs.push(p.features);
    }
    generatedSubset = { tasks: [...byTask.values()] };
  } else {
    pairs = pairsFromSubset(e, subsetFile);
  }

  const invocations: Invocation[] = [];
  for (const model of e.models) {
    for (const arm of e.arms) {
      const setting = settingOfArm(arm);
      for (const seed of setting === 'solo' ? e.solo_seeds : e.coop_seeds) {
        const name = runName(e.name, arm, model, seed);
        const argv = [
          ...cooperbenchCommand(e),
          'run',
          '-n', name,
          '-s', subsetName,
          '-m', model,
          '-a', e.agent,
          '-c', String(e.concurrency),
          ...upstreamFlagsOfArm(arm),
          '--backend', e.backend,
          '--dataset-dir', e.dataset_dir,
          '--log-dir', e.log_dir,
          ...(e.eval.auto ? ['--eval-concurrency', String(e.eval.concurrency)] : ['--no-auto-eval']),
          ...e.extra_flags,
        ];
        invocations.push({ runName: name, model, arm, setting, seed, argv });
      }
    }
  }
  const names = new Set(invocations.map((i) => i.runName));
  if (names.size !== invocations.length) throw new Error('two invocations share a run name; list each model, arm and seed once');
  return { experiment: e, subsetName, subsetFile, generatedSubset, pairs, invocations };
}

/** `cooperbench eval` for one run: evaluates the pairs that have result.json but no eval.json. */
export function evalArgv(e: Experiment, inv: Invocation): string[] {
  return [...cooperbenchCommand(e), 'eval', '-n', inv.runName, '-c', String(e.eval.concurrency), '--backend', e.backend, '--dataset-dir', e.dataset_dir, '--log-dir', e.log_dir];
}

export function runDir(e: Experiment, inv: Invocation): string {
  return resolveInside(e.log_dir, inv.runName);
}

export function pairDir(e: Experiment, inv: Invocation, p: PairSpec): string {
  return resolveInside(runDir(e, inv), inv.setting, p.repo, String(p.task_id), pairDirName(p));
}
