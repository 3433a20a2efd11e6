import { EXIT_CODES_HELP, EXIT_USAGE, parseCommandLine, UsageError, defineCommand } from '@cooperbench-repro/contracts';
import { runTasks, type TaskResult } from './run-tasks.js';
import { pipelineTasks, UnknownTargetError } from './tasks.js';
import { NoWorkspaceError, workspaceRoot } from './workspace.js';

const HELP = `cooperbench-pipeline: run the stage and figure commands of Nx targets in one process, each after what it reads

Usage: node packages/pipeline/bundle/cli.js [target ...] [options]
  target                 project:target (default figures:build); several run in the order given, e.g.
                         collector:import-legacy figures:build
  -c, --configuration N  the targets' configuration, as nx run ... -c N (e.g. real)
  -j, --jobs N           commands under way at once on the main thread                (default 2)
                         the figures run on the main thread and the other stages, one at a
                         time, on a second one beside them; while a figure waits for its PNG
                         (drawn on a thread of its own) the next one goes on; a command run as
                         its own process counts as the main thread's; 1 runs every command
                         one after the other, on the main thread
  --processes            run every command as its own process instead, as Nx does
  --list                 print the commands, each after those it depends on, and run nothing
                         (the run starts first those that more commands wait for)
  -h, --help             this text
  -- ARGS                the rest goes to the first target's command, as nx run <target> -- ARGS does,
                         e.g. collector:import-legacy figures:build -c real -- --input=FILE --name=NAME

The commands, their options and their order come from the packages' Nx targets, so this runs exactly
what npx nx run <target> runs, minus Nx: no cache lookup, no compile step. Every command recomputes,
which is what new results need anyway, and in one process node, the bundles, vega and the fonts start
once instead of once per command; the files written are the same bytes. For a cached,
incremental build (only what changed is redone) use npx nx run figures:build. Needs built packages
(npx nx run-many -t build).

Exit codes: 0 every command ended 0; else the first failing command's own exit code (the commands after
it do not run); 2 also for an unknown target or no Nx workspace.
${EXIT_CODES_HELP}
`;

const seconds = (s: number) => `${s.toFixed(2)} s`;

function progressLine(r: TaskResult, ended: number, total: number): string {
  const width = String(total).length;
  const where = r.ran === 'process' ? ', own process' : r.ran === 'thread' ? ', command thread' : '';
  return `pipeline: [${String(ended).padStart(width)}/${total}] ${r.id} ${r.code === 0 ? 'done' : `FAILED (exit ${r.code})`} in ${seconds(r.seconds)}${where}\n`;
}

async function main(argv: string[]): Promise<number | void> {
  const cut = argv.indexOf('--');
  const forwarded = cut < 0 ? [] : argv.slice(cut + 1);
  const { values, positionals } = parseCommandLine(cut < 0 ? argv : argv.slice(0, cut), {
    configuration: { type: 'string', short: 'c' },
    jobs: { type: 'string', short: 'j' },
    processes: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
  });
  if (values.help) return void process.stdout.write(HELP);
  const workspace = workspaceRoot();
  const tasks = pipelineTasks(workspace, positionals.length > 0 ? positionals : ['figures:build'], values.configuration ?? null);
  if (forwarded.length > 0) {
    if (!tasks[0]) throw new UsageError(`arguments after -- go to the first command, and ${positionals.join(' ')} has none`);
    tasks[0].args.push(...forwarded);
  }
  if (values.list) {
    for (const t of tasks) process.stdout.write(`${t.id}: ${[t.command, ...t.args].join(' ')}\n`);
    return;
  }
  const jobs = values.jobs === undefined ? 2 : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs ${JSON.stringify(values.jobs)}: expected a positive whole number`);
  const started = performance.now();
  const results = await runTasks(workspace, tasks, { processes: values.processes, jobs, onTaskEnd: (r, n, total) => process.stderr.write(progressLine(r, n, total)) });
  const failed = results.find((r) => r.code !== 0);
  const total = seconds((performance.now() - started) / 1000);
  if (failed) {
    const ran = new Set(results.map((r) => r.id));
    const skipped = tasks.filter((t) => !ran.has(t.id)).map((t) => t.id);
    process.stderr.write(`pipeline: stopped at ${failed.id} (exit ${failed.code}) after ${total}; not run: ${skipped.length > 0 ? skipped.join(', ') : 'none'}\n`);
    return failed.code;
  }
  const onMain = results.filter((r) => r.ran === 'main').length;
  const onThread = results.filter((r) => r.ran === 'thread').length;
  const where = onThread > 0 ? `: ${onMain} on the main thread, ${onThread} on the command thread` : '';
  process.stdout.write(`pipeline: ${results.length} commands in ${total}, ${onMain + onThread} in this process${where}\n`);
}

export const command = defineCommand({ main, expected: [[UnknownTargetError, EXIT_USAGE], [NoWorkspaceError, EXIT_USAGE]], usage: HELP });
