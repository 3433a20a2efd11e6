import { wilsonInterval, type Interval } from '@cooperbench-repro/contracts';

/** successes/total with its Wilson interval; `unknown` counts the population left out of `total`. */
export function share(successes: number, total: number, unknown: number, confidence: number): Interval {
  const w = wilsonInterval(successes, total, confidence);
  return { successes, total, unknown, rate: w.rate, ci_low: w.low, ci_high: w.high };
}
