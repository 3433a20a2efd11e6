import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pLimit from 'p-limit';
import { writeJsonAtomic } from '@cooperbench-repro/contracts';
import { reclaimRunDir, runChild, type ChildOutcome } from './child-process.js';
import { cooperbenchCommand, type Experiment } from './experiment.js';
import { ensureManifest, recordAttempt } from './manifest.js';
import { runStatus, setAsideStaleEvals, type RunStatus } from './pair-status.js';
import { buildPlan, evalArgv, runDir, type Invocation, type Plan } from './plan.js';
import type { RunnerProgress } from './progress.js';
import { probeUpstream } from './upstream-probe.js';

export type InvocationState = 'complete' | 'already-complete' | 'incomplete' | 'budget-skipped' | 'cancelled';

export interface InvocationReport {
  run: string;
  model: string;
  arm: string;
  seed: number;
  state: InvocationState;
  attempts: number;
  infra_failures: string[];
  expected_pairs: number;
  pairs_with_result: number;
  pairs_with_eval: number;
  pending: number;
  agent_error: number;
  needs_eval: number;
  unreadable: number;
  cost_usd: number;
}

export interface RunReport {
  experiment: string;
  upstream_version: string | null;
  synthetic: boolean;
  expected_pairs_per_invocation: number;
  budget_usd: number | null;
  budget_reached: boolean;
  invocations: InvocationReport[];
  cost_by_model_arm: { model: string; arm: string; cost_usd: number }[];
  total_cost_usd: number;
}

