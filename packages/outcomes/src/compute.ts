import { policyObservations, type Observation, type OutcomesFile, type OutcomesOptions, type ReferenceSubset, type RunRecord } from '@cooperbench-repro/contracts';
import { groupByEra, groupOrder } from './era.js';
import { ladderRow } from './ladder.js';
import { repositoryRows } from './per-repository.js';

/** Each run with the era its records were scored in (one, or `mixed`). */
function runsOf(observations: readonly Observation[]): OutcomesFile['inputs']['runs'] {
  const runs = new Map<string, { run: string; arm: string; model: string; eras: Set<string>; records: number }>();
  for (const o of observations) {
    const entry = runs.get(o.run) ?? { run: o.run, arm: o.arm, model: o.model, eras: new Set(), records: 0 };
    entry.eras.add(o.era);
    if (!o.missing) entry.records++;
    runs.set(o.run, entry);
  }
  return [...runs.values()]
    .map(({ eras, ...rest }) => ({ ...rest, era: (eras.size === 1 ? [...eras][0] : 'mixed') as OutcomesFile['inputs']['runs'][number]['era'] }))
    .sort((a, b) => (a.run < b.run ? -1 : a.run > b.run ? 1 : 0));
}

/**
 * data/outcomes.json without its checks (the CLI runs them and records their names). `subsets` are the
 * reference subsets a run's planned pairs are inferred from (count-as-failure counts the ones never run).
 */
export function computeOutcomes(records: readonly RunRecord[], opts: OutcomesOptions, subsets: readonly ReferenceSubset[]): OutcomesFile {
  const { observations, plans } = policyObservations(records, opts, subsets);
  const groups = groupByEra(observations);
  const perRepo = groups.map((g) => repositoryRows(g, opts));
  return {
    schema: 'cooperbench-repro/outcomes@1',
    options: opts,
    inputs: {
      records: records.length,
      synthetic_records: records.filter((r) => r.synthetic).length,
      runs: runsOf(observations),
      plans,
      missing_pairs: observations.filter((o) => o.missing).length,
    },
    ladder: groups.filter((g) => g.era !== 'solo').map((g) => ladderRow(g, opts)),
    totals: perRepo.map((p) => p.total).sort(groupOrder),
    repositories: perRepo.flatMap((p) => p.rows),
    checks: [],
  };
}
