import type { Observation, OutcomeTotal, OutcomesOptions, RepositoryRow } from '@cooperbench-repro/contracts';
import { countObservations } from './count.js';
import type { EraGroup } from './era.js';

/** Success per repository of one model, arm and era, and the group's total over all repositories. */
export function repositoryRows(group: EraGroup, opts: OutcomesOptions): { rows: RepositoryRow[]; total: OutcomeTotal } {
  const byRepo = new Map<string, Observation[]>();
  for (const o of group.observations) byRepo.set(o.repo, [...(byRepo.get(o.repo) ?? []), o]);
  const { model, arm, era } = group;
  const rows = [...byRepo.keys()].sort().map((repo) => ({ repo, model, arm, era, ...countObservations(byRepo.get(repo)!, opts.confidence) }));
  return { rows, total: { model, arm, era, repos: byRepo.size, ...countObservations(group.observations, opts.confidence) } };
}
