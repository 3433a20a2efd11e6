import type { Outcome, RunRecord } from './run-record.js';

/**
 * A minimal valid run record for tests of the stages: every field set to a neutral value, the arm,
 * model, pair and outcome given, anything else overridden by `extra`. One builder, so a new record
 * field is added in one place.
 */
export function minimalRunRecord(arm: string, model: string, pair: [string, number, number, number], outcome: Outcome, extra: Partial<RunRecord> = {}): RunRecord {
  const [repo, task, a, b] = pair;
  return {
    record_id: `${model}-${arm}-${extra.seed ?? 0}/${arm === 'solo' ? 'solo' : 'coop'}/${repo}/${task}/f${a}_f${b}`,
    schema: 'cooperbench-repro/run-record@1',
    source: 'upstream-logs',
    synthetic: false,
    run: `${model}-${arm}-${extra.seed ?? 0}`,
    arm,
    setting: arm === 'solo' ? 'solo' : 'coop',
    model,
    seed: 0,
    agent_framework: null,
    upstream_version: null,
    eval_format: 'unknown',
    repo,
    task_id: task,
    features: [a, b],
    pair: `f${a}_f${b}`,
    started_at: null,
    duration_seconds: null,
    agents: [],
    agent_status: 'Submitted',
    infra_failure: false,
    limits_exceeded: false,
    total_cost: 0,
    total_steps: 0,
    merge: { status: null, strategy: null, outcome: 'none', naive_conflict: null },
    apply_status: null,
    feature_results: [],
    both_passed: outcome === 'unknown' ? null : outcome === 'pass',
    outcome,
    evaluated: outcome !== 'unknown',
    eval_error: null,
    unknown_reason: outcome === 'unknown' ? 'eval.json missing' : null,
    messaging_enabled: arm !== 'solo',
    messages: [],
    message_count: 0,
    patches: [],
    team_metrics: null,
    legacy: null,
    sources: { dir: null, files: [], sha256: null, legacy: null },
    ...extra,
  };
}
