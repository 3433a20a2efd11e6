import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';

/**
 * Exact two-sided McNemar test: under H0 the discordant pairs split Binomial(b + c, 1/2), and the
 * p-value is twice the smaller tail, capped at 1 (the usual "exact" / binomial McNemar, as in
 * statsmodels `mcnemar(exact=True)` and R `binom.test(b, b + c)`).
 * b = pairs only one side passed, c = pairs only the other passed. No discordant pair -> p = 1.
 * The binomial CDF comes from @stdlib.
 */
export function mcnemarExact(b: number, c: number): number {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) throw new RangeError(`mcnemarExact: expected non-negative integers, got b=${b}, c=${c}`);
  const n = b + c;
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialCdf(Math.min(b, c), n, 0.5));
}
