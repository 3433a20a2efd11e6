import { tallyObservations, wilsonInterval, type Observation, type OutcomeCount } from '@cooperbench-repro/contracts';

/** k/n with a Wilson interval from raw counts. */
export function outcomeCount(c: Omit<OutcomeCount, 'rate' | 'ci_low' | 'ci_high'>, confidence: number): OutcomeCount {
  const w = wilsonInterval(c.successes, c.total, confidence);
  return { ...c, rate: w.rate, ci_low: w.low, ci_high: w.high };
}

/** How a group of observations counts under the policies (each observation already carries its count). */
export function countObservations(observations: readonly Observation[], confidence: number): OutcomeCount {
  const t = tallyObservations(observations);
  const records = observations.filter((o) => !o.missing).length;
  return outcomeCount({ records, missing: t.missing, successes: t.successes, total: t.total, unknown: t.unknown, excluded: observations.length - t.total }, confidence);
}
