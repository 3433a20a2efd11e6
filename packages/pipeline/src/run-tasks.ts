import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prepareCommandModule, runCommandModule } from './command-module.js';
import type { PipelineTask } from './tasks.js';
import { CommandThread } from './command-thread.js';

/** How one task ended. */
export interface TaskResult {
  id: string;
  code: number;
  seconds: number;
  /** Where it ran: this process's main thread, its command thread, or a process of its own. */
  ran: Where;
}

export interface RunOptions {
  /** Run every task as its own process, as Nx does (what the in-process run is measured against). */
  processes?: boolean;
  /**
   * Tasks under way at once on the main thread (a positive whole number; see `Lane`); the command thread
   * runs one at a time. With 1, every task runs one after the other, in-process ones on the main thread.
   */
  jobs: number;
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
function commandModuleOf(task: PipelineTask): string | null {
  const match = task.command === 'node' ? /^packages\/([^/]+)\/bundle\/cli\.js$/.exec(task.args[0] ?? '') : null;
  const file = match ? `${BUNDLE}stage-${match[1]}.js` : null;
  return file && existsSync(file) ? file : null;
}

async function runInOwnProcess(workspace: string, task: PipelineTask): Promise<number> {
  // Loaded here: the in-process run never needs it, and it is a good part of the CLI's own start-up.
  const { execa } = await import('execa');
  const result = await execa(task.command, task.args, { cwd: workspace, stdio: 'inherit', reject: false });
  return result.exitCode ?? 1;
}

/** Where a task ran: on the main thread, on the command thread (command-thread.ts), or as its own process. */
export type Where = 'main' | 'thread' | 'process';

/**
 * The thread that runs (or, for a command run as its own process, starts and waits for) a task. In-process
 * tasks of the command module with the most tasks (the figures) run on the main thread and those of every
 * other module (the stages) on the command thread, so the stages run beside the figures and each thread
 * loads its own libraries only (vega and pdfkit on one, the stages' code on the other). With `jobs` 1, and
 * for commands run as processes, everything is in the main lane: -j 1 runs one command at a time,
 * whatever runs it. See runTasks for how many tasks each lane has under way.
 */
export type Lane = 'main' | 'thread';

export function lanesOf(modules: readonly (string | null)[], jobs: number): Lane[] {
  const count = new Map<string, number>();
  for (const m of modules) if (m) count.set(m, (count.get(m) ?? 0) + 1);
  const busiest = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  return modules.map((m) => (jobs > 1 && m !== null && m !== busiest ? 'thread' : 'main'));
}

/** Runs one task, resolving to its exit code. */
export type Execute = (task: PipelineTask, index: number) => Promise<number>;

/** Per task, how many tasks wait for it, directly or not: the scheduler starts those that unblock most first. */
function dependentCounts(tasks: readonly PipelineTask[]): number[] {
  const index = new Map(tasks.map((t, i) => [t.id, i]));
  const dependents = tasks.map(() => new Set<number>());
  // tasks come after their dependencies, so walking backwards sees every dependent's own set complete
  for (let i = tasks.length - 1; i >= 0; i--) {
    for (const d of tasks[i]!.dependsOn) {
      const j = index.get(d);
      if (j === undefined) continue;
      dependents[j]!.add(i);
      for (const k of dependents[i]!) dependents[j]!.add(k);
    }
  }
  return dependents.map((s) => s.size);
}

/**
 * Starts every task whose dependencies ended 0 (those more tasks wait for first, then in list order)
 * while its lane has fewer than its `capacity` under way: on a thread, a task that waits (for its PNG, for
 * a file) lets another run. After a failure no task starts; those under way finish. `execute` rejecting counts as
 * exit code 1, with an error line. Results are in the order tasks ended; `where` says where each ran.
 */
export function schedule(
  tasks: readonly PipelineTask[],
  lanes: readonly Lane[],
  capacity: Readonly<Record<Lane, number>>,
  execute: Execute,
  where: (index: number) => Where,
  onTaskEnd?: RunOptions['onTaskEnd'],
): Promise<TaskResult[]> {
  const results: TaskResult[] = [];
  const codes = new Map<string, number>();
  const started = new Set<number>();
  const running: Record<Lane, number> = { main: 0, thread: 0 };
  let failed = false;
  const waitingOn = dependentCounts(tasks);
  const order = tasks.map((_, i) => i).sort((a, b) => waitingOn[b]! - waitingOn[a]! || a - b);
  return new Promise((resolveAll, reject) => {
    const pump = () => {
      for (const index of order) {
        if (failed) break;
        const task = tasks[index]!;
        const lane = lanes[index]!;
        if (started.has(index) || running[lane] >= capacity[lane] || !task.dependsOn.every((d) => codes.get(d) === 0)) continue;
        started.add(index);
        running[lane]++;
        const t0 = performance.now();
        const ended = (code: number) => {
          running[lane]--;
          const result: TaskResult = { id: task.id, code, seconds: (performance.now() - t0) / 1000, ran: where(index) };
          results.push(result);
          codes.set(task.id, code);
          if (code !== 0) failed = true;
          onTaskEnd?.(result, results.length, tasks.length);
          pump();
        };
        execute(task, index)
          .catch((err: unknown) => {
            process.stderr.write(`error (unexpected, running ${task.id}): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
            return 1;
          })
          .then(ended)
          .catch(reject);
      }
      if (running.main === 0 && running.thread === 0) resolveAll(results);
    };
    pump();
  });
}

/**
 * Runs the tasks from the workspace root, as Nx does (the paths in the commands are relative to it),
 * each after its dependencies. In-process by default: the stages and figures share one process (its main
 * thread and its command thread), so node, the bundles, vega and the fonts start once instead of once per
 * command.
 */
export async function runTasks(workspace: string, tasks: readonly PipelineTask[], opts: RunOptions): Promise<TaskResult[]> {
  if (process.cwd() !== workspace) process.chdir(workspace);
  const { jobs } = opts;
  const modules = tasks.map((t) => (opts.processes ? null : commandModuleOf(t)));
  const lanes = lanesOf(modules, jobs);
  const where = (i: number): Where => (modules[i] === null ? 'process' : lanes[i]!);
  const thread = lanes.includes('thread') ? new CommandThread() : null;
  // While the command thread computes the first stages, the main thread loads what its figures need.
  if (thread) for (const m of new Set(modules.filter((m, i): m is string => m !== null && lanes[i] === 'main'))) void prepareCommandModule(m);
  const execute: Execute = async (task, index) => {
    const module = modules[index];
    if (!module) return runInOwnProcess(workspace, task);
    const args = task.args.slice(1);
    return lanes[index] === 'thread' ? thread!.run(index, task.id, module, args) : runCommandModule(module, args);
  };
  try {
    // The figures wait for their PNGs, so several under way keep the main thread busy; the stages compute
    // from start to end, so two at once on the command thread only delay the one the figures wait for.
    return await schedule(tasks, lanes, { main: jobs, thread: 1 }, execute, where, opts.onTaskEnd);
  } finally {
    await thread?.close();
  }
}
