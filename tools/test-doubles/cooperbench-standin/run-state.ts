import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolveInside } from '@cooperbench-repro/contracts';
import type { Era } from '../synthetic-logs/era.js';
import { marked } from '../synthetic-logs/marker.js';
import type { PairSpec } from '../synthetic-logs/pairs.js';

/**
 * What the stand-in remembers about each pair of a run directory, in a hidden file upstream does not
 * have (readers skip dot files): how often the pair's agents were executed (a re-run is a fresh draw)
 * and everything needed to redraw that execution, so a later `eval` in another process evaluates the
 * very patches and plan the agents produced.
 */

export const STATE_FILE = '.cooperbench-standin-state.json';

/** What an execution of a pair is drawn from, besides the pair and the run name. */
export interface ExecutionInput {
  seed: number;
  era: Era;
  model: string;
  framework: string;
  setting: 'solo' | 'coop';
  messaging: boolean;
}

export interface ExecutionRecord extends ExecutionInput {
  /** Executions so far; the latest one has index `executions - 1`. */
  executions: number;
  /** Eval attempts (written or raised) of the latest execution. */
  evalAttempts: number;
  /** The Error rate the latest execution was drawn with (needed to redraw the same agents). */
  agentErrorRate: number;
}

interface StateFile {
  schema: 'cooperbench-standin/state@1';
  pairs: Record<string, ExecutionRecord>;
}

export function pairKey(setting: string, pair: PairSpec): string {
  return `${setting}/${pair.repo}/${pair.task_id}/f${pair.features[0]}_f${pair.features[1]}`;
}

export class RunState {
  private readonly file: string;
  private state: StateFile = { schema: 'cooperbench-standin/state@1', pairs: {} };

  constructor(runDir: string) {
    this.file = resolveInside(runDir, STATE_FILE);
    if (!existsSync(this.file)) return;
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<StateFile>;
      if (raw.schema === this.state.schema && raw.pairs && typeof raw.pairs === 'object') this.state.pairs = raw.pairs;
    } catch {
      // A torn or foreign file: start over (pairs then count as executed once if they have result.json).
      process.stderr.write(`stand-in: ${this.file} unreadable; execution counts start over\n`);
    }
  }

  get(key: string): ExecutionRecord | null {
    return this.state.pairs[key] ?? null;
  }

  set(key: string, record: ExecutionRecord): void {
    this.state.pairs[key] = record;
    // Write-then-rename, so a SIGKILL (STANDIN_DIE_AFTER, a test's kill) never leaves half a file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(marked(this.state), null, 2)}\n`);
    renameSync(tmp, this.file);
  }
}
