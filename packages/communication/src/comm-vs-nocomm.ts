import { tallyObservations, wilsonInterval, type CommunicationFile, type CountedInterval, type Interval, type Observation } from '@cooperbench-repro/contracts';
import { parseArmPairs, type CommunicationOptions } from './config.js';
import { fisherExact } from './statistics.js';

/**
 * Figure 5(a)/(b): with vs without messaging per model and era, on the pairs both arms have.
 * Success counts observations under the analysis policies (unknown outcomes left out or counted as
 * failures, planned pairs never run counted as failures, solo-agent1 passes as passes or not): a pair is
 * matched when both arms have a counted observation of it. Conflict (naive merge) uses the records whose
 * `naive_conflict` is known in both arms. Seeds are pooled: every observation of a matched pair counts.
 */

const pairKey = (o: Observation) => `${o.repo}/${o.task_id}/${o.features[0]}_${o.features[1]}`;

function byPair(obs: readonly Observation[]): Map<string, Observation[]> {
  const m = new Map<string, Observation[]>();
  for (const o of obs) m.set(pairKey(o), [...(m.get(pairKey(o)) ?? []), o]);
  return m;
}

function interval(c: { successes: number; total: number; unknown: number }, confidence: number): Interval {
  const w = wilsonInterval(c.successes, c.total, confidence);
  return { successes: c.successes, total: c.total, unknown: c.unknown, rate: w.rate, ci_low: w.low, ci_high: w.high };
}

function success(w: Map<string, Observation[]>, wo: Map<string, Observation[]>, opts: CommunicationOptions) {
  const counted = (os: Observation[] | undefined) => (os ?? []).some((o) => o.count !== 'excluded');
  const matched = [...w.keys()].filter((k) => counted(w.get(k)) && counted(wo.get(k)));
  const all = new Set([...w.keys(), ...wo.keys()]);
  const side = (m: Map<string, Observation[]>): CountedInterval => {
    const shared = [...m.keys()].filter((k) => (m === w ? wo : w).has(k));
    const inMatched = matched.flatMap((k) => m.get(k)!);
    const t = tallyObservations(inMatched);
    // `unknown`: every unknown outcome of a pair both arms ran (left out under exclude, a failure otherwise).
    const unknown = shared.flatMap((k) => m.get(k)!).filter((o) => o.unknown).length;
    return { ...interval({ ...t, unknown }, opts.confidence), missing: t.missing, solo_agent1: t.solo_agent1 };
  };
  const a = side(w);
  const b = side(wo);
  const test = fisherExact(a.successes, a.total - a.successes, b.successes, b.total - b.successes, opts.fisher_relative_tolerance);
  return { matched: matched.length, unmatched: all.size - matched.length, with: a, without: b, test };
}

function conflict(w: Map<string, Observation[]>, wo: Map<string, Observation[]>, opts: CommunicationOptions) {
  const known = (o: Observation) => o.record !== null && o.record.merge.naive_conflict !== null;
  const shared = [...w.keys()].filter((k) => wo.has(k));
  const usable = new Set(shared.filter((k) => w.get(k)!.some(known) && wo.get(k)!.some(known)));
  const tally = (m: Map<string, Observation[]>) => {
    const c = { successes: 0, total: 0, unknown: 0 };
    for (const key of shared) {
      for (const o of m.get(key)!) {
        if (o.record === null) continue; // a planned pair never run has no merge
        if (usable.has(key) && known(o)) {
          c.total++;
          if (o.record.merge.naive_conflict === true) c.successes++;
        } else c.unknown++;
      }
    }
    return c;
  };
  const a = tally(w);
  const b = tally(wo);
  const test = fisherExact(a.successes, a.total - a.successes, b.successes, b.total - b.successes, opts.fisher_relative_tolerance);
  return { with: interval(a, opts.confidence), without: interval(b, opts.confidence), test };
}

export function commVsNocomm(observations: readonly Observation[], opts: CommunicationOptions): CommunicationFile['comm_vs_nocomm'] {
  const out: CommunicationFile['comm_vs_nocomm'] = [];
  const coop = observations.filter((o) => o.era !== 'solo');
  const models = [...new Set(coop.map((o) => o.model))].sort();
  const eras = [...new Set(coop.map((o) => o.eraKey))].sort();
  for (const pair of parseArmPairs(opts.arm_pairs)) {
    for (const model of models) {
      for (const era of eras) {
        const of = (arm: string) => coop.filter((o) => o.model === model && o.arm === arm && o.eraKey === era);
        const withObs = of(pair.with);
        const withoutObs = of(pair.without);
        if (withObs.length === 0 || withoutObs.length === 0) continue;
        const w = byPair(withObs);
        const wo = byPair(withoutObs);
        const s = success(w, wo, opts);
        out.push({
          ...{ model, with_arm: pair.with, without_arm: pair.without, era, matched_pairs: s.matched, unmatched_pairs: s.unmatched },
          success: { with: s.with, without: s.without, test: s.test },
          conflict: conflict(w, wo, opts),
        });
      }
    }
  }
  return out;
}
