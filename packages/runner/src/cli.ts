#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataFileError, EXIT_CODES_HELP, exitOnError, isFileSystemError, parseCommandLine, UsageError, writeRunnerReport } from '@cooperbench-repro/contracts';
import { checkExecutable, ExecutableError } from './executable.js';
import { cooperbenchCommand, loadExperiment } from './experiment.js';
import { ArmMismatchError } from './manifest.js';
import { runStatus } from './pair-status.js';
import { buildPlan } from './plan.js';
import { createRunnerProgress } from './progress.js';
import { abandonRunningAttempts, DEFAULT_REPORT_DIR, reportFile, runExperiment } from './run-experiment.js';

/** Exit codes, as documented in --help. */
export const EXIT = { ok: 0, failed: 1, usage: 2, budget: 3, interrupted: 130 } as const;

const EXIT_CODES = `Exit codes:
  0    success (plan printed; run/eval: every invocation complete, budget not reached)
  1    a data problem (experiment or subset file invalid or unreadable, a run directory holding
       another arm, the cooperbench executable not found), or some invocation still incomplete
       after its retries (the report and the lines above name what is missing)
  2    usage error (unknown command or option, missing option value)
  3    run: budget reached: the spend (every attempt, retried and killed ones included) reached
       budget_usd; no invocation or retry is started after that, and the report says
       "budget_reached": true
  130  interrupted (Ctrl-C / SIGTERM); re-run to resume
${EXIT_CODES_HELP}
`;

const COMMON = `  --experiment FILE   experiment file, JSON or YAML            (default data/experiment.yaml)
  --debug             show stack traces of errors
  -h, --help          this text`;

const REPORT = `  --report-dir DIR    where the report <experiment>.json goes  (default ${DEFAULT_REPORT_DIR}, relative
                      to the current directory: the workspace root under Nx)
  --quiet             no progress output`;

const HELP = {
  main: `cooperbench-runner: run an experiment matrix through the upstream cooperbench CLI

Usage:
  cooperbench-runner <command> [options]
  cooperbench-runner <command> --help      the options of one command

Commands:
  plan   print the invocations and expected pairs; runs nothing
  run    run or resume every invocation (models x arms x seeds)
  eval   run \`cooperbench eval\` for runs whose pairs lack evals

Re-running the same experiment resumes it: complete pairs are skipped, pairs whose agents ended in
Error and pairs without a current eval are redone, arms are never mixed in one run directory.
Ctrl-C or SIGTERM stops the running invocations' process groups and leaves a resumable state.

${EXIT_CODES}`,
  plan: `Usage: cooperbench-runner plan [options]

Print the invocations (run name, model, arm, seed, pairs already complete) and the first argv.
Runs nothing and writes nothing.

Options:
${COMMON}

${EXIT_CODES}`,
  run: `Usage: cooperbench-runner run [options]

Run or resume every invocation of the experiment (models x arms x seeds), one upstream
\`cooperbench run\` each. Infrastructure failures are retried (retries.max); budget_usd stops new
invocations and retries once the spend reaches it. The spend is the cost of every pair execution
the runner has seen, including executions a re-run overwrote and those of retried or killed attempts
(kept per run in <log_dir>/<run>/.cooperbench-repro.spend.json). Every attempt, killed ones included,
is recorded in the run's cooperbench-repro.run.json. Writes the report to <report-dir>/<experiment>.json.

Options:
${COMMON}
${REPORT}

${EXIT_CODES}`,
  eval: `Usage: cooperbench-runner eval [options]

Run \`cooperbench eval\` for the runs whose pairs have results but no current eval.json.
Writes the report to <report-dir>/<experiment>.json.

Options:
${COMMON}
${REPORT}

${EXIT_CODES}`,
};

type Command = keyof typeof HELP & ('plan' | 'run' | 'eval');

