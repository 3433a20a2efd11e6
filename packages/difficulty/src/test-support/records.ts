import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Outcome, RunRecord } from '@cooperbench-repro/contracts';
import { referencePath } from '@cooperbench-repro/public-data';

/** The committed paper tables (data/reference/paper). */
export const PAPER = referencePath('paper');

export function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** A minimal valid run record: only what the difficulty stage reads is meaningful. */
export function record(arm: string, model: string, pair: [string, number, number, number], outcome: Outcome, extra: Partial<RunRecord> = {}): RunRecord {
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
