#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { DataFileError, writeJsonAtomic } from '@cooperbench-repro/contracts';
import { loadExperiment } from './experiment.js';
import { ArmMismatchError } from './manifest.js';
import { runStatus } from './pair-status.js';
import { buildPlan } from './plan.js';
import { createRunnerProgress } from './progress.js';
import { reportFile, runExperiment } from './run-experiment.js';

const HELP = `cooperbench-runner: run an experiment matrix through the upstream cooperbench CLI

Usage:
  cooperbench-runner plan [--experiment FILE]   print the invocations and expected pairs; runs nothing
  cooperbench-runner run  [--experiment FILE]   run or resume every invocation (models x arms x seeds)
  cooperbench-runner eval [--experiment FILE]   run \`cooperbench eval\` for runs whose pairs lack evals

Options:
  --experiment FILE   experiment file, JSON or YAML            (default data/experiment.yaml)
  --quiet             no progress output
  -h, --help          this text

Re-running the same experiment resumes it: complete pairs are skipped, pairs whose agents ended in
Error and pairs without a current eval are redone, arms are never mixed in one run directory.
Ctrl-C or SIGTERM stops the running invocations' process groups and leaves a resumable state.
Exit codes: 0 everything complete, 1 something incomplete or over budget, 2 bad usage or input,
130 interrupted.
`;

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

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
}

async function runOrEval(file: string, mode: 'run' | 'eval', quiet: boolean): Promise<number> {
  const e = loadExperiment(file);
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\n${sig}: stopping running invocations (again to exit at once); re-run to resume\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const report = await runExperiment(e, { cwd: process.cwd(), progress: createRunnerProgress(process.stderr, quiet), signal: controller.signal, mode });
  const out = reportFile(e);
  mkdirSync(dirname(out), { recursive: true });
  await writeJsonAtomic(out, report);
  const states = new Map<string, number>();
  for (const inv of report.invocations) states.set(inv.state, (states.get(inv.state) ?? 0) + 1);
  process.stdout.write(`${mode}: ${[...states].map(([s, n]) => `${n} ${s}`).join(', ')}; total cost $${report.total_cost_usd.toFixed(2)}${report.budget_reached ? ` (budget $${report.budget_usd} reached)` : ''}\n`);
  for (const c of report.cost_by_model_arm) process.stdout.write(`  ${c.model} ${c.arm}: $${c.cost_usd.toFixed(2)}\n`);
  for (const inv of report.invocations.filter((i) => i.state === 'incomplete')) {
    process.stdout.write(`  incomplete ${inv.run}: ${inv.pairs_with_result}/${inv.expected_pairs} results, ${inv.pairs_with_eval} evals; ${inv.infra_failures.at(-1) ?? ''}\n`);
  }
  process.stdout.write(`report ${out}\n`);
  if (interrupted) return 130;
  return report.invocations.every((i) => i.state === 'complete' || i.state === 'already-complete') ? 0 : 1;
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  let values: { experiment: string; quiet: boolean; help?: boolean };
  try {
    values = parseArgs({ args: rest, options: { experiment: { type: 'string', default: 'data/experiment.yaml' }, quiet: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } }, strict: true }).values as typeof values;
  } catch (err) {
    fail(`${(err as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  try {
    if (command === 'plan') printPlan(values.experiment);
    else if (command === 'run' || command === 'eval') process.exitCode = await runOrEval(values.experiment, command, values.quiet);
    else fail(`unknown command ${JSON.stringify(command)}\n\n${HELP}`);
  } catch (err) {
    if (err instanceof DataFileError || err instanceof ArmMismatchError) fail(err.message);
    throw err;
  }
}

await main();
