import { COMPARISON_SCHEMA, ComparisonFileSchema, emptyPairedCounts, type ComparisonFile, type GridOutcome, type PairedCounts } from '@cooperbench-repro/contracts';

/**
 * A small hand-written data/comparison.json: own model-a (coop-msg, 5 pairs with a known outcome) and
 * model-b (coop-msg-git, whose 4 pairs are not in the dataset) against two published models on 6 pairs.
 * Every count below is hand-derived from the grid (PAIRS); McNemar p values by hand (1 vs 2 and 0 vs 1
 * discordant pairs: p = 1).
 */

/** pair -> outcomes of [model-a coop-msg, model-b coop-msg-git, gpt5, claude]. */
const PAIRS: [string, GridOutcome[]][] = [
  ['repo_a/1/1_2', ['pass', 'not-run', 'pass', 'pass']],
  ['repo_a/1/1_3', ['fail', 'not-run', 'pass', 'fail']],
  ['repo_a/2/1_2', ['pass', 'not-run', 'fail', 'unknown']],
  ['repo_b/7/2_3', ['fail', 'not-run', 'fail', 'fail']],
  ['repo_b/7/1_3', ['fail', 'not-run', 'pass', 'pass']],
  ['repo_b/8/1_2', ['not-run', 'not-run', 'fail', 'pass']],
];

const counts = (c: Partial<PairedCounts>): PairedCounts => ({ ...emptyPairedCounts(), ...c });

const group = (model: string, arm: string, o: Partial<ComparisonFile['own_groups'][number]>): ComparisonFile['own_groups'][number] => ({
  model,
  arm,
  runs: [`${model}-${arm}-s0`],
  agent_frameworks: ['mini_swe_agent_v2'],
  eval_formats: ['identical-naive'],
  upstream_versions: ['0.0.19'],
  synthetic_records: 0,
  records: 0,
  pairs: 0,
  known_pairs: 0,
  unknown_pairs: 0,
  unmatched_pairs: [],
  repeated_pairs: 0,
  repeated_pairs_disagreeing: 0,
  ...o,
});

export function comparisonFixture(): ComparisonFile {
  const empty = { ...counts({}), own_known_pairs: 0, published_unknown: 0, per_repo: [] };
  const file: ComparisonFile = {
    schema: COMPARISON_SCHEMA,
    options: { own_repeats: 'first-seed', arm_prefix: 'coop-msg', published_missing: 'unknown', confidence: 0.95, run_subsets: {}, grid_pairs: 'own-known' },
    inputs: { store: 'data/results.jsonl', records: 9, synthetic_records: 0, compared_records: 9, run_filter: null, published_file: 'published.csv', published_pairs: 6, published_models: ['gpt5', 'claude'] },
    caveats: ['a caveat'],
    published_summary: [
      { published_model: 'gpt5', display_name: 'GPT-5 (OpenHands)', framework: 'OpenHands', passed_as_reported: 3, result_missing: 0, result_missing_but_passed: 0, conflict_unknown: 0, known_pairs: 6, passed_known: 3, typst_missing: false },
      { published_model: 'claude', display_name: 'Claude Sonnet 4.5 (OpenHands)', framework: 'OpenHands', passed_as_reported: 3, result_missing: 1, result_missing_but_passed: 0, conflict_unknown: 1, known_pairs: 5, passed_known: 3, typst_missing: true },
    ],
    published_unsolved_pairs: 1,
    published_no_known_outcome_pairs: 0,
    own_groups: [
      group('model-a', 'coop-msg', { records: 5, pairs: 5, known_pairs: 5 }),
      group('model-b', 'coop-msg-git', { records: 4, unmatched_pairs: ['x/1/1_2', 'x/1/1_3', 'x/2/1_2', 'x/3/1_2'] }),
    ],
    comparisons: [
      {
        model: 'model-a',
        arm: 'coop-msg',
        published_model: 'gpt5',
        ...counts({ matched_pairs: 5, ours_passed: 2, published_passed: 3, both_passed: 1, only_ours: 1, only_published: 2, neither: 1, mcnemar_p: 1, conflict_known: 5, conflict_agreement: 3, ours_conflict: 2, published_conflict: 1 }),
        own_known_pairs: 5,
        published_unknown: 0,
        per_repo: [
          { repo: 'repo_a', ...counts({ matched_pairs: 3, ours_passed: 2, published_passed: 2, both_passed: 1, only_ours: 1, only_published: 1, mcnemar_p: 1 }) },
          { repo: 'repo_b', ...counts({ matched_pairs: 2, published_passed: 1, only_published: 1, neither: 1, mcnemar_p: 1 }) },
        ],
      },
      {
        model: 'model-a',
        arm: 'coop-msg',
        published_model: 'claude',
        ...counts({ matched_pairs: 4, ours_passed: 1, published_passed: 2, both_passed: 1, only_published: 1, neither: 2, mcnemar_p: 1, conflict_known: 3, conflict_agreement: 2, ours_conflict: 1, published_conflict: 2 }),
        own_known_pairs: 5,
        published_unknown: 1,
        per_repo: [],
      },
      { model: 'model-b', arm: 'coop-msg-git', published_model: 'gpt5', ...empty },
      { model: 'model-b', arm: 'coop-msg-git', published_model: 'claude', ...empty },
    ],
    solve_sets: [
      { model: 'model-a', arm: 'coop-msg', own_known_pairs: 5, no_published_outcome: 0, nobody_solves: 1, only_ours_solve: ['repo_a/2/1_2'], only_published_solve: 2, nobody_solves_pairs: ['repo_b/7/2_3'] },
      { model: 'model-b', arm: 'coop-msg-git', own_known_pairs: 0, no_published_outcome: 0, nobody_solves: 0, only_ours_solve: [], only_published_solve: 0, nobody_solves_pairs: [] },
    ],
    leaderboard: [],
    pair_grid: {
      columns: [
        { source: 'ours', model: 'model-a', arm: 'coop-msg' },
        { source: 'ours', model: 'model-b', arm: 'coop-msg-git' },
        { source: 'published', model: 'gpt5', arm: 'coop-msg' },
        { source: 'published', model: 'claude', arm: 'coop-msg' },
      ],
      pairs: PAIRS.map(([pair, outcomes]) => ({
        pair,
        repo: pair.split('/')[0]!,
        solved_by: outcomes.filter((o) => o === 'pass').length,
        solved_by_published: outcomes.slice(2).filter((o) => o === 'pass').length,
        outcomes,
      })),
    },
    run_subsets: [],
  };
  return ComparisonFileSchema.parse(file);
}
