import { z } from 'zod';
import { AnalysisPolicySchema } from './analysis-policy.js';
import { CountedIntervalSchema, EraRunsSchema, IntervalSchema } from './difficulty.js';
import { RunPlanSchema } from './planned-pairs.js';

/** data/communication.json: Figure 5 numbers and the qualitative coordination measures. */

export const SPEECH_ACTS = ['Plan', 'Question', 'Answer', 'Update', 'Ack', 'Other'] as const;
export const SpeechActSchema = z.enum(SPEECH_ACTS);
export type SpeechAct = z.infer<typeof SpeechActSchema>;

const ActCounts = z.record(SpeechActSchema, z.number().int().nonnegative());
const ActShares = z.record(SpeechActSchema, z.number().nullable());

export const TestResultSchema = z.object({
  /** e.g. "fisher-exact (two-sided)", "mann-whitney-u (normal approximation, tie-corrected)". */
  test: z.string(),
  statistic: z.number().nullable(),
  p_value: z.number().nullable(),
  /** Effect size where the test has one (odds ratio for Fisher). */
  effect: z.number().nullable(),
  n: z.tuple([z.number().int(), z.number().int()]),
});
export type TestResult = z.infer<typeof TestResultSchema>;

export const CommunicationFileSchema = z.object({
  schema: z.literal('cooperbench-repro/communication@1'),
  /** Every choice the paper leaves open, as used for this file. */
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** The analysis policies the success rates of comm_vs_nocomm were counted under (also in `parameters`). */
  policy: AnalysisPolicySchema,
  inputs: z.object({
    records: z.number().int(),
    synthetic_records: z.number().int(),
    coop_records: z.number().int(),
    conversations_with_messages: z.number().int(),
    plans: z.array(RunPlanSchema),
    missing_pairs: z.number().int().nonnegative(),
    eras: EraRunsSchema,
  }),
  speech_acts: z.array(z.object({ model: z.string(), arm: z.string(), messages: z.number().int(), counts: ActCounts, shares: ActShares })),
  /** Messages as a share of all agent actions (steps), stacked by speech act (Figure 5c). */
  communication_share: z.array(z.object({ model: z.string(), arm: z.string(), conversations: z.number().int(), messages: z.number().int(), steps: z.number().int(), share: z.number().nullable(), by_act: ActShares })),
  /** With vs without messaging per model, on the pairs both arms have (Figure 5a, 5b). */
  comm_vs_nocomm: z.array(
    z.object({
      model: z.string(),
      with_arm: z.string(),
      without_arm: z.string(),
      /** Eval era of both arms' results ("all-eras" under eras: allow-mixed). */
      era: z.string(),
      /** Pairs in both arms counted for success (a known or counted outcome in both). */
      matched_pairs: z.number().int(),
      /** Pairs of either arm left out of the success comparison (only in one arm, or excluded unknowns). */
      unmatched_pairs: z.number().int().nonnegative(),
      success: z.object({ with: CountedIntervalSchema, without: CountedIntervalSchema, test: TestResultSchema }),
      conflict: z.object({ with: IntervalSchema, without: IntervalSchema, test: TestResultSchema }),
    }),
  ),
  /** Per-transcript measures compared between groups (the qualitative table). */
  qualitative: z.array(
    z.object({
      measure: z.string(),
      description: z.string(),
      /** group name ("conflict", "no-conflict", "success", "failure") -> mean and n. */
      groups: z.record(z.string(), z.object({ mean: z.number().nullable(), n: z.number().int() })),
      tests: z.record(z.string(), TestResultSchema),
      /** The paper's values for the same measure, when it reports them. */
      paper: z.record(z.string(), z.number()).nullable(),
    }),
  ),
  /** Conflict rate with and without a Plan in the first turn (paper: metric conflict_rate_*first_turn_plan of the reference CSV). */
  first_turn_plan: z.object({ with_plan: IntervalSchema, without_plan: IntervalSchema, test: TestResultSchema }),
  /** Plan:Question ratio in conflict-free vs conflict transcripts (paper: 2.04 vs 1.31). */
  plan_question_ratio: z.object({ no_conflict: z.number().nullable(), conflict: z.number().nullable(), paper: z.object({ no_conflict: z.number(), conflict: z.number() }) }),
});
export type CommunicationFile = z.infer<typeof CommunicationFileSchema>;