function printPlan(file: string): void {
  const e = loadExperiment(file);
  const plan = buildPlan(e);
  const rows = plan.invocations.map((inv) => {
    const st = runStatus(e, inv, plan.pairs);
    return [inv.runName, inv.model, inv.arm, String(inv.seed), `${st.counts.complete}/${plan.pairs.length}`];
  });
  const header = ['run name', 'model', 'arm', 'seed', 'complete'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stdout.write(`experiment ${e.name}: ${plan.invocations.length} invocations x ${plan.pairs.length} pairs = ${plan.invocations.length * plan.pairs.length} pair runs\n`);
  process.stdout.write(`subset ${plan.subsetName} (${plan.subsetFile}${plan.generatedSubset ? ', generated from the listed pairs' : ''}), log dir ${e.log_dir}\n\n`);
  process.stdout.write(`${fmt(header)}\n${rows.map(fmt).join('\n')}\n\n`);
  process.stdout.write(`first invocation: ${plan.invocations[0]?.argv.map((a) => JSON.stringify(a)).join(' ')}\n`);
  try {
    checkExecutable(cooperbenchCommand(e)[0], process.cwd());
  } catch (err) {
    // plan runs nothing, so this is only a warning here; run and eval stop on it.
    if (err instanceof ExecutableError) process.stderr.write(`warning: ${err.message}\n`);
    else throw err;
  }
}

async function runOrEval(file: string, mode: 'run' | 'eval', quiet: boolean, reportDir: string): Promise<number> {
  const e = loadExperiment(file);
  const out = reportFile(e, reportDir, process.cwd());
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) {
      abandonRunningAttempts(`the runner got ${sig} a second time`);
      process.exit(EXIT.interrupted);
    }
    interrupted = true;
    process.stderr.write(`\n${sig}: stopping running invocations (again to exit at once); re-run to resume\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const report = await runExperiment(e, { cwd: process.cwd(), progress: createRunnerProgress(process.stderr, quiet), signal: controller.signal, mode });
  mkdirSync(dirname(out), { recursive: true });
  await writeRunnerReport(out, report);
  const states = new Map<string, number>();
  for (const inv of report.invocations) states.set(inv.state, (states.get(inv.state) ?? 0) + 1);
  process.stdout.write(`${mode}: ${[...states].map(([s, n]) => `${n} ${s}`).join(', ')}; total cost $${report.total_cost_usd.toFixed(2)}${report.budget_reached ? ` (budget $${report.budget_usd} reached)` : ''}\n`);
  for (const c of report.cost_by_model_arm) process.stdout.write(`  ${c.model} ${c.arm}: $${c.cost_usd.toFixed(2)}\n`);
  for (const inv of report.invocations.filter((i) => i.state === 'incomplete')) {
    process.stdout.write(`  incomplete ${inv.run}: ${inv.pairs_with_result}/${inv.expected_pairs} results, ${inv.pairs_with_eval} evals; ${inv.infra_failures.at(-1) ?? ''}\n`);
  }
  process.stdout.write(`report ${out}\n`);
  if (interrupted) return EXIT.interrupted;
  if (mode === 'run' && report.budget_reached) {
    process.stderr.write(`budget reached: $${report.total_cost_usd.toFixed(2)} spent of $${report.budget_usd}${report.invocations.some((i) => i.state === 'budget-skipped') ? '; invocations were skipped' : ''} (exit ${EXIT.budget})\n`);
    return EXIT.budget;
  }
  return report.invocations.every((i) => i.state === 'complete' || i.state === 'already-complete') ? EXIT.ok : EXIT.failed;
}

function readCommandLine(argv: string[]) {
  const { values, positionals } = parseCommandLine(argv, {
    experiment: { type: 'string', default: 'data/experiment.yaml' },
    'report-dir': { type: 'string', default: DEFAULT_REPORT_DIR },
    quiet: { type: 'boolean', default: false },
  });
  const [first, ...extra] = positionals;
  if (first === undefined || first === 'help') {
    // `help run` shows the help of run.
    const topic = first === 'help' ? extra.shift() : undefined;
    if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    if (topic !== undefined && !(topic in HELP && topic !== 'main')) throw new UsageError(`unknown command ${JSON.stringify(topic)}`);
    if (topic) return { command: topic as Command, values: { ...values, help: true } };
    if (first === undefined && !values.help && argv.length > 0) throw new UsageError('no command given');
    return { command: 'help' as const, values };
  }
  if (first !== 'plan' && first !== 'run' && first !== 'eval') throw new UsageError(`unknown command ${JSON.stringify(first)}`);
  if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  if (first === 'plan') {
    const given = argv.map((a) => a.replace(/=.*/, ''));
    const wrong = ['--quiet', '--report-dir'].find((o) => given.includes(o));
    if (wrong) throw new UsageError(`${wrong} is not an option of plan`);
  }
  return { command: first as Command, values };
}

async function main(): Promise<number> {
  const { command, values } = readCommandLine(process.argv.slice(2));
  if (command === 'help') {
    process.stdout.write(HELP.main);
    return EXIT.ok;
  }
  if (values.help) {
    process.stdout.write(HELP[command]);
    return EXIT.ok;
  }
  if (command === 'plan') {
    printPlan(values.experiment);
    return EXIT.ok;
  }
  return await runOrEval(values.experiment, command, values.quiet, values['report-dir']);
}

try {
  process.exitCode = await main();
} catch (err) {
  exitOnError(err, [[DataFileError, EXIT.failed], [ArmMismatchError, EXIT.failed], [ExecutableError, EXIT.failed], [isFileSystemError, EXIT.failed]], {
    usage: 'Run cooperbench-runner --help for usage.\n',
  });
}
