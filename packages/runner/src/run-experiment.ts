import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { writeJsonAtomic, type InvocationState, type RunnerInvocationReport, type RunnerReport } from '@cooperbench-repro/contracts';
import { killActiveGroupsNow, LOCK_FILE, reclaimRunDir, runChild, type ChildOutcome } from './child-process.js';
import { checkExecutable } from './executable.js';
import { cooperbenchCommand, type Experiment } from './experiment.js';
import { attemptHistory, beginAttempt, closeOpenAttempts, ensureManifest, finishAttempt, finishAttemptSync } from './manifest.js';
import { runStatus, setAsideStaleEvals, type RunStatus } from './pair-status.js';
import { ledgerTotal, loadLedger, noteExecutions, saveLedger, type SpendLedger } from './spend-ledger.js';
import { buildPlan, evalArgv, runDir, type Invocation, type Plan } from './plan.js';
import type { RunnerProgress } from './progress.js';
import { probeUpstream } from './upstream-probe.js';

/** The report's shape is the contracts schema (`RunnerReportSchema`), which the CLI validates before writing it. */
export type { InvocationState };

/** What the runner writes for each invocation: always with `current_results_cost_usd` (optional in the schema only for older reports). */
export type InvocationReport = RunnerInvocationReport & { current_results_cost_usd: number };

