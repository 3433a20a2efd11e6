import { z } from 'zod';
import { ErasPolicySchema, PAPER_ANALYSIS_POLICY, SoloAgent1PolicySchema, UnknownOutcomesPolicySchema } from '@cooperbench-repro/contracts';

/** packages/communication/config.json: the choices the paper leaves open (all recorded into `parameters`). */
export const CommunicationOptionsSchema = z.object({
  /** Wilson interval confidence level. */
  confidence: z.number().gt(0).lt(1),
  /** Comma-separated "with:without" arm pairs compared in comm_vs_nocomm (both must be present for a model). */
  arm_pairs: z.string().regex(/^[a-z0-9-]+:[a-z0-9-]+(,[a-z0-9-]+:[a-z0-9-]+)*$/),
  /** How pairs are matched across arms (only repo/task_id/features is implemented; seeds are pooled). */
  pair_key: z.literal('repo/task_id/features'),
  /** First turn = the first message of the conversation (the per-agent reading is the untimed option). */
  first_turn: z.literal('conversation-first-message'),
  /** Untimed conversations (null timestamps): exclude from first-turn, use stored order, or either agent's first message. */
  untimed_first_turn: z.enum(['exclude', 'stored-order', 'either-agent-first']),
  /** Plan:Question ratio reported per group: pooled (sum Plans / sum Questions); the per-transcript mean is also in `qualitative`. */
  plan_question_ratio: z.literal('pooled'),
  /** Line and path mentions are counted per regex match (not per message, not unique). */
  count_unit: z.literal('mentions'),
  /** Maximum words of a message the short-ack rule accepts. */
  ack_max_words: z.number().int().positive(),
  /** Messages with a larger share of non-Latin letters are Other (non-English). */
  non_latin_letter_share_max: z.number().min(0).max(1),
  /** Relative tolerance of the Fisher p-value sum (tables with p <= p_obs * (1 + tol)). */
  fisher_relative_tolerance: z.number().nonnegative(),
  /** 0.5 continuity correction in the Mann-Whitney normal approximation. */
  mann_whitney_continuity_correction: z.boolean(),
  /** Analysis policies of the success rates in comm_vs_nocomm (packages/contracts/src/analysis-policy.ts). */
  unknown_outcomes: UnknownOutcomesPolicySchema,
  solo_agent1: SoloAgent1PolicySchema,
  eras: ErasPolicySchema,
});
export type CommunicationOptions = z.infer<typeof CommunicationOptionsSchema>;

export const DEFAULT_OPTIONS: CommunicationOptions = {
  confidence: 0.95,
  arm_pairs: 'coop-msg:coop-nomsg,coop-msg-git:coop-nomsg-git',
  pair_key: 'repo/task_id/features',
  first_turn: 'conversation-first-message',
  untimed_first_turn: 'exclude',
  plan_question_ratio: 'pooled',
  count_unit: 'mentions',
  ack_max_words: 15,
  non_latin_letter_share_max: 0.3,
  fisher_relative_tolerance: 1e-7,
  mann_whitney_continuity_correction: true,
  ...PAPER_ANALYSIS_POLICY,
};

export function parseArmPairs(spec: string): { with: string; without: string }[] {
  return spec.split(',').map((p) => {
    const [w, wo] = p.split(':') as [string, string];
    return { with: w, without: wo };
  });
}
