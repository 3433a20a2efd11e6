import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../synthetic-logs/test-support/tree.js';

/**
 * Test support: runs the BUILT stand-in (`npx nx run test-doubles:build` first; nx's test target depends on build)
 * as the runner will, `node tools/test-doubles/dist/cooperbench-standin/cli.js ...`, in a temporary workspace
 * with a 4-pair subset at `dataset/subsets/tiny.json`.
 */

export const CLI = fileURLToPath(new URL('../../dist/cooperbench-standin/cli.js', import.meta.url));

/** Four pairs over three tasks; tiktoken's task 0 exercises the `-t 0` bug. */
export const TINY_SUBSET = {
  name: 'tiny',
  description: 'four pairs for the stand-in tests',
  tasks: [
    { repo: 'pallets_jinja_task', task_id: 1559, pairs: [[2, 4]] },
    { repo: 'dspy_task', task_id: 8394, pairs: [[3, 4], [3, 5]] },
    { repo: 'openai_tiktoken_task', task_id: 0, pairs: [[1, 2]] },
  ],
};

/** Pair directories in upstream's run order (repos sorted, then tasks by directory name). */
export const TINY_PAIRS = ['dspy_task/8394/f3_f4', 'dspy_task/8394/f3_f5', 'openai_tiktoken_task/0/f1_f2', 'pallets_jinja_task/1559/f2_f4'];

export interface Workspace {
  dir: string;
  cleanup: () => void;
  /** `<dir>/logs/<run>` */
  runDir: (run: string) => string;
  /** `<dir>/logs/<run>/<setting>/<pair>` */
  pairDir: (run: string, setting: string, pair: string) => string;
  json: (path: string) => any;
}

export function workspace(prefix: string): Workspace {
  const { dir, cleanup } = tempDir(`standin-${prefix}`);
  mkdirSync(join(dir, 'dataset', 'subsets'), { recursive: true });
  writeFileSync(join(dir, 'dataset', 'subsets', 'tiny.json'), JSON.stringify(TINY_SUBSET, null, 2));
  return {
    dir,
    cleanup,
    runDir: (run) => join(dir, 'logs', run),
    pairDir: (run, setting, pair) => join(dir, 'logs', run, setting, pair),
    json: (path) => JSON.parse(readFileSync(path, 'utf8')),
  };
}

/** The environment without any STANDIN_* knob of the outer process, plus the given ones. */
function envWith(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('STANDIN_')));
  return { ...base, ...env };
}

export function spawnStandin(args: readonly string[], cwd: string, env: Record<string, string> = {}, detached = false): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd, env: envWith(env), stdio: ['ignore', 'pipe', 'pipe'], detached });
}

export interface StandinResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runStandin(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<StandinResult> {
  return finished(spawnStandin(args, cwd, env));
}

export function finished(child: ChildProcess): Promise<StandinResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export interface ExecLine {
  run: string | null;
  setting: string | null;
  pair: string | null;
  event: string;
  pid: number;
}

export function readExecLog(file: string): ExecLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as ExecLine);
}

/** Polls until `check` holds (for tests that act on a running process); fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Running (a zombie that no init has reaped yet counts as gone: it cannot run any more). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  try {
    // Field 3, after the parenthesised command name, is the state.
    return readFileSync(stat, 'utf8').replace(/^.*\) /s, '').split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Relative paths of every file under `root` (sorted), dot files included. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out.push(`${rel}${e.name}`);
    }
  };
  if (existsSync(root)) walk(root, '');
  return out.sort();
}
