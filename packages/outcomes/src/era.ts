import { ALL_ERAS, type Observation, type OutcomeEra } from '@cooperbench-repro/contracts';

/**
 * Groups of observations (contracts' policyObservations: one per record, plus planned pairs never run
 * under count-as-failure) by model, arm and the era key the eras policy gives: the record's era under
 * split (refuse-mixed has already stopped on a mix), or one pooled group per model and arm under allow-mixed.
 */

export interface EraGroup {
  model: string;
  arm: string;
  era: OutcomeEra;
  observations: Observation[];
}

/** A pooled (allow-mixed) group's era: the one it has, `mixed` when it has both, `unknown` when none is known. */
function pooledEra(observations: readonly Observation[]): OutcomeEra {
  const known = new Set(observations.map((o) => o.era).filter((e) => e !== 'unknown'));
  if (known.size === 0) return 'unknown';
  return known.size === 1 ? [...known][0]! : 'mixed';
}

export function groupByEra(observations: readonly Observation[]): EraGroup[] {
  const groups = new Map<string, { model: string; arm: string; eraKey: string; observations: Observation[] }>();
  for (const o of observations) {
    const k = `${o.model}\0${o.arm}\0${o.eraKey}`;
    const g = groups.get(k) ?? { model: o.model, arm: o.arm, eraKey: o.eraKey, observations: [] };
    g.observations.push(o);
    groups.set(k, g);
  }
  return [...groups.values()]
    .map(({ eraKey, ...g }) => ({ ...g, era: eraKey === ALL_ERAS ? pooledEra(g.observations) : (eraKey as OutcomeEra) }))
    .sort(groupOrder);
}

const ERA_ORDER: readonly OutcomeEra[] = ['solo', 'union-era', 'agent1-era', 'mixed', 'unknown'];
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Models alphabetically, solo first then arms alphabetically, eras in a fixed order. */
export function groupOrder(a: { model: string; arm: string; era: OutcomeEra }, b: { model: string; arm: string; era: OutcomeEra }): number {
  const arm = (x: string) => (x === 'solo' ? '' : x);
  return cmp(a.model, b.model) || cmp(arm(a.arm), arm(b.arm)) || ERA_ORDER.indexOf(a.era) - ERA_ORDER.indexOf(b.era);
}
