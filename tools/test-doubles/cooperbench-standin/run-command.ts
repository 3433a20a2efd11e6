import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolveInside } from '@cooperbench-repro/contracts';
import { pythonJson } from '../synthetic-logs/json-text.js';
import { assertRunName, InvalidNameError } from '../synthetic-logs/names.js';
import type { PairSpec } from '../synthetic-logs/pairs.js';
import { pairDirOf, writePairAgentFiles } from '../synthetic-logs/pair-writer.js';
import { unknownAgentError } from './agents.js';
import { pyRepr } from './argparse.js';
import { drawExecution, nextExecution } from './execution-draw.js';
import { logExec } from './exec-log.js';
import type { Knobs } from './knobs.js';
import { evalStatus, evaluatePair, type EvalOutcome } from './pair-eval.js';
import type { ParsedValues } from './parsed-values.js';
import { dieNow, hangForever, sleep } from './process-control.js';
import { pythonPath } from './python-path.js';
import { generateRunName } from './run-name.js';
import { emptyTally, passRate, renderConfig, renderRunSummary, type EvalTally, type TaskEntry } from './run-files.js';
import { pairKey, RunState } from './run-state.js';
import { discoverTasks, loadSubset, parseFeatures } from './subset-tasks.js';
import { UpstreamError } from './upstream-error.js';
import { naiveLocalIso, nowMicros } from './wall-clock.js';

/**
 * `cooperbench run` (doc 1.2.2, 1.2.3): config.json, then each pair in turn (skipped when it has a
 * result.json without an Error agent, else executed in place, old eval.json left alone), auto-eval of
 * finished and skipped pairs, then summary.json. Exits 0 however the agents fared.
 */

