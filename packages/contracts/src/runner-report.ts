import { z } from 'zod';
import { ArmSchema } from './arms.js';
import { readJsonFile, validate, writeJsonAtomic } from './io.js';

/**
 * The runner's report, `data/runner/<experiment>.json` (`--report-dir` to change): per invocation
 * (model x arm x seed) what state it ended in, its attempts and infrastructure failures, how many of
 * the expected pairs have a result and an eval, and its spend; then spend per model and arm and in total.
 * The runner validates the report against this schema before it writes it.
 */

export const InvocationStateSchema = z.enum(['complete', 'already-complete', 'incomplete', 'budget-skipped', 'cancelled']);
export type InvocationState = z.infer<typeof InvocationStateSchema>;

const Count = z.number().int().nonnegative();
const Usd = z.number().nonnegative();

export const RunnerInvocationReportSchema = z
  .object({
    /** Run directory name under the log root. */
    run: z.string().min(1),
    model: z.string().min(1),
    arm: ArmSchema,
    seed: z.number().int().nonnegative(),
    /** What this runner execution did with the invocation (already-complete: nothing was left to run). */
    state: InvocationStateSchema,
    /** Attempts recorded in the run's manifest over every runner execution (a re-run keeps the history). */
    attempts: Count,
    /** One line per recorded attempt that failed for reasons outside the agents (retried), then this execution's notes. */
    infra_failures: z.array(z.string()),
    expected_pairs: Count,
    pairs_with_result: Count,
    pairs_with_eval: Count,
    pending: Count,
    agent_error: Count,
    needs_eval: Count,
    unreadable: Count,
    /** Spend of this run: every pair execution seen, including ones a re-run overwrote and those of retried or killed attempts. */
    cost_usd: Usd,
    /** Cost in the result.json files there now (what the collector will see). Absent in reports written before it existed (the committed data/runner/demo.json). */
    current_results_cost_usd: Usd.optional(),
  })
  .strict();
export type RunnerInvocationReport = z.infer<typeof RunnerInvocationReportSchema>;

export const RunnerReportSchema = z
  .object({
    experiment: z.string().min(1),
    /** From `cooperbench --version` (null when it could not be told). */
    upstream_version: z.string().nullable(),
    /** The executable said "synthetic" in its version line (the stand-in CLI): no real agent ran. */
    synthetic: z.boolean(),
    expected_pairs_per_invocation: Count,
    budget_usd: Usd.nullable(),
    /** The spend (total_cost_usd) reached or passed budget_usd: no new invocation or retry was started after that. */
    budget_reached: z.boolean(),
    invocations: z.array(RunnerInvocationReportSchema),
    cost_by_model_arm: z.array(z.object({ model: z.string().min(1), arm: ArmSchema, cost_usd: Usd }).strict()),
    /** Spend over every attempt of every invocation (see cost_usd of each invocation). */
    total_cost_usd: Usd,
  })
  .strict();
export type RunnerReport = z.infer<typeof RunnerReportSchema>;

/** Validates the report, then writes it atomically: a report its readers would reject is never written. */
export async function writeRunnerReport(file: string, report: RunnerReport): Promise<void> {
  await writeJsonAtomic(file, validate(file, RunnerReportSchema, report));
}

export function readRunnerReport(file: string): Promise<RunnerReport> {
  return readJsonFile(file, RunnerReportSchema);
}
