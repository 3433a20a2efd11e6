import { COMPARISON_SCHEMA, type ComparisonFile, type ComparisonOptions, type ComparisonRow } from '@cooperbench-repro/contracts';
import { caveatsOf } from './caveats.js';
import { comparePairs, ownPairs, publishedOutcome, type ComparisonInputs, type OwnPairOutcome } from './compare.js';
import { groupsOf, sorted, type Group } from './group.js';
import { leaderboardRows, runSubsetsOf } from './leaderboard.js';
import { pairGrid } from './pair-grid.js';
import type { PublishedTable } from './published.js';
import { publishedUnsolved, solveSets } from './solve-sets.js';

/** data/comparison.json from the store, the published table and the dataset: the orchestration of the steps. */

function ownGroup(g: Group, pairs: ReadonlyMap<string, OwnPairOutcome>, unmatched: string[]): ComparisonFile['own_groups'][number] {
  const known = [...pairs.values()].filter((p) => p.passed !== null);
  const repeated = known.filter((p) => p.known_records > 1);
  return {
    model: g.model,
    arm: g.arm,
    runs: sorted(g.records.map((r) => r.run)),
    agent_frameworks: sorted(g.records.map((r) => r.agent_framework ?? 'unknown')),
    eval_formats: sorted(g.records.map((r) => r.eval_format)),
    upstream_versions: sorted(g.records.map((r) => r.upstream_version ?? 'unknown')),
    synthetic_records: g.records.filter((r) => r.synthetic).length,
    records: g.records.length,
    pairs: pairs.size,
    known_pairs: known.length,
    unknown_pairs: pairs.size - known.length,
    unmatched_pairs: unmatched,
    repeated_pairs: repeated.length,
    repeated_pairs_disagreeing: repeated.filter((p) => p.disagree).length,
  };
}

/** Per published model: what the table holds (as reported, missing, conflict flags, typst) and its website name. */
function publishedSummary(inputs: ComparisonInputs): ComparisonFile['published_summary'] {
  const { published, options } = inputs;
  return published.models.map((m) => {
    const outs = published.pairs.map((p) => ({ repo: p.repo, o: p.outcomes.get(m)! }));
    const typst = outs.filter((x) => x.repo === 'typst_task');
    const knownOuts = outs.filter((x) => publishedOutcome(x.o, options) !== null);
    const info = inputs.publishedInfo?.get(m);
    return {
      published_model: m,
      display_name: info ? (info.model.includes('(') ? info.model : `${info.model} (${info.framework})`) : m,
      framework: info?.framework ?? 'unknown',
      passed_as_reported: outs.filter((x) => x.o.passed).length,
      result_missing: outs.filter((x) => x.o.result_missing).length,
      result_missing_but_passed: outs.filter((x) => x.o.result_missing && x.o.passed).length,
      conflict_unknown: outs.filter((x) => x.o.conflict === null).length,
      known_pairs: knownOuts.length,
      passed_known: knownOuts.filter((x) => x.o.passed).length,
      typst_missing: typst.length > 0 && typst.every((x) => x.o.result_missing),
    };
  });
}

interface Compared {
  own_groups: ComparisonFile['own_groups'];
  comparisons: ComparisonRow[];
  solve_sets: ComparisonFile['solve_sets'];
  grid: { model: string; arm: string; pairs: Map<string, OwnPairOutcome> }[];
}

/** Each compared own model/arm against every published model. */
function compareGroups(compared: readonly Group[], inputs: ComparisonInputs, published: PublishedTable, options: ComparisonOptions): Compared {
  const out: Compared = { own_groups: [], comparisons: [], solve_sets: [], grid: [] };
  for (const g of compared) {
    const { pairs, unmatched } = ownPairs(g.records, inputs.dataset, options.own_repeats);
    out.own_groups.push(ownGroup(g, pairs, unmatched));
    for (const m of published.models) out.comparisons.push({ model: g.model, arm: g.arm, ...comparePairs(pairs, published, m, options) });
    out.solve_sets.push(solveSets(g, [...pairs.values()].filter((p) => p.passed !== null), published, options));
    out.grid.push({ model: g.model, arm: g.arm, pairs });
  }
  return out;
}

export function computeComparison(inputs: ComparisonInputs): ComparisonFile {
  const { records, published, options } = inputs;
  const runSubsets = runSubsetsOf(inputs);
  const allGroups = groupsOf(records);
  const compared = allGroups.filter((g) => g.arm.startsWith(options.arm_prefix));
  const c = compareGroups(compared, inputs, published, options);
  const published_summary = publishedSummary(inputs);
  const { unsolved, noKnown } = publishedUnsolved(published, options);
  const caveats = caveatsOf({ options, records, compared, ownGroups: c.own_groups, publishedSummary: published_summary, runSubsets });
  return {
    schema: COMPARISON_SCHEMA,
    options,
    inputs: {
      store: inputs.storeName,
      records: records.length,
      synthetic_records: records.filter((r) => r.synthetic).length,
      compared_records: compared.reduce((n, g) => n + g.records.length, 0),
      run_filter: inputs.runFilter ? [...inputs.runFilter] : null,
      published_file: inputs.publishedName,
      published_pairs: published.pairs.length,
      published_models: published.models,
    },
    caveats,
    published_summary,
    published_unsolved_pairs: unsolved,
    published_no_known_outcome_pairs: noKnown,
    own_groups: c.own_groups,
    comparisons: c.comparisons,
    solve_sets: c.solve_sets,
    leaderboard: leaderboardRows(allGroups, inputs, runSubsets),
    pair_grid: pairGrid(c.grid, published, options),
    run_subsets: [...runSubsets.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([run, s]) => ({ run, ...s })),
  };
}