export interface RunOptions {
  cwd: string;
  progress: RunnerProgress;
  signal: AbortSignal;
  /** Mode: run the agents (`run`) or only evaluate pairs that lack evals (`eval`). */
  mode: 'run' | 'eval';
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

/** Why an attempt counts as an infrastructure failure (retried), or null when the agents genuinely ran. */
function infraReason(child: ChildOutcome, after: RunStatus, kind: 'run' | 'eval', autoEval: boolean): string | null {
  if (child.timedOut) return `timed out after ${Math.round(child.durationMs / 1000)}s; process group killed`;
  if (child.signal) return `killed by ${child.signal}`;
  if (child.exitCode !== 0) return `exit code ${child.exitCode}${child.stderrTail ? `: ${child.stderrTail.split('\n').slice(-3).join(' | ')}` : ''}`;
  if (kind === 'run' && after.counts.pending > 0) return `${after.counts.pending} pairs have no result.json`;
  if (kind === 'run' && after.counts['agent-error'] > 0) return `${after.counts['agent-error']} pairs whose agents ended in Error`;
  if (after.counts['needs-eval'] > 0 && (kind === 'eval' || autoEval)) return `${after.counts['needs-eval']} pairs have no current eval.json`;
  return null;
}

/** What the files say still has to happen for this run: agents (`run`), evaluation (`eval`), or nothing. */
export function nextStep(st: RunStatus, mode: 'run' | 'eval', autoEval: boolean): 'run' | 'eval' | null {
  if (mode === 'run' && st.counts.pending + st.counts['agent-error'] > 0) return 'run';
  if (st.counts['needs-eval'] > 0 && (mode === 'eval' || autoEval)) return 'eval';
  return null;
}

function summarize(inv: Invocation, state: InvocationState, attempts: number, failures: string[], st: RunStatus): InvocationReport {
  return {
    run: inv.runName, model: inv.model, arm: inv.arm, seed: inv.seed, state, attempts, infra_failures: failures,
    expected_pairs: st.pairs.length, pairs_with_result: st.withResult, pairs_with_eval: st.withEval,
    pending: st.counts.pending, agent_error: st.counts['agent-error'], needs_eval: st.counts['needs-eval'], unreadable: st.counts.unreadable,
    cost_usd: st.cost,
  };
}

/**
 * Runs (or resumes) every invocation of an experiment. The log files are the state: a complete pair is
 * never run again, Error pairs and missing evals are redone, and a budget stops new invocations.
 */
export async function runExperiment(e: Experiment, opts: RunOptions): Promise<RunReport> {
  const plan = buildPlan(e);
  const sleep = opts.sleep ?? defaultSleep;
  const { progress, signal } = opts;
  if (plan.generatedSubset) {
    mkdirSync(dirname(plan.subsetFile), { recursive: true });
    await writeJsonAtomic(plan.subsetFile, { name: plan.subsetName, description: `pairs of experiment ${e.name} (written by cooperbench-repro runner)`, ...plan.generatedSubset });
  }
  mkdirSync(e.log_dir, { recursive: true });
  const probe = await probeUpstream(cooperbenchCommand(e), opts.cwd);
  // Spend so far: one scan at start, then each invocation adds what it changed (no re-scan of every run).
  const costOf = new Map(plan.invocations.map((inv) => [inv.runName, runStatus(e, inv, plan.pairs).cost]));
  const spent = () => [...costOf.values()].reduce((n, c) => n + c, 0);
  let budgetReached = false;

  const one = async (inv: Invocation): Promise<InvocationReport> => {
    const dir = runDir(e, inv);
    let status = runStatus(e, inv, plan.pairs);
    if (signal.aborted) return summarize(inv, 'cancelled', 0, [], status);
    if (nextStep(status, opts.mode, e.eval.auto) === null) return summarize(inv, 'already-complete', 0, [], status);
    if (opts.mode === 'run' && e.budget_usd !== null && spent() >= e.budget_usd) {
      if (!budgetReached) progress.line(`budget of $${e.budget_usd} reached ($${spent().toFixed(2)} spent): no new invocations are started`);
      budgetReached = true;
      return summarize(inv, 'budget-skipped', 0, [], status);
    }
    await reclaimRunDir(dir, progress.line);
    await ensureManifest(dir, e, inv, probe.version, probe.synthetic);
    progress.begin(inv.runName, plan.pairs.length);
    const failures: string[] = [];
    let attempts = 0;
    for (let attempt = 1; attempt <= e.retries.max + 1; attempt++) {
      status = runStatus(e, inv, plan.pairs);
      const kind = nextStep(status, opts.mode, e.eval.auto);
      if (kind === null) break;
      const setAside = setAsideStaleEvals(status);
      if (setAside.length) progress.line(`${inv.runName}: moved ${setAside.length} stale eval.json aside (upstream keeps them on re-run)`);
      const argv = kind === 'run' ? inv.argv : evalArgv(e, inv);
      const started = new Date().toISOString();
      const poll = setInterval(() => {
        const s = runStatus(e, inv, plan.pairs);
        costOf.set(inv.runName, s.cost);
        progress.update(inv.runName, s.withResult, s.cost);
      }, 1000);
      const child = await runChild({ argv, cwd: opts.cwd, runDir: dir, timeoutMs: e.timeout_minutes === null ? null : e.timeout_minutes * 60_000, signal });
      clearInterval(poll);
      attempts++;
      status = runStatus(e, inv, plan.pairs);
      costOf.set(inv.runName, status.cost);
      progress.update(inv.runName, status.withResult, status.cost);
      const reason = child.cancelled ? 'cancelled (Ctrl-C / SIGTERM): process group stopped' : infraReason(child, status, kind, e.eval.auto);
      await recordAttempt(dir, { started_at: started, ended_at: new Date().toISOString(), exit_code: child.exitCode, signal: child.signal, infra_error: reason !== null, reason: reason ? `${kind}: ${reason}` : null });
      if (child.cancelled) {
        progress.end(inv.runName, 'cancelled; re-run the same experiment to resume');
        return summarize(inv, 'cancelled', attempts, failures, status);
      }
      if (reason === null) break;
      failures.push(`attempt ${attempt} (${kind}): ${reason}`);
      if (attempt <= e.retries.max) {
        const wait = e.retries.backoff_seconds * 1000 * 2 ** (attempt - 1);
        progress.line(`${inv.runName}: infrastructure failure (${reason}); retry ${attempt}/${e.retries.max} in ${wait / 1000}s`);
        await sleep(wait, signal);
        if (signal.aborted) return summarize(inv, 'cancelled', attempts, failures, status);
      }
    }
    const complete = nextStep(status, opts.mode, e.eval.auto) === null && status.counts.unreadable === 0;
    const report = summarize(inv, complete ? 'complete' : 'incomplete', attempts, failures, status);
    progress.end(inv.runName, `${report.state}: ${report.pairs_with_result}/${report.expected_pairs} results, ${report.pairs_with_eval} evals, $${report.cost_usd.toFixed(2)}${report.state === 'incomplete' ? missingText(report) : ''}`);
    return report;
  };

  const limit = pLimit(e.parallel_invocations);
  const reports = await Promise.all(plan.invocations.map((inv) => limit(() => one(inv))));
  progress.close();
  return buildReport(plan, probe, reports, budgetReached);
}

function missingText(r: InvocationReport): string {
  const parts = [
    r.pending && `${r.pending} without result.json`,
    r.agent_error && `${r.agent_error} agent Error`,
    r.needs_eval && `${r.needs_eval} without eval`,
    r.unreadable && `${r.unreadable} unreadable result.json`,
  ].filter(Boolean);
  return `; missing: ${parts.join(', ')}`;
}

function buildReport(plan: Plan, probe: { version: string | null; synthetic: boolean }, reports: InvocationReport[], budgetReached: boolean): RunReport {
  const byKey = new Map<string, { model: string; arm: string; cost_usd: number }>();
  for (const r of reports) {
    const key = `${r.model}\0${r.arm}`;
    const entry = byKey.get(key) ?? { model: r.model, arm: r.arm, cost_usd: 0 };
    entry.cost_usd += r.cost_usd;
    byKey.set(key, entry);
  }
  return {
    experiment: plan.experiment.name,
    upstream_version: probe.version,
    synthetic: probe.synthetic,
    expected_pairs_per_invocation: plan.pairs.length,
    budget_usd: plan.experiment.budget_usd,
    budget_reached: budgetReached,
    invocations: reports,
    cost_by_model_arm: [...byKey.values()],
    total_cost_usd: reports.reduce((n, r) => n + r.cost_usd, 0),
  };
}

export function reportFile(e: Experiment): string {
  return join(dirname(e.log_dir), 'runner', `${e.name}.json`);
}
