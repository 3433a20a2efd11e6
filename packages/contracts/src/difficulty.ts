import { z } from 'zod';
import { ErasPolicySchema, SoloAgent1PolicySchema, UnknownOutcomesPolicySchema } from './analysis-policy.js';
import { RunPlanSchema } from './planned-pairs.js';

/** data/difficulty.json: what the difficulty stage computes for Figure 4 (success vs relative difficulty). */

export const DifficultyOptionsSchema = z.object({
  /** Min-max rescale raw difficulty to [0, 1] as the paper does (the earlier Python pipeline did not). */
  rescale: z.boolean(),
  /** Number of equal-width buckets over [0, 1]. */
  buckets: z.number().int().positive(),
  /** How a pair's solo success is measured: both features pass (paper), or the share of features passing. */
  solo_success: z.enum(['both-passed', 'feature-share']),
  /**
   * How solo observations of a pair are averaged: `per-model` (paper §4.3: d(t) = 1 - mean over models of
   * each model's mean solo success, so a model with more seeds or fewer unknowns weighs no more), or
   * `pooled` (1 - mean over every observation, as this stage did before).
   */
  difficulty_average: z.enum(['per-model', 'pooled']),
  /** Difficulty values are rounded to this many decimals before bucketing (1 - 0.8 = 0.19999...). */
  round_decimals: z.number().int().nonnegative(),
  /** Wilson interval confidence level. */
  confidence: z.number().gt(0).lt(1),
  /** Analysis policies (packages/contracts/src/analysis-policy.ts), named in every caption. */
  unknown_outcomes: UnknownOutcomesPolicySchema,
  solo_agent1: SoloAgent1PolicySchema,
  eras: ErasPolicySchema,
});
export type DifficultyOptions = z.infer<typeof DifficultyOptionsSchema>;

export const IntervalSchema = z.object({
  successes: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Pairs whose outcome is unknown (no eval, eval error): excluded from `total`, counted here. */
  unknown: z.number().int().nonnegative(),
  rate: z.number().nullable(),
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
});
export type Interval = z.infer<typeof IntervalSchema>;

/**
 * A rate counted under the analysis policies: `unknown` records with an unknown outcome (left out of
 * `total` under unknown_outcomes exclude, failures in it under count-as-failure); `missing` planned pairs
 * never run (failures in `total` under count-as-failure, else 0); `solo_agent1` passes from agent 1's patch
 * alone (in `successes` under solo_agent1 pass, failures under separate).
 */
export const CountedIntervalSchema = IntervalSchema.extend({
  missing: z.number().int().nonnegative(),
  solo_agent1: z.number().int().nonnegative(),
});
export type CountedInterval = z.infer<typeof CountedIntervalSchema>;

/** The eval eras of the runs behind a stage output (solo runs have none of their own). */
export const EraRunsSchema = z.array(z.object({ era: z.string(), runs: z.array(z.string()) }));

export const PairDifficultySchema = z.object({
  repo: z.string(),
  task_id: z.number().int(),
  features: z.tuple([z.number().int(), z.number().int()]),
  solo_observations: z.number().int().positive(),
  solo_success_sum: z.number(),
  raw_difficulty: z.number(),
  difficulty: z.number(),
  bucket: z.number().int().nonnegative(),
});
export type PairDifficulty = z.infer<typeof PairDifficultySchema>;

export const CurvePointSchema = CountedIntervalSchema.extend({
  bucket: z.number().int().nonnegative(),
  midpoint: z.number(),
});

export const CurveSchema = z.object({
  arm: z.string(),
  /** A model name, or "pooled" (raw counts summed over models, as the paper pools). */
  model: z.string(),
  /** Eval era of the coop results ("solo" for Solo; "all-eras" under eras: allow-mixed). */
  era: z.string(),
  points: z.array(CurvePointSchema),
  populated_buckets: z.array(z.number().int()),
  /** Trapezoid rule over the populated bucket midpoints only (paper-compatible); null with < 2 points. */
  auc: z.number().nullable(),
});
export type Curve = z.infer<typeof CurveSchema>;

export const ComparisonSchema = z.object({
  model: z.string(),
  arm: z.string(),
  era: z.string(),
  /** Models behind both curves (pooled: the Solo curve is pooled over the same models as the arm's). */
  models: z.array(z.string()),
  auc_solo: z.number().nullable(),
  auc_arm: z.number().nullable(),
  /** AUC_solo - AUC_arm. */
  delta_auc: z.number().nullable(),
  /** AUC_arm / AUC_solo. */
  retention: z.number().nullable(),
  /** Why retention is null, when it is. */
  note: z.string().nullable(),
});

export const OverallSchema = CountedIntervalSchema.extend({ model: z.string(), arm: z.string(), era: z.string() });

export const DifficultyFileSchema = z.object({
  schema: z.literal('cooperbench-repro/difficulty@1'),
  options: DifficultyOptionsSchema,
  /** Where the numbers came from: the store's records by source run. */
  inputs: z.object({
    records: z.number().int(),
    synthetic_records: z.number().int(),
    runs: z.array(z.object({ run: z.string(), arm: z.string(), model: z.string(), records: z.number().int() })),
    /** Per run: the planned pairs (inferred subset or its own pairs) and how many have no record. */
    plans: z.array(RunPlanSchema),
    missing_pairs: z.number().int().nonnegative(),
    eras: EraRunsSchema,
  }),
  /** Raw difficulty range before rescaling. */
  raw_range: z.object({ min: z.number(), max: z.number() }).nullable(),
  pairs: z.array(PairDifficultySchema),
  /** Pairs seen in some arm but with no solo observation: not placed on the difficulty axis, never guessed. */
  pairs_without_solo: z.array(z.object({ repo: z.string(), task_id: z.number().int(), features: z.tuple([z.number().int(), z.number().int()]), arms: z.array(z.string()) })),
  bucket_edges: z.array(z.object({ bucket: z.number().int(), low: z.number(), high: z.number(), midpoint: z.number() })),
  curves: z.array(CurveSchema),
  comparisons: z.array(ComparisonSchema),
  overall: z.array(OverallSchema),
});
export type DifficultyFile = z.infer<typeof DifficultyFileSchema>;
