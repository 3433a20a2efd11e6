import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { writeJsonAtomic } from '@cooperbench-repro/contracts';
import { spawnFailure } from './executable.js';

/**
 * Starts one upstream invocation in its own process group, so that a timeout, Ctrl-C or SIGTERM can
 * stop the child and everything it started. A lock file in the run directory names the group: if the
 * runner itself is killed (kill -9), the next runner finds the orphaned group and stops it before
 * starting the same run again, so no pair is ever worked on twice at once.
 */
export const LOCK_FILE = '.cooperbench-repro.lock';

export interface ChildOutcome {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
  /** Last lines of stderr, for the manifest and the report. */
  stderrTail: string;
  /** The child never started (`executable not found: <path>`, permission denied), else null. */
  spawnError: string | null;
}

const active = new Set<number>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

/** Stops a process group: SIGTERM, then SIGKILL if it has not gone after `graceMs`. Returns the last signal sent. */
export async function stopGroup(pid: number, graceMs = 3000): Promise<'SIGTERM' | 'SIGKILL'> {
  killGroup(pid, 'SIGTERM');
  if (!(await waitGone(pid, graceMs))) {
    killGroup(pid, 'SIGKILL');
    await waitGone(pid, 2000);
    return 'SIGKILL';
  }
  return 'SIGTERM';
}

/** What reclaiming a run directory found: the lock of an earlier runner, and whether its child still ran. */
export interface Reclaimed {
  /** Process group named by the lock file. */
  pid: number | null;
  /** The runner that wrote the lock. */
  runnerPid: number | null;
  /** The signal this runner sent to stop the orphaned group, or null when it had already gone. */
  stoppedWith: 'SIGTERM' | 'SIGKILL' | null;
}

/** If a previous runner died and left its child running in this run directory, stop that child. */
export async function reclaimRunDir(runDir: string, log: (line: string) => void): Promise<Reclaimed | null> {
  const lock = join(runDir, LOCK_FILE);
  if (!existsSync(lock)) return null;
  let pid: number | null = null;
  let runnerPid: number | null = null;
  try {
    const content = JSON.parse(readFileSync(lock, 'utf8'));
    pid = Number(content.pid) || null;
    runnerPid = Number(content.runner_pid) || null;
  } catch {
    pid = null;
  }
  let stoppedWith: Reclaimed['stoppedWith'] = null;
  if (pid !== null && alive(pid)) {
    log(`stopping process group ${pid} left running in ${runDir} by an earlier runner`);
    stoppedWith = await stopGroup(pid);
  }
  rmSync(lock, { force: true });
  return { pid, runnerPid, stoppedWith };
}

export interface StartOptions {
  argv: string[];
  cwd: string;
  runDir: string;
  timeoutMs: number | null;
  signal: AbortSignal;
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
}

export async function runChild(opts: StartOptions): Promise<ChildOutcome> {
  const [file, ...args] = opts.argv as [string, ...string[]];
  const started = Date.now();
  const stderrLines: string[] = [];
  const child = execa(file, args, {
    cwd: opts.cwd,
    detached: true,
    reject: false,
    stdin: 'ignore',
    stdout: [function* (line: unknown) { opts.onLine?.('stdout', String(line)); yield line; }],
    stderr: [function* (line: unknown) {
      stderrLines.push(String(line));
      if (stderrLines.length > 20) stderrLines.shift();
      opts.onLine?.('stderr', String(line));
      yield line;
    }],
    buffer: false,
  });
  const pid = child.pid;
  let timedOut = false;
  let cancelled = false;
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    cancelled = true;
    if (pid) void stopGroup(pid);
  };
  if (pid) {
    active.add(pid);
    await writeJsonAtomic(join(opts.runDir, LOCK_FILE), { pid, runner_pid: process.pid, started_at: new Date(started).toISOString(), argv: opts.argv });
    if (opts.timeoutMs !== null) {
      timer = setTimeout(() => {
        timedOut = true;
        void stopGroup(pid);
      }, opts.timeoutMs);
    }
    if (opts.signal.aborted) onAbort();
    else opts.signal.addEventListener('abort', onAbort, { once: true });
  }
  const result = await child;
  if (timer) clearTimeout(timer);
  opts.signal.removeEventListener('abort', onAbort);
  if (pid) {
    // The group may outlive its leader (grandchildren): make sure nothing of this invocation keeps running.
    killGroup(pid, 'SIGKILL');
    active.delete(pid);
    rmSync(join(opts.runDir, LOCK_FILE), { force: true });
  }
  const code = (result as { code?: string }).code;
  return {
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    timedOut,
    cancelled,
    durationMs: Date.now() - started,
    stderrTail: stderrLines.join('\n'),
    spawnError: pid === undefined ? spawnFailure(code, file) ?? `could not start ${file}: ${result.shortMessage ?? 'unknown error'}` : null,
  };
}

/** Process groups of the invocations running now (stopped on Ctrl-C / SIGTERM). */
export function activeGroups(): number[] {
  return [...active];
}

/** SIGKILLs every running invocation's process group at once (the runner is about to exit). */
export function killActiveGroupsNow(): void {
  for (const pid of active) killGroup(pid, 'SIGKILL');
}
