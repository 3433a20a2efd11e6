import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { planRuns, synthesizePairs, writeRun, type PairSpec, type RunSpec, type TreeSpec, type WriteOptions } from '@cooperbench-repro/test-doubles';

/**
 * The benchmark's synthetic log tree: generated once and reused while its parameters are unchanged.
 * A stamp file beside the tree records the parameters, and which run (if any) the benchmark has
 * modified and not yet restored, so an interrupted benchmark never leaves a silently different tree.
 */

export interface BenchTreeParams {
  pairs: number;
  models: string[];
  soloSeeds: number[];
  seed: number;
  testOutputBytes: [number, number];
  era: TreeSpec['era'];
}

interface Stamp {
  params: BenchTreeParams;
  /** A run whose eval.json files the benchmark rewrote and has not regenerated yet. */
  dirtyRun: string | null;
}

export class BenchTree {
  readonly logRoot: string;
  readonly runs: RunSpec[];
  readonly pairs: PairSpec[];
  private readonly stampFile: string;

  constructor(
    readonly dir: string,
    readonly params: BenchTreeParams,
  ) {
    this.logRoot = join(dir, 'logs');
    this.stampFile = join(dir, 'tree.json');
    this.pairs = synthesizePairs({ pairs: params.pairs, seed: params.seed });
    this.runs = planRuns({ models: params.models, arms: ['solo', 'coop-msg', 'coop-nomsg'], soloSeeds: params.soloSeeds, era: params.era, prefix: 'bench', subset: `synthetic-${params.pairs}` });
  }

  private get writeOptions(): WriteOptions {
    return { seed: this.params.seed, testOutputBytes: this.params.testOutputBytes, overwrite: true };
  }

  private readStamp(): Stamp | null {
    if (!existsSync(this.stampFile)) return null;
    try {
      return JSON.parse(readFileSync(this.stampFile, 'utf8')) as Stamp;
    } catch {
      return null;
    }
  }

  private writeStamp(dirtyRun: string | null): void {
    writeFileSync(this.stampFile, `${JSON.stringify({ params: this.params, dirtyRun } satisfies Stamp, null, 2)}\n`);
  }

  /** Generates the tree unless an identical one is there; returns seconds spent generating (0 when reused). */
  ensure(log: (line: string) => void): number {
    const stamp = this.readStamp();
    if (stamp && JSON.stringify(stamp.params) === JSON.stringify(this.params) && existsSync(this.logRoot)) {
      if (stamp.dirtyRun) this.restoreRun(stamp.dirtyRun);
      return 0;
    }
    const started = performance.now();
    rmSync(this.logRoot, { recursive: true, force: true });
    rmSync(this.stampFile, { force: true });
    mkdirSync(this.logRoot, { recursive: true });
    this.runs.forEach((spec, i) => {
      writeRun(this.logRoot, spec, this.pairs, this.writeOptions);
      log(`  generated ${i + 1}/${this.runs.length} runs (${spec.runName})`);
    });
    this.writeStamp(null);
    return (performance.now() - started) / 1000;
  }

  markDirty(runName: string): void {
    this.writeStamp(runName);
  }

  /** Rewrites a run exactly as generated (the writer is deterministic), then clears the dirty mark. */
  restoreRun(runName: string): void {
    const spec = this.runs.find((r) => r.runName === runName);
    if (spec) writeRun(this.logRoot, spec, this.pairs, this.writeOptions);
    this.writeStamp(null);
  }
}

/** Files the collector reads per pair (result, eval, conversation, patches) plus each run's manifest and config. */
const COLLECTED = /^(result\.json|eval\.json|conversation\.json|solo\.patch|agent\d+\.patch)$/;
const RUN_FILES = ['config.json', 'cooperbench-repro.run.json'];

export interface CollectedFile {
  path: string;
  size: number;
  json: boolean;
}

export function listCollectedFiles(logRoot: string): CollectedFile[] {
  const out: CollectedFile[] = [];
  const add = (path: string) => out.push({ path, size: statSync(path).size, json: path.endsWith('.json') });
  const dirs = (p: string) => readdirSync(p, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const run of dirs(logRoot)) {
    const runDir = join(logRoot, run);
    for (const f of RUN_FILES) if (existsSync(join(runDir, f))) add(join(runDir, f));
    for (const setting of dirs(runDir)) {
      for (const repo of dirs(join(runDir, setting))) {
        for (const task of dirs(join(runDir, setting, repo))) {
          for (const pair of dirs(join(runDir, setting, repo, task))) {
            const pairDir = join(runDir, setting, repo, task, pair);
            for (const name of readdirSync(pairDir).sort()) if (COLLECTED.test(name)) add(join(pairDir, name));
          }
        }
      }
    }
  }
  return out;
}
