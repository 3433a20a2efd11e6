import { minimalRunRecord, type EvalFormat, type MergeOutcome, type Outcome, type RunRecord } from '@cooperbench-repro/contracts';

/** A hand-built coop record of one run: merge outcome, outcome, eval format and version as given. */
export function coop(
  run: string,
  pair: [string, number, number, number],
  merge: MergeOutcome,
  outcome: Outcome,
  format: EvalFormat,
  extra: Partial<RunRecord> = {},
): RunRecord {
  const [repo, task, a, b] = pair;
  const arm = extra.arm ?? 'coop-msg';
  return minimalRunRecord(arm, extra.model ?? 'model-x', pair, outcome, {
    run,
    record_id: `${run}/coop/${repo}/${task}/f${a}_f${b}`,
    eval_format: format,
    merge: { status: null, strategy: null, outcome: merge, naive_conflict: merge === 'clean' ? false : null },
    ...extra,
  });
}

/** A hand-built solo record. */
export function solo(run: string, pair: [string, number, number, number], outcome: Outcome, extra: Partial<RunRecord> = {}): RunRecord {
  const [repo, task, a, b] = pair;
  return minimalRunRecord('solo', extra.model ?? 'model-x', pair, outcome, { run, record_id: `${run}/solo/${repo}/${task}/f${a}_f${b}`, eval_format: 'solo', ...extra });
}

export const P1: [string, number, number, number] = ['repo_a_task', 1, 1, 2];
export const P2: [string, number, number, number] = ['repo_a_task', 1, 1, 3];
export const P3: [string, number, number, number] = ['repo_b_task', 7, 2, 4];
export const P4: [string, number, number, number] = ['repo_b_task', 7, 3, 4];
export const P5: [string, number, number, number] = ['repo_c_task', 9, 1, 5];
