import { z } from 'zod';
import { countFields } from './count-fields.js';

/**
 * data/comparison.json: own coop-with-messaging runs against the paper's published per-pair Coop
 * outcomes, and the leaderboard export. Written by packages/comparison.
 */

export const COMPARISON_SCHEMA = 'cooperbench-repro/comparison@1';

export const OwnRepeatsSchema = z.enum(['first-seed', 'majority', 'any-pass']);
export type OwnRepeats = z.infer<typeof OwnRepeatsSchema>;

export const ComparisonOptionsSchema = z
  .object({
    /**
     * How several own records of one model and arm on one pair (seeds, repeated runs) become the one
     * outcome per pair that a paired test needs. Only records with a known outcome take part.
     * first-seed: the record with the lowest seed (null seeds last, then run name);
     * majority: pass when more than half of the known outcomes pass (a tie is a fail);
     * any-pass: pass when any known outcome passes (pass@k style, favours repeated runs).
     */
    own_repeats: OwnRepeatsSchema,
    /** Own arms compared with the published data (which is coop with messaging only): arms starting with this prefix. */
    arm_prefix: z.string().min(1),
    /**
     * Published rows marked result_missing: `unknown` (default, excluded from matched pairs) or
     * `as-reported` (use `passed` as the website does in its totals; conflict stays unknown).
     */
    published_missing: z.enum(['unknown', 'as-reported']),
    /** Wilson interval confidence level for the leaderboard. */
    confidence: z.number().gt(0).lt(1),
    /** Run-name -> subset overrides (`lite`, `flash`, `spark`, `core`, `full`) where the pair set cannot tell. */
    run_subsets: z.record(z.string(), z.string()),
    /**
     * Pairs drawn in the figure's pair x model grid: `own-known` (pairs where at least one compared own
     * group has a known outcome; all published pairs when there is none, said on the figure) or `all`
     * (every published pair). `pair_grid` in the output always holds every pair.
     */
    grid_pairs: z.enum(['own-known', 'all']),
  })
  .strict();
export type ComparisonOptions = z.infer<typeof ComparisonOptionsSchema>;

export const PairRefSchema = z.object({
  repo: z.string(),
  task_id: z.number().int(),
  features: z.tuple([z.number().int(), z.number().int()]),
});
export type PairRef = z.infer<typeof PairRefSchema>;

const Count = z.number().int().nonnegative();

/**
 * The paired 2x2 table of one own model/arm against one published model (matched pairs, the passes
 * of each side, and the four cells), plus conflict agreement on the matched pairs where both
 * naive-conflict flags are known (`conflict_known`).
 */
export const PairedCountsSchema = z.object({
  ...countFields('matched_pairs', 'ours_passed', 'published_passed', 'both_passed', 'only_ours', 'only_published', 'neither'),
  /** Exact two-sided McNemar p (binomial test on the discordant pairs); null with no matched pair. */
  mcnemar_p: z.number().min(0).max(1).nullable(),
  ...countFields('conflict_known', 'conflict_agreement', 'ours_conflict', 'published_conflict'),
});
export type PairedCounts = z.infer<typeof PairedCountsSchema>;

/** A paired table with nothing counted yet (mcnemar_p null: no matched pair). */
export function emptyPairedCounts(): PairedCounts {
  return {
    matched_pairs: 0,
    ours_passed: 0,
    published_passed: 0,
    both_passed: 0,
    only_ours: 0,
    only_published: 0,
    neither: 0,
    mcnemar_p: null,
    conflict_known: 0,
    conflict_agreement: 0,
    ours_conflict: 0,
    published_conflict: 0,
  };
}

export const ComparisonRowSchema = PairedCountsSchema.extend({
  model: z.string(),
  arm: z.string(),
  published_model: z.string(),
  /** Own pairs (in the dataset) with a known outcome. */
  own_known_pairs: Count,
  /** Of those, pairs whose published outcome is unknown (result_missing). */
  published_unknown: Count,
  per_repo: z.array(PairedCountsSchema.extend({ repo: z.string() })),
});
export type ComparisonRow = z.infer<typeof ComparisonRowSchema>;

export const OwnGroupSchema = z.object({
  model: z.string(),
  arm: z.string(),
  runs: z.array(z.string()),
  agent_frameworks: z.array(z.string()),
  eval_formats: z.array(z.string()),
  upstream_versions: z.array(z.string()),
  synthetic_records: Count,
  records: Count,
  /** Distinct pairs in the dataset's naming. */
  pairs: Count,
  known_pairs: Count,
  unknown_pairs: Count,
  /** Pairs whose repo/task/features are not in the CooperBench dataset (not joined). */
  unmatched_pairs: z.array(z.string()),
  /** Pairs with more than one known own outcome, and how many of those disagree. */
  repeated_pairs: Count,
  repeated_pairs_disagreeing: Count,
});

