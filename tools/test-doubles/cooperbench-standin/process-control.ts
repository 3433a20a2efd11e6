import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { setTimeout as sleepMs } from 'node:timers/promises';
import { KnobError, type Knobs, type StartCommand } from './knobs.js';

/** The process-level failure knobs: failing at start, hanging, dying mid-run, leaving a grandchild. */

/** STANDIN_FAIL_EXIT / STANDIN_FAIL_ONCE_FILE: the exit code to fail with before writing anything, or null to go on. */
export function startFailure(knobs: Knobs, command: StartCommand): number | null {
  if (!knobs.failCommands.has(command)) return null;
  if (knobs.failExit !== null) {
    process.stderr.write(`stand-in: STANDIN_FAIL_EXIT=${knobs.failExit}: failing at start without writing anything (like an unreachable Redis)\n`);
    return knobs.failExit;
  }
  if (knobs.failOnceFile) {
    try {
      // 'wx' creates atomically: of two racing invocations exactly one fails.
      writeFileSync(knobs.failOnceFile, `created by cooperbench-standin pid ${process.pid} (STANDIN_FAIL_ONCE_FILE); the next invocation runs normally\n`, { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
      throw new KnobError('STANDIN_FAIL_ONCE_FILE', knobs.failOnceFile, `a creatable file path (${(err as Error).message})`);
    }
    process.stderr.write(`stand-in: STANDIN_FAIL_ONCE_FILE=${knobs.failOnceFile} did not exist: created it and failing this once\n`);
    return 1;
  }
  return null;
}

/**
 * STANDIN_SPAWN_GRANDCHILD: a long-lived child in this process's group (not detached, no shell). A
 * normal exit takes it down; only killing this process alone (not its group) leaves it running.
 */
export function spawnGrandchild(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1_000_000)'], { stdio: 'ignore' });
  child.unref();
  process.on('exit', () => child.kill('SIGKILL'));
  return child.pid ?? -1;
}

/** STANDIN_IGNORE_SIGTERM: from now on only SIGKILL stops the process. */
export function ignoreSigterm(): void {
  process.on('SIGTERM', () => process.stderr.write('stand-in: SIGTERM ignored (STANDIN_IGNORE_SIGTERM=1)\n'));
}

/** STANDIN_HANG: never returns (a timer keeps the event loop, and so signal handlers, alive). */
export function hangForever(): Promise<never> {
  process.stderr.write('stand-in: STANDIN_HANG=1: hanging after config.json\n');
  setInterval(() => {}, 1 << 30);
  return new Promise<never>(() => {});
}

/** STANDIN_DIE_AFTER: SIGKILL itself, so nothing after this point (summary.json) is written. */
export function dieNow(reason: string): never {
  process.stderr.write(`stand-in: ${reason}: killing myself with SIGKILL\n`);
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: SIGKILL did not stop the process');
}

export async function sleep(ms: number): Promise<void> {
  if (ms > 0) await sleepMs(ms);
}