export type RunReport = Omit<RunnerReport, 'invocations'> & { invocations: InvocationReport[] };

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
    const onAbort = () => { clearTimeout(t); resolve(); };
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Why an attempt counts as an infrastructure failure (retried), or null when the agents genuinely ran. */
function infraReason(child: ChildOutcome, after: RunStatus, kind: 'run' | 'eval', autoEval: boolean): string | null {
  if (child.spawnError) return child.spawnError;
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

/**
 * The report of one invocation. Attempts and infrastructure failures are the run's whole history (its
 * manifest), like cost_usd; `notes` are this execution's lines that are not attempts (a retry the budget stopped).
 */
function summarize(e: Experiment, inv: Invocation, state: InvocationState, notes: string[], st: RunStatus, ledger: SpendLedger): InvocationReport {
  const history = attemptHistory(runDir(e, inv));
  return {
    run: inv.runName, model: inv.model, arm: inv.arm, seed: inv.seed, state, attempts: history.attempts, infra_failures: [...history.infraFailures, ...notes],
    expected_pairs: st.pairs.length, pairs_with_result: st.withResult, pairs_with_eval: st.withEval,
    pending: st.counts.pending, agent_error: st.counts['agent-error'], needs_eval: st.counts['needs-eval'], unreadable: st.counts.unreadable,
    cost_usd: noteExecutions(ledger, st),
    current_results_cost_usd: st.cost,
  };
}

/**
 * Before the first attempt of this execution: stops an orphaned invocation of a runner that died
 * (lock file), checks or writes the manifest, and records the attempts that runner left open as killed.
 */
async function takeOverRunDir(dir: string, e: Experiment, inv: Invocation, probe: { version: string | null; synthetic: boolean }, progress: RunnerProgress): Promise<void> {
  const reclaimed = await reclaimRunDir(dir, progress.line);
  await ensureManifest(dir, e, inv, probe.version, probe.synthetic);
  const runner = reclaimed?.runnerPid ? `the runner (pid ${reclaimed.runnerPid})` : 'the runner';
  const closed = await closeOpenAttempts(
    dir,
    reclaimed?.stoppedWith
      ? `${runner} died during this attempt; the next runner stopped the orphaned process group ${reclaimed.pid} with ${reclaimed.stoppedWith}`
      : `${runner} died during this attempt (its end was never recorded)`,
    reclaimed?.stoppedWith ?? null,
  );
  if (closed) progress.line(`${inv.runName}: recorded ${closed} attempt(s) of an earlier runner that died as killed`);
}

/** Attempts running now, by run directory: closed in the manifest if the runner has to exit at once. */
const openAttempts = new Map<string, { startedAt: string; kind: 'run' | 'eval' }>();

/**
 * For a runner that must exit immediately (a second Ctrl-C): SIGKILLs every running invocation's
 * process group and records those attempts as killed, synchronously.
 */
export function abandonRunningAttempts(why: string): void {
  killActiveGroupsNow();
  for (const [dir, a] of openAttempts) {
    finishAttemptSync(dir, { started_at: a.startedAt, ended_at: new Date().toISOString(), exit_code: null, signal: 'SIGKILL', infra_error: true, reason: `${a.kind}: killed: ${why}; process group SIGKILLed` });
    rmSync(join(dir, LOCK_FILE), { force: true });
  }
  openAttempts.clear();
}

/**
 * Runs (or resumes) every invocation of an experiment. The log files are the state: a complete pair is
 * never run again, Error pairs and missing evals are redone, and a budget stops new invocations.
 */
export async function runExperiment(e: Experiment, opts: RunOptions): Promise<RunReport> {
  const plan = buildPlan(e);
  const sleep = opts.sleep ?? defaultSleep;
  const { progress } = opts;
  // Before anything is written: a missing executable is one clear error, not a failed attempt per invocation.
  checkExecutable(cooperbenchCommand(e)[0], opts.cwd);
  if (plan.generatedSubset) {
    mkdirSync(dirname(plan.subsetFile), { recursive: true });
    await writeJsonAtomic(plan.subsetFile, { name: plan.subsetName, description: `pairs of experiment ${e.name} (written by cooperbench-repro runner)`, ...plan.generatedSubset });
  }
  mkdirSync(e.log_dir, { recursive: true });
  const probe = await probeUpstream(cooperbenchCommand(e), opts.cwd);
  // Spend so far: the ledger of every run (one scan at start), then each invocation adds what it ran.
  const ledgers = new Map(plan.invocations.map((inv) => {
    const ledger = loadLedger(runDir(e, inv));
    noteExecutions(ledger, runStatus(e, inv, plan.pairs));
    return [inv.runName, ledger] as const;
  }));
  const spent = () => [...ledgers.values()].reduce((n, l) => n + ledgerTotal(l), 0);
  const overBudget = () => e.budget_usd !== null && spent() >= e.budget_usd;
  let budgetAnnounced = false;
  const announceBudget = () => {
    if (!budgetAnnounced) progress.line(`budget of $${e.budget_usd} reached ($${spent().toFixed(2)} spent): no new invocations or retries are started`);
    budgetAnnounced = true;
  };
  // Ctrl-C / SIGTERM (opts.signal), or an invocation that failed with an error: stop the others.
  const internal = new AbortController();
  const signal = AbortSignal.any([opts.signal, internal.signal]);
  let internalReason = '';

  const one = async (inv: Invocation): Promise<InvocationReport> => {
    const dir = runDir(e, inv);
    const ledger = ledgers.get(inv.runName)!;
    let status = runStatus(e, inv, plan.pairs);
    if (signal.aborted) return summarize(e, inv, 'cancelled', [], status, ledger);
    if (nextStep(status, opts.mode, e.eval.auto) === null) return summarize(e, inv, 'already-complete', [], status, ledger);
    if (opts.mode === 'run' && overBudget()) {
      announceBudget();
      return summarize(e, inv, 'budget-skipped', [], status, ledger);
    }
    await takeOverRunDir(dir, e, inv, probe, progress);
    progress.begin(inv.runName, plan.pairs.length);
    const notes: string[] = [];
    for (let attempt = 1; attempt <= e.retries.max + 1; attempt++) {
      status = runStatus(e, inv, plan.pairs);
      noteExecutions(ledger, status);
      const kind = nextStep(status, opts.mode, e.eval.auto);
      if (kind === null) break;
      if (attempt > 1 && opts.mode === 'run' && overBudget()) {
        announceBudget();
        notes.push(`no attempt ${attempt}: budget of $${e.budget_usd} reached`);
        break;
      }
      const setAside = setAsideStaleEvals(status);
      if (setAside.length) progress.line(`${inv.runName}: moved ${setAside.length} stale eval.json aside (upstream keeps them on re-run)`);
      const argv = kind === 'run' ? inv.argv : evalArgv(e, inv);
      // Saved before upstream can overwrite a result.json, so no execution's cost is ever lost.
      await saveLedger(ledger);
      const started = new Date().toISOString();
      await beginAttempt(dir, kind, started);
      openAttempts.set(dir, { startedAt: started, kind });
      const poll = setInterval(() => {
        const s = runStatus(e, inv, plan.pairs);
        progress.update(inv.runName, s.withResult, noteExecutions(ledger, s));
      }, 1000);
      let child: ChildOutcome;
      try {
        child = await runChild({ argv, cwd: opts.cwd, runDir: dir, timeoutMs: e.timeout_minutes === null ? null : e.timeout_minutes * 60_000, signal });
      } catch (err) {
        await finishAttempt(dir, { started_at: started, ended_at: new Date().toISOString(), exit_code: null, signal: null, infra_error: true, reason: `${kind}: runner error: ${(err as Error).message}` }).catch(() => {});
        throw err;
      } finally {
        clearInterval(poll);
        openAttempts.delete(dir);
      }
      status = runStatus(e, inv, plan.pairs);
      progress.update(inv.runName, status.withResult, noteExecutions(ledger, status));
      await saveLedger(ledger);
      const cancelReason = opts.signal.aborted ? 'cancelled (Ctrl-C / SIGTERM): process group stopped' : `cancelled (${internalReason}): process group stopped`;
      const reason = child.cancelled ? cancelReason : infraReason(child, status, kind, e.eval.auto);
      await finishAttempt(dir, { started_at: started, ended_at: new Date().toISOString(), exit_code: child.exitCode, signal: child.signal, infra_error: reason !== null, reason: reason ? `${kind}: ${reason}` : null });
      if (child.cancelled) {
        progress.end(inv.runName, 'cancelled; re-run the same experiment to resume');
        return summarize(e, inv, 'cancelled', notes, status, ledger);
      }
      if (reason === null) break;
      if (attempt <= e.retries.max) {
        const wait = e.retries.backoff_seconds * 1000 * 2 ** (attempt - 1);
        progress.line(`${inv.runName}: infrastructure failure (${reason}); retry ${attempt}/${e.retries.max} in ${wait / 1000}s`);
        await sleep(wait, signal);
        if (signal.aborted) return summarize(e, inv, 'cancelled', notes, status, ledger);
      }
    }
    const complete = nextStep(status, opts.mode, e.eval.auto) === null && status.counts.unreadable === 0;
    const report = summarize(e, inv, complete ? 'complete' : 'incomplete', notes, status, ledger);
    progress.end(inv.runName, `${report.state}: ${report.pairs_with_result}/${report.expected_pairs} results, ${report.pairs_with_eval} evals, $${report.cost_usd.toFixed(2)}${report.state === 'incomplete' ? missingText(report) : ''}`);
    return report;
  };

  const limit = pLimit(e.parallel_invocations);
  const settled = await Promise.allSettled(plan.invocations.map((inv) => limit(async () => {
    try {
      return await one(inv);
    } catch (err) {
      // One invocation cannot go on (a run directory of another arm, an unwritable log dir): stop the
      // others cleanly (their attempts are recorded as cancelled) and report the error.
      if (!internal.signal.aborted) {
        internalReason = `stopped because ${inv.runName} failed: ${(err as Error).message}`;
        internal.abort();
      }
      throw err;
    }
  })));
  progress.close();
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const reports = settled.map((r) => (r as PromiseFulfilledResult<InvocationReport>).value);
  return buildReport(plan, probe, reports, overBudget());
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

/** Where the CLI writes the runner report by default, relative to the current directory (the workspace root under Nx). */
export const DEFAULT_REPORT_DIR = 'data/runner';

/** The runner report of an experiment: `<reportDir>/<experiment>.json` (default data/runner/<experiment>.json). */
export function reportFile(e: Experiment, reportDir: string = DEFAULT_REPORT_DIR, cwd: string = process.cwd()): string {
  return resolve(cwd, reportDir, `${e.name}.json`);
}
