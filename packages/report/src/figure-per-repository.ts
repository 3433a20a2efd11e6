import { ALL_ERAS, policyObservations, type Observation, type OutcomesFile, type RepositoryRow, type RunRecord } from '@cooperbench-repro/contracts';
import { armLabel, perRepositoryData, perRepositorySpec, PER_REPOSITORY_ARMS } from '@cooperbench-repro/figures';
import type { TopLevelSpec } from 'vega-lite';
import type { SelectionBook } from './selection.js';

/**
 * The per-repository figure (outcomes stage), each point tagged with its records: the model's records
 * of that arm in that repository, in the point's era group, that count toward n under the stage's
 * recorded policy (the same observations the stage counts, contracts' policyObservations), plus the
 * planned pairs never run (the row's `missing`).
 */

type Point = ReturnType<typeof perRepositoryData>['panels'][number]['points'][number];

const repoLabelOf = (repo: string) => repo.replace(/_task$/, '');

/** The stage row a plotted point stands for: same model, repository, k and n, and the arm its series names. */
function rowOf(data: OutcomesFile, model: string, p: Point): RepositoryRow | null {
  const found = data.repositories.filter((r) => {
    const label = armLabel(r.arm);
    const named = p.series === label || p.series.startsWith(`${label}, `);
    return r.model === model && PER_REPOSITORY_ARMS.includes(r.arm) && repoLabelOf(r.repo) === p.repo && r.successes === p.k && r.total === p.n && named;
  });
  return found.length === 1 ? found[0]! : null; // two eras with the same numbers: no safe pick, no click-through
}

/** Store positions of the records counted in a row (observations are in store order, one per record first). */
function idsOf(observations: readonly Observation[], row: RepositoryRow): number[] {
  const ids: number[] = [];
  observations.forEach((o, i) => {
    if (o.missing || o.count === 'excluded') return;
    const era = o.eraKey === ALL_ERAS ? row.era !== 'solo' : o.eraKey === row.era;
    if (o.model === row.model && o.arm === row.arm && o.repo === row.repo && era) ids.push(i);
  });
  return ids;
}

export function perRepositoryAnnotated(data: OutcomesFile, records: readonly RunRecord[], opts: { source: string }, book: SelectionBook): TopLevelSpec {
  const d = perRepositoryData(data, opts);
  // Planned pairs never run (the third argument) are not records: they come in through the row's `missing`.
  const { observations } = policyObservations(records, data.options, []);
  for (const panel of d.panels) {
    for (const p of panel.points) {
      const row = rowOf(data, panel.model, p);
      if (!row) continue;
      const label = `Per-repository: ${panel.model}, ${p.series}, ${p.repo}`;
      book.add(p, { figure: 'per-repository', label, filter: { model: row.model, arm: row.arm, repo: row.repo, ids: idsOf(observations, row) }, n: row.total, missing: row.missing });
    }
  }
  return perRepositorySpec(d);
}
