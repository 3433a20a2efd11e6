import { cleanModelName, settingOfArm } from '@cooperbench-repro/contracts';
import type { Era } from './era.js';
import { assertArm, InvalidNameError } from './names.js';
import type { PairSpec } from './pairs.js';
import { writeRun, type RunSpec, type RunWriteResult, type WriteOptions } from './write-run.js';

/**
 * A whole experiment: every model in every arm, solo arms once per seed, each run in its own
 * directory with a manifest that carries arm, model and seed (so no arm mapping file is needed).
 */
export interface TreeSpec {
  models: readonly string[];
  arms: readonly string[];
  /** Solo arms are written once per seed; coop arms once, with seed null. */
  soloSeeds: readonly number[];
  era: Era;
  agentFramework?: string;
  subset?: string | null;
  experiment?: string | null;
  /** Run name prefix (default `synth`): runs are `<prefix>-<model>-<arm>[-s<seed>]`. */
  prefix?: string;
}

export function planRuns(tree: TreeSpec): RunSpec[] {
  const runs: RunSpec[] = [];
  const names = new Set<string>();
  for (const model of tree.models) {
    for (const arm of tree.arms.map(assertArm)) {
      const seeds = settingOfArm(arm) === 'solo' ? tree.soloSeeds : [null];
      for (const seed of seeds) {
        const runName = `${tree.prefix ?? 'synth'}-${cleanModelName(model)}-${arm}${seed === null ? '' : `-s${seed}`}`;
        if (names.has(runName)) throw new InvalidNameError('run name', runName, 'distinct run names (two models clean to the same name)');
        names.add(runName);
        runs.push({ runName, arm, model, seed, era: tree.era, agentFramework: tree.agentFramework, subset: tree.subset ?? null, experiment: tree.experiment ?? null });
      }
    }
  }
  return runs;
}

export function writeTree(logRoot: string, tree: TreeSpec, pairs: readonly PairSpec[], opts: WriteOptions, onRun?: (r: RunWriteResult) => void): RunWriteResult[] {
  return planRuns(tree).map((spec) => {
    const r = writeRun(logRoot, spec, pairs, opts);
    onRun?.(r);
    return r;
  });
}