export const SolveSetsSchema = z.object({
  model: z.string(),
  arm: z.string(),
  /** Own pairs with a known outcome. */
  own_known_pairs: Count,
  /** Of those, pairs where no published model has a known outcome. */
  no_published_outcome: Count,
  /** Neither ours nor any published model (with a known outcome) passed. */
  nobody_solves: Count,
  /** Ours passed, no published model passed (among those with a known outcome). */
  only_ours_solve: z.array(z.string()),
  /** A published model passed, ours failed. */
  only_published_solve: Count,
  nobody_solves_pairs: z.array(z.string()),
});

/** One model's outcome on one pair in the grid; `not-run`: the own group has no record of the pair. */
export const GridOutcomeSchema = z.enum(['pass', 'fail', 'unknown', 'not-run']);
export type GridOutcome = z.infer<typeof GridOutcomeSchema>;

/** Every published pair x (compared own groups, then published models): the outcomes as the options read them. */
export const PairGridSchema = z
  .object({
    columns: z.array(z.object({ source: z.enum(['ours', 'published']), model: z.string(), arm: z.string() })),
    pairs: z.array(
      z.object({
        pair: z.string(),
        repo: z.string(),
        /** Columns that pass this pair, and those of them that are published models. */
        solved_by: Count,
        solved_by_published: Count,
        outcomes: z.array(GridOutcomeSchema),
      }),
    ),
  })
  .superRefine((g, ctx) => {
    g.pairs.forEach((p, i) => {
      if (p.outcomes.length !== g.columns.length) ctx.addIssue({ code: 'custom', path: ['pairs', i, 'outcomes'], message: `${g.columns.length} outcomes (one per column), got ${p.outcomes.length}` });
    });
  });
export type PairGrid = z.infer<typeof PairGridSchema>;

/** A score or interval bound in %, as the website shows it; null where it shows none. */
const Percent = z.number().nullable();

export const LeaderboardRowSchema = z.object({
  /** Website layout: view (solo|coop), rank within view and subset, model, model_key, full_name, score and CI in %, framework, git. */
  view: z.enum(['solo', 'coop', 'team']),
  rank: z.number().int().positive(),
  model: z.string(),
  model_key: z.string(),
  full_name: z.string(),
  score_pct: Percent,
  ci95_low: Percent,
  ci95_high: Percent,
  framework: z.string(),
  git: z.boolean(),
  messaging: z.boolean(),
  source: z.enum(['ours', 'published']),
  arm: z.string(),
  /** Subset whose planned pairs are the denominator; null when it could not be determined (denominator = pairs seen). */
  subset: z.string().nullable(),
  subset_determined_by: z.enum(['pair-set', 'config', 'published', 'pairs-seen']),
  planned_pairs: Count,
  successes: Count,
  known_pairs: Count,
  /** Planned pairs without a known outcome (not run, no eval, eval error): counted as not successful. */
  unknown_pairs: Count,
  runs: z.array(z.string()),
  eval_format: z.string(),
});
export type LeaderboardRow = z.infer<typeof LeaderboardRowSchema>;

export const ComparisonFileSchema = z.object({
  schema: z.literal(COMPARISON_SCHEMA),
  options: ComparisonOptionsSchema,
  inputs: z.object({
    store: z.string(),
    records: Count,
    synthetic_records: Count,
    compared_records: Count,
    /** Runs the store was restricted to (CLI --runs); null: every run. */
    run_filter: z.array(z.string()).nullable(),
    published_file: z.string(),
    published_pairs: Count,
    published_models: z.array(z.string()),
  }),
  /** Statements that travel with every number in this file. */
  caveats: z.array(z.string()),
  published_summary: z.array(
    z.object({
      published_model: z.string(),
      /** Website leaderboard name and agent framework (data/reference/website/leaderboard_transcribed.csv). */
      display_name: z.string(),
      framework: z.string(),
      passed_as_reported: Count,
      result_missing: Count,
      result_missing_but_passed: Count,
      conflict_unknown: Count,
      known_pairs: Count,
      passed_known: Count,
      typst_missing: z.boolean(),
    }),
  ),
  /** Pairs no published model passes (among known outcomes) and pairs without any known published outcome. */
  published_unsolved_pairs: Count,
  published_no_known_outcome_pairs: Count,
  own_groups: z.array(OwnGroupSchema),
  comparisons: z.array(ComparisonRowSchema),
  solve_sets: z.array(SolveSetsSchema),
  leaderboard: z.array(LeaderboardRowSchema),
  pair_grid: PairGridSchema,
  /** Per run: the subset inferred from its pair set (null: not determined). */
  run_subsets: z.array(z.object({ run: z.string(), subset: z.string().nullable(), determined_by: z.string(), pairs: Count })),
});
export type ComparisonFile = z.infer<typeof ComparisonFileSchema>;
