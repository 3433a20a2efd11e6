import { countUnderPolicy, evalEra, type AnalysisPolicy, type PolicyCount } from './analysis-policy.js';
import { planRuns, type ReferenceSubset, type RunPlan } from './planned-pairs.js';
import type { RunRecord } from './run-record.js';

/**
 * The records of a store as the analysis stages count them under an AnalysisPolicy: one observation per
 * record (pass, fail or excluded) plus, under `unknown_outcomes: count-as-failure`, one failure per planned
 * pair that was never run; each tagged with its eval era and the era key it is grouped under.
 */

export type Era = 'solo' | 'union-era' | 'agent1-era' | 'unknown';

export interface Observation {
  run: string;
  arm: string;
  model: string;
  repo: string;
  task_id: number;
  features: [number, number];
  era: Era;
  /** What rates are grouped by: the era, or `all-eras` for coop records under `eras: allow-mixed`. */
  eraKey: string;
  count: PolicyCount;
  /** The record's outcome is unknown (no eval, eval error). */
  unknown: boolean;
  /** A planned pair without any record. */
  missing: boolean;
  /** A pass that came from agent 1's patch alone (`solo-agent1`). */
  soloAgent1: boolean;
  record: RunRecord | null;
}

export const ALL_ERAS = 'all-eras';

/** Upstream <= 0.0.15 scored naive -> union; 0.0.16 on identical -> naive -> agent 1 alone. */
function eraOfVersion(version: string | null): Era {
  const m = version?.match(/^(\d+)\.(\d+)\.(\d+)/);
  if (!m) return 'unknown';
  const [maj, min, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return maj > 0 || min > 0 || patch >= 16 ? 'agent1-era' : 'union-era';
}

/** A coop record without an eval (format unknown) takes its run's era: the one its evaluated records have, else its upstream version's. */
function runEras(records: readonly RunRecord[]): Map<string, Era> {
  const seen = new Map<string, Set<Era>>();
  for (const r of records) {
    if (r.setting === 'solo') continue;
    const e = evalEra(r.eval_format);
    if (e === 'union-era' || e === 'agent1-era') seen.set(r.run, (seen.get(r.run) ?? new Set()).add(e));
  }
  const out = new Map<string, Era>();
  for (const r of records) {
    if (out.has(r.run)) continue;
    const eras = seen.get(r.run);
    out.set(r.run, eras && eras.size === 1 ? [...eras][0]! : eraOfVersion(r.upstream_version));
  }
  return out;
}

export function recordEra(r: RunRecord, runEra: Era): Era {
  if (r.setting === 'solo') return 'solo';
  const e = evalEra(r.eval_format);
  return e === 'union-era' || e === 'agent1-era' ? e : runEra;
}

export class EraMixError extends Error {}

/** Under `refuse-mixed`: stops when one model and arm has coop results from more than one era, naming the runs of each. */
export function assertErasNotMixed(observations: readonly Observation[]): void {
  const byGroup = new Map<string, Map<Era, Set<string>>>();
  for (const o of observations) {
    if (o.era === 'solo') continue;
    const key = `${o.model} / ${o.arm}`;
    const eras = byGroup.get(key) ?? new Map<Era, Set<string>>();
    eras.set(o.era, (eras.get(o.era) ?? new Set()).add(o.run));
    byGroup.set(key, eras);
  }
  const mixed = [...byGroup.entries()].filter(([, eras]) => eras.size > 1);
  if (mixed.length === 0) return;
  const lines = mixed.map(([group, eras]) => `  ${group}: ${[...eras.entries()].map(([era, runs]) => `${era}: ${[...runs].sort().join(', ')}`).join('; ')}`);
  throw new EraMixError(
    `eras: refuse-mixed: results scored by different upstream eval eras (<= 0.0.15 union-era, >= 0.0.16 agent1-era) would be pooled:\n${lines.join('\n')}\n` +
      'set "eras" to "split" (one rate per era) or "allow-mixed" (pool them, named in every caption) in the stage config.',
  );
}

export function policyObservations(records: readonly RunRecord[], policy: AnalysisPolicy, subsets: readonly ReferenceSubset[]): { observations: Observation[]; plans: RunPlan[] } {
  const eraOfRun = runEras(records);
  const keyOf = (era: Era) => (era !== 'solo' && policy.eras === 'allow-mixed' ? ALL_ERAS : era);
  const observations: Observation[] = records.map((r) => {
    const era = recordEra(r, eraOfRun.get(r.run)!);
    const { run, arm, model, repo, task_id, features } = r;
    const soloAgent1 = r.outcome === 'pass' && r.merge.outcome === 'solo-agent1';
    return { run, arm, model, repo, task_id, features, era, eraKey: keyOf(era), count: countUnderPolicy(r, policy), unknown: r.outcome === 'unknown', missing: false, soloAgent1, record: r };
  });
  const { plans, missing } = planRuns(records, subsets);
  if (policy.unknown_outcomes === 'count-as-failure') {
    const runOf = new Map(records.map((r) => [r.run, r]));
    for (const m of missing) {
      const r = runOf.get(m.run)!;
      const era = r.setting === 'solo' ? 'solo' : eraOfRun.get(m.run)!;
      observations.push({ ...m, arm: r.arm, model: r.model, era, eraKey: keyOf(era), count: 'fail', unknown: false, missing: true, soloAgent1: false, record: null });
    }
  }
  if (policy.eras === 'refuse-mixed') assertErasNotMixed(observations);
  return { observations, plans };
}

/** k/n of a group of observations, with the counts every rate reports beside it. */
export function tallyObservations(obs: readonly Observation[]): { successes: number; total: number; unknown: number; missing: number; solo_agent1: number } {
  let successes = 0;
  let total = 0;
  let unknown = 0;
  let missing = 0;
  let soloAgent1 = 0;
  for (const o of obs) {
    if (o.count === 'pass') successes++;
    if (o.count !== 'excluded') total++;
    if (o.unknown) unknown++;
    if (o.missing) missing++;
    if (o.soloAgent1) soloAgent1++;
  }
  return { successes, total, unknown, missing, solo_agent1: soloAgent1 };
}