function readResult(file: string): { ok: true; result: Record<string, unknown> } | { ok: false; error: string } {
  try {
    return { ok: true, result: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** Upstream's resume test: solo `agent.status`, coop any `agents.*.status`. */
function hasErrorStatus(result: Record<string, unknown>): boolean {
  const agent = result.agent as { status?: unknown } | undefined;
  const agents = result.agents as Record<string, { status?: unknown }> | undefined;
  const statuses = agent ? [agent.status] : Object.values(agents ?? {}).map((a) => a?.status);
  return statuses.includes('Error');
}

const taskLabel = (p: PairSpec) => `${p.repo}/${p.task_id}/${p.features[0]},${p.features[1]}`;
const say = (line: string) => process.stdout.write(`${line}\n`);

/** `--name` or upstream's generated name; the stand-in refuses names that are not plain (ValueError, like upstream). */
function checkedRunName(v: ParsedValues, setting: string, agent: string, model: string): string {
  const runName = v.str('name') || generateRunName({ setting, agent, model, git: v.flag('git'), subset: v.str('subset'), repo: v.str('repo'), task: v.int('task') });
  try {
    return assertRunName(runName);
  } catch (err) {
    if (err instanceof InvalidNameError) throw new UpstreamError('ValueError', `${err.message} (the stand-in only writes run directories with plain names)`);
    throw err;
  }
}

function sayHeader(v: ParsedValues, run: { runName: string; setting: string; agent: string; model: string; version: string; tasks: number; messaging: boolean }): void {
  say(`cooperbench ${run.runName} (${run.setting}) [synthetic stand-in ${run.version}: no agents run]`);
  say(`tasks: ${run.tasks} concurrency: ${v.int('concurrency')} (the stand-in runs pairs one at a time)`);
  say(`agent: ${run.agent}`);
  say(`model: ${run.model}`);
  if (run.setting === 'coop') say(`tools: ${[run.messaging ? 'messaging' : '', v.flag('git') ? 'git' : ''].filter(Boolean).join(', ') || 'none'}`);
}

function sayTotals(counts: { completed: number; skipped: number; failed: number; cost: number }, evalTally: EvalTally | null): void {
  say('');
  say(`runs:  ${counts.completed} completed${counts.skipped ? `, ${counts.skipped} skipped` : ''}${counts.failed ? `, ${counts.failed} failed` : ''}`);
  if (evalTally) {
    const n = evalTally.passed + evalTally.failed + evalTally.errors;
    say(`evals: ${n} evaluated, ${evalTally.passed} passed, ${evalTally.failed} failed, ${evalTally.errors} errors (${(passRate(evalTally) * 100).toFixed(1)}%)`);
  }
  say(`cost:  $${counts.cost.toFixed(2)} (synthetic)`);
}

/** Auto-eval of one finished or skipped pair: the entry's `eval` and the tally, one line of output. */
function evaluateInto(tally: EvalTally, entry: TaskEntry, run: { runName: string; state: RunState; knobs: Knobs; setting: 'solo' | 'coop'; force: boolean }, pair: PairSpec, pairDir: string): void {
  const outcome: EvalOutcome = evaluatePair({ runName: run.runName, state: run.state, knobs: run.knobs }, run.setting, pair, pairDir, run.force);
  if (outcome.kind === 'raised') {
    // Upstream counts an eval that raised as an error but has no result for it: `eval` stays null.
    tally.errors++;
    say(`  → ✗ eval error ${pair.repo}/${pair.task_id} ${outcome.error}`);
    return;
  }
  entry.eval = evalStatus(outcome);
  if (entry.eval === 'error') tally.errors++;
  else if (entry.eval === 'pass') tally.passed++;
  else tally.failed++;
  if (outcome.kind === 'skipped' && entry.eval !== 'error') tally.skipped++;
  say(`  ${outcome.kind === 'skipped' ? '→' : entry.eval === 'pass' ? '✓' : '✗'} ${entry.eval} ${pair.repo}/${pair.task_id} [${pair.features.join(',')}]`);
}

export async function runCommand(v: ParsedValues, knobs: Knobs, version: string): Promise<number> {
  const started = nowMicros();
  const features = parseFeatures(v.str('features'));
  const setting = v.text('setting');
  const model = v.text('model');
  const agent = v.text('agent');
  const runName = checkedRunName(v, setting, agent, model);
  if (setting !== 'solo' && setting !== 'coop') {
    process.stderr.write(`cooperbench run: --setting ${setting} is not supported by the synthetic stand-in (tools/test-doubles/cooperbench-standin writes solo and coop runs only)\n`);
    return 1;
  }
  const subsetName = v.str('subset');
  if (!subsetName) {
    process.stderr.write('cooperbench run: the synthetic stand-in needs -s/--subset NAME: it has no dataset of tasks to discover, only <dataset-dir>/subsets/<NAME>.json with explicit pairs\n');
    return 1;
  }
  const datasetDir = v.text('dataset_dir');
  const logDir = v.text('log_dir');
  const pairs = discoverTasks(loadSubset(datasetDir, subsetName), { repo: v.str('repo'), task: v.int('task'), features });
  if (pairs.length === 0) {
    say('no tasks found');
    return 0;
  }
  const agentConfig = v.str('agent_config');
  if (agentConfig && !existsSync(agentConfig)) throw new UpstreamError('FileNotFoundError', `[Errno 2] No such file or directory: ${pyRepr(agentConfig)}`);

  const messaging = setting === 'coop' && !v.flag('no_messaging');
  const force = v.flag('force');
  const autoEval = !v.flag('no_auto_eval');
  const runDir = resolveInside(logDir, runName);
  mkdirSync(runDir, { recursive: true });
  const write = (file: string, text: string) => writeFileSync(file, text);
  write(resolveInside(runDir, 'config.json'), pythonJson(renderConfig({ runName, agent, model, setting, concurrency: v.int('concurrency') ?? 30, totalTasks: pairs.length, startedAt: naiveLocalIso(started) })));
  if (knobs.hang) await hangForever();

  sayHeader(v, { runName, setting, agent, model, version, tasks: pairs.length, messaging });

  const state = new RunState(runDir);
  const agentError = unknownAgentError(agent, version);
  const entries: TaskEntry[] = [];
  const tally: EvalTally = emptyTally();
  const counts = { completed: 0, skipped: 0, failed: 0, cost: 0 };
  let executedHere = 0;

  const failPair = (pair: PairSpec, error: string) => {
    counts.failed++;
    entries.push({ task: taskLabel(pair), status: 'error', cost: 0, error, eval: null });
    say(`✗ error ${pair.repo}/${pair.task_id} ${error}`);
  };
  const autoEvaluate = (pair: PairSpec, pairDir: string, entry: TaskEntry) => {
    if (autoEval) evaluateInto(tally, entry, { runName, state, knobs, setting, force }, pair, pairDir);
  };

  for (const pair of pairs) {
    if (agentError) {
      failPair(pair, agentError);
      continue;
    }
    const pairDir = pairDirOf(logDir, runName, setting, pair);
    const resultFile = resolveInside(pairDir, 'result.json');
    const previous = existsSync(resultFile) ? readResult(resultFile) : null;
    if (previous && !previous.ok) {
      failPair(pair, previous.error);
      continue;
    }
    if (previous?.ok && !force && !hasErrorStatus(previous.result)) {
      const cost = typeof previous.result.total_cost === 'number' ? previous.result.total_cost : 0;
      const entry: TaskEntry = { task: taskLabel(pair), status: 'skip', cost, eval: null };
      counts.skipped++;
      counts.cost += cost;
      entries.push(entry);
      say(`→ done ${pair.repo}/${pair.task_id} [${pair.features.join(',')}] (skipped: result.json exists)`);
      autoEvaluate(pair, pairDir, entry);
      continue;
    }

    // Execute (or re-run in place): agent files are overwritten, an old eval.json is not removed.
    const pairStarted = nowMicros();
    await sleep(knobs.pairDelayMs);
    const key = pairKey(setting, pair);
    const record = nextExecution(state.get(key), previous !== null, { seed: knobs.seed, era: knobs.era, model, framework: agent, setting, messaging }, knobs);
    state.set(key, record);
    const draw = drawExecution(runName, pair, record, knobs);
    // Wall-clock times, so that an eval.json from an earlier execution reads as stale (evaluated before these agents ended).
    const pairEnded = nowMicros();
    const timing = { started: pairStarted, ended: pairEnded, durationSeconds: (pairEnded - pairStarted) / 1e6, formatTime: naiveLocalIso };
    writePairAgentFiles(logDir, draw, { runName, logDirLabel: pythonPath(logDir), trajectories: true, ...timing }, write);
    logExec(knobs.execLog, { run: runName, setting, pair, event: 'agents-done' });
    executedHere++;
    if (knobs.dieAfter !== null && executedHere >= knobs.dieAfter) dieNow(`STANDIN_DIE_AFTER=${knobs.dieAfter} pairs written`);

    const entry: TaskEntry = { task: taskLabel(pair), status: 'done', cost: draw.cost, eval: null };
    counts.completed++;
    counts.cost += draw.cost;
    entries.push(entry);
    const statuses = draw.plan.agents.map((a) => a.status).join('/');
    say(`✓ done ${pair.repo}/${pair.task_id} [${pair.features.join(',')}] ${statuses}${record.executions > 1 ? ` (execution ${record.executions})` : ''}`);
    autoEvaluate(pair, pairDir, entry);
  }

  const completed = nowMicros();
  const evalTally = autoEval ? tally : null;
  const summary = renderRunSummary({ runName, completedAt: naiveLocalIso(completed), totalTasks: pairs.length, completed: counts.completed, skipped: counts.skipped, failed: counts.failed, totalCost: counts.cost, totalTimeSeconds: (completed - started) / 1e6, entries, evalTally });
  write(resolveInside(runDir, 'summary.json'), pythonJson(summary));

  sayTotals(counts, evalTally);
  say(`logs: ${pythonPath(logDir, runName, setting)}`);
  return 0;
}
