import { z } from 'zod';
import { ArmSchema, SettingSchema } from './arms.js';

/** One normalized record per upstream pair directory (or per legacy record): a line of `data/results.jsonl`. */

export const AgentStatusSchema = z.enum(['Submitted', 'LimitsExceeded', 'CostLimitExceeded', 'Error']);
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

export const AgentRunSchema = z.object({
  /** `solo`, `agent1`, `agent2`, ... as upstream keys them. */
  agent_id: z.string(),
  /** The feature this agent owned (null for the solo agent, which owns both). */
  feature_id: z.number().int().nullable(),
  status: AgentStatusSchema,
  cost: z.number(),
  steps: z.number().int(),
  input_tokens: z.number().int().nullable(),
  output_tokens: z.number().int().nullable(),
  cache_read_tokens: z.number().int().nullable(),
  cache_write_tokens: z.number().int().nullable(),
  patch_lines: z.number().int().nullable(),
  error: z.string().nullable(),
  team_role: z.string().nullable(),
});
export type AgentRun = z.infer<typeof AgentRunSchema>;

/**
 * What happened to the two patches before testing:
 * clean: naive merge clean; union: naive conflicted and the union merge was tested (<= 0.0.15, GCP);
 * conflict: naive conflict and no merged tree was tested (>= 0.0.16 naive fail);
 * identical: both patches identical, tested once (>= 0.0.16);
 * solo-agent1: naive conflict, agent1's patch alone passed both suites (>= 0.0.16);
 * unmergeable: naive and union merges both conflicted (<= 0.0.15, GCP batch `merge_failed`): upstream calls
 *   it an eval error, the paper and the leaderboard a failure of the team, and so does the store (outcome fail);
 * missing-input: a patch failed to apply; error: eval reported an error;
 * missing: no eval.json; none: solo run (no merge).
 */
export const MergeOutcomeSchema = z.enum([
  'clean',
  'union',
  'unmergeable',
  'conflict',
  'identical',
  'solo-agent1',
  'missing-input',
  'error',
  'missing',
  'none',
]);
export type MergeOutcome = z.infer<typeof MergeOutcomeSchema>;

/** Which upstream eval semantics produced the outcome: pass rates across formats are not comparable. */
export const EvalFormatSchema = z.enum(['solo', 'naive-union', 'identical-naive', 'gcp-batch', 'unknown']);
export type EvalFormat = z.infer<typeof EvalFormatSchema>;

export const MergeSchema = z.object({
  status: z.string().nullable(),
  strategy: z.string().nullable(),
  outcome: MergeOutcomeSchema,
  /** Did the naive git merge conflict? null when unknowable (solo, no eval, apply failure, eval error). */
  naive_conflict: z.boolean().nullable(),
});

export const FeatureResultSchema = z.object({
  feature_id: z.number().int(),
  passed: z.boolean(),
  exit_code: z.number().int().nullable(),
  tests_passed: z.number().int().nullable(),
  tests_failed: z.number().int().nullable(),
});
export type FeatureResult = z.infer<typeof FeatureResultSchema>;

export const MessageSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** The sender's feature. */
  feature_id: z.number().int().nullable(),
  text: z.string(),
  /** Epoch seconds; null where the framework records none (mini_swe_agent_v2). */
  timestamp: z.number().nullable(),
});
export type Message = z.infer<typeof MessageSchema>;

export const PatchHunkSchema = z.object({
  old_start: z.number().int(),
  old_lines: z.number().int(),
  new_start: z.number().int(),
  new_lines: z.number().int(),
});
export const PatchSummarySchema = z.object({
  feature_id: z.number().int().nullable(),
  file: z.string(),
  lines_added: z.number().int(),
  lines_removed: z.number().int(),
  files: z.array(z.object({ path: z.string(), hunks: z.array(PatchHunkSchema) })),
});
export type PatchSummary = z.infer<typeof PatchSummarySchema>;

export const OutcomeSchema = z.enum(['pass', 'fail', 'unknown']);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const RecordSourcesSchema = z.object({
  /** Pair directory relative to the log root (upstream records). */
  dir: z.string().nullable(),
  /** Files read for this record, relative to the log root. */
  files: z.array(z.string()),
  /** sha256 over the names and bytes of `files`. */
  sha256: z.string().nullable(),
  /** For imported records: the legacy results file and the record's index in it. */
  legacy: z.object({ file: z.string(), index: z.number().int() }).nullable(),
});

export const LegacyFieldsSchema = z.object({
  setting: z.string(),
  merge_outcome: z.string().nullable(),
  difficulty: z.number().nullable(),
  bucket: z.number().int().nullable(),
});

export const RunRecordSchema = z.object({
  record_id: z.string(),
  schema: z.literal('cooperbench-repro/run-record@1'),
  source: z.enum(['upstream-logs', 'legacy-import']),
  synthetic: z.boolean(),
  run: z.string(),
  arm: ArmSchema,
  setting: SettingSchema,
  model: z.string(),
  seed: z.number().int().nullable(),
  agent_framework: z.string().nullable(),
  upstream_version: z.string().nullable(),
  eval_format: EvalFormatSchema,
  repo: z.string(),
  task_id: z.number().int(),
  /** Sorted ascending, as the pair directory `f<a>_f<b>` names them. */
  features: z.tuple([z.number().int(), z.number().int()]),
  pair: z.string(),
  started_at: z.string().nullable(),
  duration_seconds: z.number().nullable(),
  agents: z.array(AgentRunSchema),
  /** Worst agent status: Error > LimitsExceeded/CostLimitExceeded > Submitted. */
  agent_status: AgentStatusSchema,
  /** An agent ended in Error (adapter or infrastructure exception), as opposed to a genuine attempt. */
  infra_failure: z.boolean(),
  limits_exceeded: z.boolean(),
  total_cost: z.number(),
  total_steps: z.number().int(),
  merge: MergeSchema,
  apply_status: z.record(z.string(), z.string()).nullable(),
  feature_results: z.array(FeatureResultSchema),
  /** As eval.json reports it; null when there is no eval. */
  both_passed: z.boolean().nullable(),
  /** pass/fail only when an eval ran without error; otherwise unknown (never counted as a failure). */
  outcome: OutcomeSchema,
  evaluated: z.boolean(),
  eval_error: z.string().nullable(),
  unknown_reason: z.string().nullable(),
  messaging_enabled: z.boolean(),
  messages: z.array(MessageSchema),
  message_count: z.number().int(),
  patches: z.array(PatchSummarySchema),
  team_metrics: z.record(z.string(), z.unknown()).nullable(),
  legacy: LegacyFieldsSchema.nullable(),
  sources: RecordSourcesSchema,
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

export function recordId(run: string, setting: string, repo: string, taskId: number, features: readonly [number, number]): string {
  return `${run}/${setting}/${repo}/${taskId}/f${features[0]}_f${features[1]}`;
}

const STATUS_SEVERITY: Record<AgentStatus, number> = { Submitted: 0, LimitsExceeded: 1, CostLimitExceeded: 1, Error: 2 };

export function worstAgentStatus(statuses: readonly AgentStatus[]): AgentStatus {
  return statuses.reduce<AgentStatus>((worst, s) => (STATUS_SEVERITY[s] > STATUS_SEVERITY[worst] ? s : worst), 'Submitted');
}
