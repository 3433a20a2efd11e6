import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { runCommandModule } from './command-module.js';
import type { PipelineTask } from './tasks.js';
import { WorkerPool } from './worker-pool.js';

/** How one task ended. */
export interface TaskResult {
  id: string;
  code: number;
  seconds: number;
  /** `in-process` when its command module ran in this process (a thread of it), `process` when it ran as its own process. */
  ran: 'in-process' | 'process';
}

export interface RunOptions {
  /** Run every task as its own process, as Nx does (what the in-process run is measured against). */
  processes?: boolean;
  /** Tasks at once (default 1): with more, in-process tasks run on that many worker threads. */
  jobs?: number;
  /** Called as each task ends. */
  onTaskEnd?: (result: TaskResult, ended: number, total: number) => void;
}

/** The stages' commands, bundled with the pipeline by its build (build/bundle.mjs): stage-<package folder>.js. */
const BUNDLE = fileURLToPath(new URL('../bundle/', import.meta.url));

/**
 * The command module behind `node packages/<package>/bundle/cli.js ...`: that package's command
 * (its src/command.ts; the CLI file only runs it on process.argv), as bundled with the pipeline. Null
 * for any other command, or a package the pipeline does not depend on: it runs as its own process.
 */
export function commandModuleOf(task: PipelineTask): string | null {
  const match = task.command === 'node' ? /^packages\/([^/]+)\/bundle\/cli\.js$/.exec(task.args[0] ?? '') : null;
  const file = match ? `${BUNDLE}stage-${match[1]}.js` : null;
  return file && existsSync(file) ? file : null;
}

async function runInOwnProcess(workspace: string, task: PipelineTask): Promise<number> {
  const result = await execa(task.command, task.args, { cwd: workspace, stdio: 'inherit', reject: false });
  return result.exitCode ?? 1;
}

type Execute = (task: PipelineTask, index: number) => Promise<Pick<TaskResult, 'code' | 'ran'>>;

/**
 * Starts every task whose dependencies ended 0, at most `jobs` at once, in list order among the ready
 * ones. After a failure no task starts; the running ones finish. Results are in the order tasks ended.
 */
function schedule(tasks: readonly PipelineTask[], jobs: number, execute: Execute, onTaskEnd: RunOptions['onTaskEnd']): Promise<TaskResult[]> {
  const results: TaskResult[] = [];
  const codes = new Map<string, number>();
  const started = new Set<number>();
  let running = 0;
  let failed = false;
  return new Promise((resolveAll, reject) => {
    const pump = () => {
      while (!failed && running < jobs) {
        const index = tasks.findIndex((t, i) => !started.has(i) && t.dependsOn.every((d) => codes.get(d) === 0));
        if (index < 0) break;
        const task = tasks[index]!;
        started.add(index);
        running++;
        const t0 = performance.now();
        execute(task, index).then(({ code, ran }) => {
          running--;
          const result: TaskResult = { id: task.id, code, seconds: (performance.now() - t0) / 1000, ran };
          results.push(result);
          codes.set(task.id, code);
          if (code !== 0) failed = true;
          onTaskEnd?.(result, results.length, tasks.length);
          pump();
        }, reject);
      }
      if (running === 0) resolveAll(results);
    };
    pump();
  });
}

/**
 * Runs the tasks from the workspace root, as Nx does (the paths in the commands are relative to it),
 * each after its dependencies. In-process by default: the stages and figures share one process (or a
 * few threads of it), so node, the bundles, vega and the fonts start once instead of once per command.
 */
export async function runTasks(workspace: string, tasks: readonly PipelineTask[], opts: RunOptions = {}): Promise<TaskResult[]> {
  if (process.cwd() !== workspace) process.chdir(workspace);
  const jobs = Math.max(1, Math.floor(opts.jobs ?? 1));
  const pool = !opts.processes && jobs > 1 ? new WorkerPool(jobs) : null;
  const execute: Execute = async (task, index) => {
    const module = opts.processes ? null : commandModuleOf(task);
    if (!module) return { code: await runInOwnProcess(workspace, task), ran: 'process' };
    const args = task.args.slice(1);
    return { code: pool ? await pool.run(index, module, args) : await runCommandModule(module, args), ran: 'in-process' };
  };
  try {
    return await schedule(tasks, jobs, execute, opts.onTaskEnd);
  } finally {
    await pool?.close();
  }
}
