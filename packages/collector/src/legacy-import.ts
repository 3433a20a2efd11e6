import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  AgentStatusSchema,
  DataFileError,
  RunRecordSchema,
  issuesFromZod,
  parseJsonText,
  recordId,
  validate,
  type Arm,
  type Problem,
  type RunRecord,
} from '@cooperbench-repro/contracts';
import { mergeOutcomeOf } from './eval-outcome.js';

/**
 * Converts the `results.json` of the earlier Python implementation (24 fields per record, union-era
 * evals; see shared/command-a-lite-results/SOURCES.md) into normalized run records.
 */
export const LegacyRecordShape = z.object({
  repo: z.string(),
  task_id: z.number().int(),
  features: z.array(z.number().int()).length(2),
  setting: z.enum(['solo', 'coop-comm', 'coop-nocomm']),
  seed: z.number().int().nonnegative().nullable(),
  run_name: z.string().min(1),
  model: z.string().min(1),
  started_at: z.string().nullable(),
  duration_seconds: z.number().nullable(),
  total_cost: z.number(),
  total_steps: z.number().int(),
  agent_status: AgentStatusSchema,
  infra_error: z.boolean(),
  both_passed: z.boolean(),
  feature1_passed: z.boolean(),
  feature2_passed: z.boolean(),
  merge_outcome: z.string().nullable(),
  merge_status: z.string().nullable(),
  merge_strategy: z.string().nullable(),
  eval_error: z.string().nullable(),
  messages: z.array(
    z.object({ from: z.string(), to: z.string(), message: z.string(), timestamp: z.number().nullable(), feature_id: z.number().int().nullable() }),
  ),
  messages_count: z.number().int(),
  difficulty: z.number().nullable(),
  bucket: z.number().int().nullable(),
});
export type LegacyRecord = z.infer<typeof LegacyRecordShape>;

const ARM_OF_LEGACY_SETTING: Record<LegacyRecord['setting'], Arm> = { solo: 'solo', 'coop-comm': 'coop-msg', 'coop-nocomm': 'coop-nomsg' };

export interface LegacyImportOptions {
  /** Recorded as provenance (sources.legacy.file); give it relative to the workspace for stable output. */
  displayPath: string;
  agentFramework: string | null;
}

export function legacyToRecord(legacy: LegacyRecord, index: number, opts: LegacyImportOptions): RunRecord {
  const arm = ARM_OF_LEGACY_SETTING[legacy.setting];
  const setting = arm === 'solo' ? 'solo' : 'coop';
  const features = [...legacy.features].sort((a, b) => a - b) as [number, number];
  const merge =
    setting === 'solo'
      ? { status: null, strategy: null, outcome: legacy.eval_error ? ('error' as const) : ('none' as const), naive_conflict: null }
      : { status: legacy.merge_status, strategy: legacy.merge_strategy, ...mergeOutcomeOf(legacy.merge_status, legacy.merge_strategy, legacy.eval_error) };
  const unknownReason = merge.outcome === 'unmergeable' ? null : legacy.eval_error !== null ? `eval error: ${legacy.eval_error}` : merge.outcome === 'error' ? 'merge status error' : null;
  const featureResults = [
    { feature_id: legacy.features[0]!, passed: legacy.feature1_passed },
    { feature_id: legacy.features[1]!, passed: legacy.feature2_passed },
  ]
    .map((f) => ({ ...f, exit_code: null, tests_passed: null, tests_failed: null }))
    .sort((a, b) => a.feature_id - b.feature_id);
  return {
    record_id: recordId(legacy.run_name, setting, legacy.repo, legacy.task_id, features),
    schema: 'cooperbench-repro/run-record@1',
    source: 'legacy-import',
    synthetic: false,
    run: legacy.run_name,
    arm,
    setting,
    model: legacy.model,
    seed: legacy.seed,
    agent_framework: opts.agentFramework,
    upstream_version: null,
    // The Python pipeline's merge vocabulary (merge_clean / merge_union / merge_failed) is the <= 0.0.15 union era.
    eval_format: setting === 'solo' ? 'solo' : 'naive-union',
    repo: legacy.repo,
    task_id: legacy.task_id,
    features,
    pair: `f${features[0]}_f${features[1]}`,
    started_at: legacy.started_at,
    duration_seconds: legacy.duration_seconds,
    agents: [],
    agent_status: legacy.agent_status,
    infra_failure: legacy.infra_error,
    limits_exceeded: legacy.agent_status === 'LimitsExceeded' || legacy.agent_status === 'CostLimitExceeded',
    total_cost: legacy.total_cost,
    total_steps: legacy.total_steps,
    merge,
    apply_status: null,
    feature_results: featureResults,
    both_passed: legacy.both_passed,
    outcome: unknownReason !== null ? 'unknown' : legacy.both_passed ? 'pass' : 'fail',
    evaluated: true,
    eval_error: legacy.eval_error,
    unknown_reason: unknownReason,
    messaging_enabled: arm !== 'solo' && arm !== 'coop-nomsg',
    messages: legacy.messages.map((m) => ({ from: m.from, to: m.to, feature_id: m.feature_id, text: m.message, timestamp: m.timestamp })),
    message_count: legacy.messages.length,
    patches: [],
    team_metrics: null,
    legacy: { setting: legacy.setting, merge_outcome: legacy.merge_outcome, difficulty: legacy.difficulty, bucket: legacy.bucket },
    sources: {
      dir: null,
      files: [opts.displayPath],
      sha256: createHash('sha256').update(JSON.stringify(legacy)).digest('hex'),
      legacy: { file: opts.displayPath, index },
    },
  };
}

export interface LegacyImportResult {
  records: RunRecord[];
  problems: Problem[];
  found: number;
}

/** Reads a legacy results.json; each bad record becomes a problem naming its index and field, the rest are converted. */
export function importLegacyFile(file: string, opts: LegacyImportOptions): LegacyImportResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataFileError(opts.displayPath, [{ field: null, expected: 'a readable results.json file', message: (err as Error).message }]);
  }
  const parsed = parseJsonText(opts.displayPath, text);
  if (!Array.isArray(parsed)) {
    throw new DataFileError(opts.displayPath, [{ field: null, expected: 'an array of records (the earlier Python pipeline writes results.json as a JSON array)', message: `found ${typeof parsed}` }]);
  }
  const records: RunRecord[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  parsed.forEach((raw, i) => {
    const check = LegacyRecordShape.safeParse(raw);
    if (!check.success) {
      const issue = issuesFromZod(check.error, [i])[0]!;
      problems.push({ severity: 'error', code: 'invalid-legacy-record', file: opts.displayPath, field: issue.field, expected: issue.expected, message: issue.message || 'record not imported', run: null, pair: null, rejected_pairs: 1 });
      return;
    }
    const record = validate(`${opts.displayPath}[${i}]`, RunRecordSchema, legacyToRecord(check.data, i, opts));
    if (seen.has(record.record_id)) {
      problems.push({ severity: 'error', code: 'duplicate-record', file: opts.displayPath, field: `[${i}]`, expected: 'one record per run, repo, task and pair', message: `${record.record_id} appears twice; the later one is not imported`, run: record.run, pair: record.record_id, rejected_pairs: 1 });
      return;
    }
    seen.add(record.record_id);
    records.push(record);
  });
  records.sort((a, b) => (a.record_id < b.record_id ? -1 : 1));
  return { records, problems, found: parsed.length };
}
