import { marked } from '../synthetic-logs/marker.js';

/**
 * Run-level files in upstream's shapes (doc 2.2 to 2.4): config.json, summary.json and
 * eval_summary.json, each rewritten by every invocation, each with the synthetic marker.
 */

export interface ConfigFields {
  runName: string;
  agent: string;
  model: string;
  setting: string;
  concurrency: number;
  totalTasks: number;
  startedAt: string;
}

export function renderConfig(c: ConfigFields): object {
  return marked({ run_name: c.runName, agent_framework: c.agent, model: c.model, setting: c.setting, concurrency: c.concurrency, total_tasks: c.totalTasks, started_at: c.startedAt });
}

export interface EvalTally {
  passed: number;
  failed: number;
  errors: number;
  /** Pre-existing eval.json returned as is (also counted in passed/failed/errors). */
  skipped: number;
}

export const emptyTally = (): EvalTally => ({ passed: 0, failed: 0, errors: 0, skipped: 0 });

/** Eval errors (raised, or eval.json with an error) are excluded from the rate, as upstream does. */
export const passRate = (t: EvalTally) => t.passed / Math.max(t.passed + t.failed, 1);

export type TaskStatus = 'done' | 'skip' | 'failed' | 'error';

export interface TaskEntry {
  /** `<repo>/<task_id>/<f1>,<f2>`. */
  task: string;
  status: TaskStatus;
  cost: number;
  /** Only for status error (the task raised; no cost). */
  error?: string;
  eval: 'pass' | 'fail' | 'error' | null;
}

export interface RunSummaryFields {
  runName: string;
  completedAt: string;
  totalTasks: number;
  completed: number;
  skipped: number;
  failed: number;
  totalCost: number;
  totalTimeSeconds: number;
  entries: readonly TaskEntry[];
  /** null when auto-eval was off. */
  evalTally: EvalTally | null;
}

export function renderRunSummary(s: RunSummaryFields): object {
  const t = s.evalTally;
  return marked({
    run_name: s.runName,
    completed_at: s.completedAt,
    pass_rate: t ? passRate(t) : null,
    total_tasks: s.totalTasks,
    completed: s.completed,
    skipped: s.skipped,
    failed: s.failed,
    total_cost: s.totalCost,
    total_time_seconds: s.totalTimeSeconds,
    // Upstream quirk: with exactly one selected task, `results` stays empty.
    results: s.totalTasks === 1 ? [] : s.entries.map((e) => (e.status === 'error' ? { task: e.task, status: e.status, error: e.error, eval: null } : { task: e.task, status: e.status, cost: e.cost, eval: e.eval })),
    eval: t ? { total_evaluated: t.passed + t.failed + t.errors, passed: t.passed, failed: t.failed, errors: t.errors, skipped: t.skipped, pass_rate: passRate(t) } : null,
  });
}

export interface EvalEntry {
  /** `<repo>/<task_id>/<f1>,<f2>`. */
  run: string;
  status: 'pass' | 'fail' | 'skip' | 'error';
  error?: string;
}

export function renderEvalSummary(runName: string, evaluatedAt: string, tally: EvalTally, entries: readonly EvalEntry[]): object {
  return marked({
    run_name: runName,
    evaluated_at: evaluatedAt,
    total_runs: entries.length,
    passed: tally.passed,
    failed: tally.failed,
    errors: tally.errors,
    skipped: tally.skipped,
    pass_rate: passRate(tally),
    // As in summary.json, a single evaluated pair leaves `results` empty.
    results: entries.length === 1 ? [] : entries,
  });
}
