import { existsSync, readdirSync } from 'node:fs';
import { resolveInside } from '@cooperbench-repro/contracts';
import type { PairSpec } from '../synthetic-logs/pairs.js';
import type { Subset } from './subset-tasks.js';

/**
 * Upstream's `discover_runs` for `cooperbench eval` (doc 1.3): pair directories under
 * `<run>/{solo,coop}/<repo>_task/<task_id>/f<a>_f<b>/` that have result.json, filtered like `run`
 * (including the `-t 0` bug; `-f` compared as a set), minus pairs that already have eval.json unless
 * forced. Directory names are matched strictly before any path is built from them; symbolic links
 * are not followed. The stand-in does not evaluate team/ pairs or the legacy flat layout.
 */

export interface LoggedPair {
  setting: 'solo' | 'coop';
  pair: PairSpec;
  dir: string;
}

export interface LoggedPairFilters {
  subset: Subset | null;
  repo: string | null;
  task: number | null;
  features: [number, number] | null;
  force: boolean;
}

const REPO_DIR = /^[A-Za-z0-9][A-Za-z0-9_.-]*_task$/;
const TASK_DIR = /^(0|[1-9]\d*)$/;
const PAIR_DIR = /^f(0|[1-9]\d*)_f(0|[1-9]\d*)$/;

/** Real subdirectories, sorted by name as Python's `sorted(Path.iterdir())` sorts them. */
function subdirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function discoverLoggedPairs(runDir: string, f: LoggedPairFilters): LoggedPair[] {
  const subsetTasks = f.subset ? new Map(f.subset.tasks.map((t) => [`${t.repo}/${t.task_id}`, t])) : null;
  const out: LoggedPair[] = [];
  for (const setting of ['solo', 'coop'] as const) {
    const settingDir = resolveInside(runDir, setting);
    if (!existsSync(settingDir)) continue;
    for (const repo of subdirs(settingDir).filter((r) => REPO_DIR.test(r))) {
      if (f.repo && f.repo !== repo) continue;
      for (const task of subdirs(resolveInside(settingDir, repo)).filter((t) => TASK_DIR.test(t))) {
        const taskId = Number(task);
        if (f.task && f.task !== taskId) continue;
        const inSubset = subsetTasks?.get(`${repo}/${taskId}`);
        if (subsetTasks && !inSubset) continue;
        for (const name of subdirs(resolveInside(settingDir, repo, task))) {
          const m = PAIR_DIR.exec(name);
          if (!m || !(Number(m[1]) < Number(m[2]))) continue;
          const features: [number, number] = [Number(m[1]), Number(m[2])];
          if (f.features && !(f.features.includes(features[0]) && f.features.includes(features[1]))) continue;
          if (inSubset && !inSubset.pairs.some((p) => p[0] === features[0] && p[1] === features[1])) continue;
          const dir = resolveInside(settingDir, repo, task, name);
          if (!existsSync(resolveInside(dir, 'result.json'))) continue;
          if (!f.force && existsSync(resolveInside(dir, 'eval.json'))) continue;
          out.push({ setting, pair: { repo, task_id: taskId, features }, dir });
        }
      }
    }
  }
  return out;
}
