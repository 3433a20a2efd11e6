import { z } from 'zod';
import { AgentStatusSchema } from '@cooperbench-repro/contracts';

/**
 * Zod shapes of the upstream files the collector reads, covering every version documented in
 * shared/docs/upstream-cooperbench.md (0.0.2 to 0.0.19, GCP batch, team mode). Optional fields are
 * the ones that some version lacks; unknown keys (fork extras such as `messages_by_kind`) are ignored.
 */

const int = z.number().int();
const optionalInt = int.nullable().optional();

export const UpstreamAgentResultShape = z.object({
  feature_id: int.optional(),
  status: AgentStatusSchema,
  cost: z.number().nonnegative().nullable().optional(),
  steps: optionalInt,
  input_tokens: optionalInt,
  output_tokens: optionalInt,
  cache_read_tokens: optionalInt,
  cache_write_tokens: optionalInt,
  patch_lines: optionalInt,
  error: z.string().nullable().optional(),
  team_role: z.string().optional(),
});
export type UpstreamAgentResult = z.infer<typeof UpstreamAgentResultShape>;

const FeaturePair = z.array(int).length(2);

const ResultCommon = {
  repo: z.string(),
  task_id: int,
  features: FeaturePair,
  run_name: z.string().optional(),
  agent_framework: z.string().optional(),
  model: z.string().optional(),
  started_at: z.string().nullable().optional(),
  ended_at: z.string().nullable().optional(),
  duration_seconds: z.number().nullable().optional(),
  total_cost: z.number().nonnegative().nullable().optional(),
  total_steps: optionalInt,
  log_dir: z.string().optional(),
};

export const SoloResultShape = z.object({
  ...ResultCommon,
  setting: z.literal('solo'),
  agent: UpstreamAgentResultShape,
});

export const CoopResultShape = z.object({
  ...ResultCommon,
  setting: z.enum(['coop', 'team']),
  agents: z.record(z.string(), UpstreamAgentResultShape.extend({ feature_id: int })),
  messages_sent: optionalInt,
  lead_agent: z.string().optional(),
  metrics: z.record(z.string(), z.unknown()).optional(),
  team_features: z.record(z.string(), z.unknown()).optional(),
});

export type SoloResult = z.infer<typeof SoloResultShape>;
export type CoopResult = z.infer<typeof CoopResultShape>;

/** `feature1`/`feature2` of eval.json: solo and old coop `{passed, test_output}`, 0.0.12+ adds counts, identical uses `output`. */
export const UpstreamFeatureEvalShape = z.object({
  feature_id: optionalInt,
  passed: z.boolean(),
  exit_code: optionalInt,
  tests_passed: optionalInt,
  tests_failed: optionalInt,
  test_output: z.string().optional(),
  output: z.string().optional(),
});

export const MERGE_STATUSES = ['clean', 'conflicts', 'missing_input', 'identical', 'union', 'error'] as const;
export const MERGE_STRATEGIES = ['naive', 'union', 'solo-agent1', 'skip-merge-identical'] as const;

export const UpstreamMergeShape = z.object({
  status: z.enum(MERGE_STATUSES).nullable(),
  strategy: z.enum(MERGE_STRATEGIES).nullable().optional(),
});

export const EvalShape = z.object({
  repo: z.string(),
  task_id: int,
  features: FeaturePair,
  setting: z.string(),
  merge: UpstreamMergeShape.nullable().optional(),
  /** GCP batch evals may spell the merge as top-level fields. */
  merge_status: z.enum(MERGE_STATUSES).nullable().optional(),
  merge_strategy: z.enum(MERGE_STRATEGIES).nullable().optional(),
  apply_status: z.record(z.string(), z.string()).optional(),
  feature1: UpstreamFeatureEvalShape,
  feature2: UpstreamFeatureEvalShape,
  both_passed: z.boolean(),
  error: z.string().nullable().optional(),
  evaluated_at: z.string().optional(),
});
export type UpstreamEval = z.infer<typeof EvalShape>;

/** conversation.json: the sent messages, sorted by upstream by timestamp (null timestamps first). */
export const ConversationShape = z.array(
  z.object({
    from: z.string(),
    to: z.string(),
    message: z.string(),
    timestamp: z.number().nullable().optional(),
    feature_id: int.nullable().optional(),
  }),
);

/** config.json (only what the collector uses). */
export const RunConfigShape = z.object({
  run_name: z.string().optional(),
  agent_framework: z.string().optional(),
  model: z.string().optional(),
  setting: z.string().optional(),
});
