import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseExperiment, type Experiment } from '../experiment.js';
import type { RunnerProgress } from '../progress.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const WORKSPACE = resolve(HERE, '../../../..');
/** The compiled stand-in CLI (tools/test-doubles/cooperbench-standin), run with this Node. */
export const STANDIN = join(WORKSPACE, 'tools/test-doubles/dist/cooperbench-standin/cli.js');
export const RUNNER_CLI = join(WORKSPACE, 'packages/runner/dist/cli.js');

export const PAIRS: [string, number, [number, number]][] = [
  ['pillow_task', 290, [1, 2]],
  ['pillow_task', 290, [1, 3]],
  ['go_chi_task', 26, [2, 4]],
];

/** A temp working directory with a 3-pair subset, as the runner's cwd. */
export function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cb-runner-'));
  mkdirSync(join(dir, 'dataset/subsets'), { recursive: true });
  const tasks = new Map<string, { repo: string; task_id: number; pairs: [number, number][] }>();
  for (const [repo, task_id, pair] of PAIRS) {
    const key = `${repo}/${task_id}`;
    if (!tasks.has(key)) tasks.set(key, { repo, task_id, pairs: [] });
    tasks.get(key)!.pairs.push(pair);
  }
  writeFileSync(join(dir, 'dataset/subsets/mini.json'), JSON.stringify({ name: 'mini', tasks: [...tasks.values()] }));
  return dir;
}

export function experiment(dir: string, over: Record<string, unknown> = {}): Experiment {
  return parseExperiment('experiment.json', JSON.stringify({
    name: 't',
    subset: 'mini',
    dataset_dir: join(dir, 'dataset'),
    log_dir: join(dir, 'logs'),
    models: ['vertex_ai/gemini-3-flash-preview'],
    arms: ['solo'],
    cooperbench: [process.execPath, STANDIN],
    retries: { max: 2, backoff_seconds: 0 },
    ...over,
  }));
}

export function writeExperiment(dir: string, over: Record<string, unknown> = {}): string {
  const file = join(dir, 'experiment.json');
  writeFileSync(file, JSON.stringify({
    name: 't', subset: 'mini', dataset_dir: join(dir, 'dataset'), log_dir: join(dir, 'logs'),
    models: ['vertex_ai/gemini-3-flash-preview'], arms: ['solo'], cooperbench: [process.execPath, STANDIN],
    retries: { max: 2, backoff_seconds: 0 }, ...over,
  }));
  return file;
}

export const silent: RunnerProgress = { begin() {}, update() {}, end() {}, line() {}, close() {} };

/** Lines the stand-in appended to STANDIN_EXEC_LOG: one per pair whose agents (or eval) finished. */
export function execLog(file: string): { run: string; pair: string; event: string; pid: number }[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

export function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const old: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(vars)) {
    old[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return fn().finally(() => {
    for (const [k, v] of Object.entries(old)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

/** Runs the built runner CLI to its end; for tests of exit codes and messages. */
export async function runCli(args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [RUNNER_CLI, ...args], { cwd: opts.cwd, env: { ...process.env, CI: 'true', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  const code = await new Promise<number | null>((r) => child.once('close', (c) => r(c)));
  return { code, stdout, stderr };
}
