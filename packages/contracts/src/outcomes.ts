import { z } from 'zod';
import { ErasPolicySchema, SoloAgent1PolicySchema, UnknownOutcomesPolicySchema } from './analysis-policy.js';
import { RunPlanSchema } from './planned-pairs.js';
import { MergeOutcomeSchema } from './run-record.js';

/**
 * data/outcomes.json: what the outcomes stage computes from the store: the merge-outcome ladder (the
 * analogue of the paper's Table 6) per model, arm and eval era, and solo / coop success per repository.
 */

export const OutcomesOptionsSchema = z
  .object({
    /** exclude: unknown outcomes leave the denominator; count-as-failure: they count as failures (analysis-policy.ts). */
    unknown_outcomes: UnknownOutcomesPolicySchema,
    /** pass: a solo-agent1 pass is a team pass; separate: a team failure. Always counted on its own. */
    solo_agent1: SoloAgent1PolicySchema,
    /** split: one row per era; refuse-mixed: stop when a model/arm has both eras; allow-mixed: pool (era "mixed"). */
    eras: ErasPolicySchema,
    /** Wilson interval confidence level. */
    confidence: z.number().gt(0).lt(1),
  })
  .strict();
export type OutcomesOptions = z.infer<typeof OutcomesOptionsSchema>;

/**
 * The eval era of a group of records: union-era (upstream <= 0.0.15 and GCP batch: naive, then union),
 * agent1-era (>= 0.0.16: identical, naive, agent 1 alone), solo (no merge), mixed (eras pooled under
 * eras = allow-mixed), unknown (no eval and no version to tell).
 */
export const OutcomeEraSchema = z.enum(['union-era', 'agent1-era', 'solo', 'mixed', 'unknown']);
export type OutcomeEra = z.infer<typeof OutcomeEraSchema>;

const count = z.number().int().nonnegative();

/** k/n of one group under the policies, with a Wilson interval; `total + excluded = records + missing`. */
export const OutcomeCountSchema = z.object({
  /** Every record of the group in the store. */
  records: count,
  /** Planned pairs of the group's runs without any record: failures in `total` under count-as-failure, else 0. */
  missing: count,
  successes: count,
  /** The denominator n. */
  total: count,
  /** Records whose outcome is unknown (no eval, eval error): in `total` as failures or in `excluded`. */
  unknown: count,
  /** Records left out of `total` (the unknown ones under unknown_outcomes = exclude). */
  excluded: count,
  rate: z.number().nullable(),
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
});
export type OutcomeCount = z.infer<typeof OutcomeCountSchema>;

export const LadderStepNameSchema = z.enum(['naive', 'union', 'identical', 'solo-agent1']);
export type LadderStepName = z.infer<typeof LadderStepNameSchema>;

/** One rung: passes gained at this merge step (`added`) and the cumulative k/n after it, as upstream scores. */
export const LadderStepSchema = OutcomeCountSchema.extend({ step: LadderStepNameSchema, added: count });
export type LadderStep = z.infer<typeof LadderStepSchema>;

export const LadderRowSchema = z.object({
  model: z.string(),
  arm: z.string(),
  era: OutcomeEraSchema,
  runs: z.array(z.string()),
  /** Records per merge outcome (every record of the row, known or not; planned pairs never run are in final.missing). */
  merge_outcomes: z.partialRecord(MergeOutcomeSchema, count),
  /** Naive and union merges both conflicted (union era): counted as failures of the team. */
  unmergeable: count,
  /** Passes where agent 1's patch alone passed both suites (agent1 era): reported on their own under either policy. */
  solo_agent1_passes: count,
  /** The steps of this row's era, in order; cumulative counts. */
  steps: z.array(LadderStepSchema),
  /** Success under the policies (the last step, less the solo-agent1 passes under solo_agent1 = separate). */
  final: OutcomeCountSchema,
  /** The paper Table 6 column that `final` is comparable with: union (<= 0.0.15), naive (>= 0.0.16), none. */
  paper_column: z.enum(['union', 'naive']).nullable(),
  /** The paper Table 6 setting of this arm: comm (coop-msg), nocomm (coop-nomsg), none for other arms. */
  paper_setting: z.enum(['comm', 'nocomm']).nullable(),
});
export type LadderRow = z.infer<typeof LadderRowSchema>;

/** Success of one model, arm and era in one repository. */
export const RepositoryRowSchema = OutcomeCountSchema.extend({ repo: z.string(), model: z.string(), arm: z.string(), era: OutcomeEraSchema });
export type RepositoryRow = z.infer<typeof RepositoryRowSchema>;

/** Success of one model, arm and era over every repository: per-repository rows sum to it. */
export const OutcomeTotalSchema = OutcomeCountSchema.extend({ model: z.string(), arm: z.string(), era: OutcomeEraSchema, repos: count });
export type OutcomeTotal = z.infer<typeof OutcomeTotalSchema>;

export const OutcomesFileSchema = z.object({
  schema: z.literal('cooperbench-repro/outcomes@1'),
  options: OutcomesOptionsSchema,
  inputs: z.object({
    records: count,
    synthetic_records: count,
    runs: z.array(z.object({ run: z.string(), arm: z.string(), model: z.string(), era: OutcomeEraSchema, records: count })),
    /** The planned pairs of each run (subset inferred from data/reference/dataset/subsets), see planned-pairs.ts. */
    plans: z.array(RunPlanSchema),
    /** Planned pairs without a record, over all runs (counted only under count-as-failure). */
    missing_pairs: count,
  }),
  /** Coop and team arms only: solo runs have no merge. */
  ladder: z.array(LadderRowSchema),
  totals: z.array(OutcomeTotalSchema),
  repositories: z.array(RepositoryRowSchema),
  /** The automatic checks that passed (a failed check stops the stage before this file is written). */
  checks: z.array(z.string()),
});
export type OutcomesFile = z.infer<typeof OutcomesFileSchema>;
