import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_MANIFEST_FILE, RunManifestSchema, type RunManifest } from '@cooperbench-repro/contracts';
import { RUNNER_CLI } from './standin.js';
import { LOCK_FILE } from '../child-process.js';

/** Starts `runner run --experiment <file> --quiet` in `dir` as a process of its own (so a test can signal it), output ignored. */
export function spawnRunner(file: string, dir: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [RUNNER_CLI, 'run', '--experiment', file, '--quiet'], { cwd: dir, env, stdio: 'ignore' });
}

/** The exit code the child ends with (null when a signal ended it). */
export function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => child.once('exit', (code) => r(code)));
}

/** Checks `done()` up to `tries` times, `everyMs` apart, until it holds; says whether it does. A bounded wait for a state, never a timing check. */
export async function waitFor(done: () => boolean, tries = 600, everyMs = 100): Promise<boolean> {
  for (let i = 0; i < tries && !done(); i++) await new Promise((r) => setTimeout(r, everyMs));
  return done();
}

/** Whether a run folder under `logs` holds the runner's lock, i.e. an invocation is running. */
export function lockedUnder(logs: string): boolean {
  return existsSync(logs) && readdirSync(logs).some((r) => existsSync(join(logs, r, LOCK_FILE)));
}

/** The one run folder under `logs`: its lock file and a reader of its current manifest. */
export function onlyRun(logs: string): { lock: string; manifest: () => RunManifest } {
  const runName = readdirSync(logs).find((n) => !n.startsWith('.'))!;
  return {
    lock: join(logs, runName, LOCK_FILE),
    manifest: () => RunManifestSchema.parse(JSON.parse(readFileSync(join(logs, runName, RUN_MANIFEST_FILE), 'utf8'))),
  };
}
