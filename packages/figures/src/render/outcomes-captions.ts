import type { OutcomeEra, OutcomesFile } from '@cooperbench-repro/contracts';

/**
 * Caption text shared by the merge-ladder table and the per-repository figure (both from
 * data/outcomes.json): the three analysis policies and the denominators they give, and era names.
 */

const ERA_LABELS: Record<OutcomeEra, string> = {
  'union-era': 'union era (<= 0.0.15)',
  'agent1-era': 'agent-1 era (>= 0.0.16)',
  solo: 'solo (no merge)',
  mixed: 'MIXED eras (pooled)',
  unknown: 'era unknown',
};

export const eraLabel = (era: OutcomeEra) => ERA_LABELS[era];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The counts a caption quotes, summed over the rows it shows (the ladder: coop rows; per repository: all). */
export function policyCounts(data: OutcomesFile, scope: 'ladder' | 'all') {
  const rows = scope === 'ladder' ? data.ladder.map((l) => l.final) : data.totals;
  return {
    unknown: rows.reduce((a, r) => a + r.unknown, 0),
    missing: rows.reduce((a, r) => a + r.missing, 0),
    soloAgent1: data.ladder.reduce((a, l) => a + l.solo_agent1_passes, 0),
  };
}

/** "Policies: unknown_outcomes = …; solo_agent1 = …; eras = …", each with the denominator it gives. */
export function policyCaption(data: OutcomesFile, scope: 'ladder' | 'all' = 'ladder'): string {
  const o = data.options;
  const c = policyCounts(data, scope);
  const unknown =
    o.unknown_outcomes === 'count-as-failure'
      ? `unknown_outcomes = count-as-failure (n = every record plus the planned pairs never run; ${plural(c.unknown, 'unknown outcome')} and ${plural(c.missing, 'planned pair')} without a record count as failures)`
      : `unknown_outcomes = exclude (n = records with a known outcome; ${plural(c.unknown, 'unknown outcome')} left out of n)`;
  const agent1 =
    o.solo_agent1 === 'pass'
      ? `solo_agent1 = pass (a pass by agent 1\u2019s patch alone counts as a team success; ${c.soloAgent1} such)`
      : `solo_agent1 = separate (a pass by agent 1\u2019s patch alone counts as a team failure; ${c.soloAgent1} such, shown apart)`;
  const eras =
    o.eras === 'allow-mixed'
      ? 'eras = allow-mixed (eval eras pooled where a model and arm has both: such rows say MIXED)'
      : `eras = ${o.eras} (one row per eval era, never pooled)`;
  return `Policies: ${unknown}; ${agent1}; ${eras}.`;
}
