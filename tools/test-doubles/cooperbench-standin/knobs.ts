import { isEra, type Era } from '../synthetic-logs/era.js';

/**
 * Behaviour switches read from the environment (the runner passes its environment through to
 * upstream, so tests set these on the runner). Each one is documented in README.md. A malformed value
 * is a usage error of the stand-in (exit 2), never silently ignored.
 */

export type StartCommand = 'run' | 'eval';

export interface Knobs {
  seed: number;
  era: Era;
  /** STANDIN_FAIL_EXIT: exit with this code at start, writing nothing. */
  failExit: number | null;
  /** STANDIN_FAIL_ONCE_FILE: fail at start unless this file exists (and create it). */
  failOnceFile: string | null;
  /** STANDIN_FAIL_COMMANDS: which commands the two start failures apply to. */
  failCommands: ReadonlySet<StartCommand>;
  hang: boolean;
  ignoreSigterm: boolean;
  /** STANDIN_DIE_AFTER: SIGKILL itself after this many pairs' result.json in one invocation. */
  dieAfter: number | null;
  pairDelayMs: number;
  /** Quirk rates; null = the synthetic-logs defaults (first executions) or 0 (re-runs). */
  errorRate: number | null;
  errorRateRerun: number | null;
  missingEvalRate: number | null;
  missingEvalRateRerun: number | null;
  execLog: string | null;
  spawnGrandchild: boolean;
}

export class KnobError extends Error {
  constructor(name: string, value: string, expected: string) {
    super(`${name}=${JSON.stringify(value)}: expected ${expected}`);
    this.name = 'KnobError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function set(env: Env, name: string): string | null {
  const v = env[name];
  return v === undefined || v === '' ? null : v;
}

function int(env: Env, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | null {
  const v = set(env, name);
  if (v === null) return null;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new KnobError(name, v, `an integer in ${min}..${max === Number.MAX_SAFE_INTEGER ? 'any' : max}`);
  return Number(v);
}

function rate(env: Env, name: string): number | null {
  const v = set(env, name);
  if (v === null) return null;
  const x = Number(v);
  if (!/^\s*[0-9.eE+-]+\s*$/.test(v) || !Number.isFinite(x) || x < 0 || x > 1) throw new KnobError(name, v, 'a probability between 0 and 1');
  return x;
}

function bool(env: Env, name: string): boolean {
  const v = set(env, name);
  if (v === null || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return true;
  throw new KnobError(name, v, '1 or 0');
}

export function readKnobs(env: Env): Knobs {
  const era = set(env, 'STANDIN_ERA') ?? 'identical-naive';
  if (!isEra(era)) throw new KnobError('STANDIN_ERA', era, 'identical-naive or naive-union');
  const commands = (set(env, 'STANDIN_FAIL_COMMANDS') ?? 'run,eval').split(',').filter(Boolean);
  if (!commands.every((c) => c === 'run' || c === 'eval')) throw new KnobError('STANDIN_FAIL_COMMANDS', env.STANDIN_FAIL_COMMANDS!, 'a comma-separated list of run, eval');
  return {
    seed: int(env, 'STANDIN_SEED', 0, 0xffff_ffff) ?? 0,
    era,
    failExit: int(env, 'STANDIN_FAIL_EXIT', 0, 255),
    failOnceFile: set(env, 'STANDIN_FAIL_ONCE_FILE'),
    failCommands: new Set(commands as StartCommand[]),
    hang: bool(env, 'STANDIN_HANG'),
    ignoreSigterm: bool(env, 'STANDIN_IGNORE_SIGTERM'),
    dieAfter: int(env, 'STANDIN_DIE_AFTER', 1),
    pairDelayMs: int(env, 'STANDIN_PAIR_DELAY_MS', 0, 3_600_000) ?? 0,
    errorRate: rate(env, 'STANDIN_ERROR_RATE'),
    errorRateRerun: rate(env, 'STANDIN_ERROR_RATE_RERUN'),
    missingEvalRate: rate(env, 'STANDIN_MISSING_EVAL_RATE'),
    missingEvalRateRerun: rate(env, 'STANDIN_MISSING_EVAL_RATE_RERUN'),
    execLog: set(env, 'STANDIN_EXEC_LOG'),
    spawnGrandchild: bool(env, 'STANDIN_SPAWN_GRANDCHILD'),
  };
}
