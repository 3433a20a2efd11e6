import hypergeometricPmf from '@stdlib/stats-base-dists-hypergeometric-pmf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { wilcoxonRankSum } from 'simple-statistics';
import type { TestResult } from '@cooperbench-repro/contracts';

export const FISHER_TEST = 'fisher-exact (two-sided)';
export const MANN_WHITNEY_TEST = 'mann-whitney-u (normal approximation, tie-corrected, continuity-corrected)';

/**
 * Two-sided Fisher exact test on the 2x2 table [[a, b], [c, d]] (rows: groups; columns: event, no event).
 * Conditional on the margins, the top-left cell is hypergeometric (population a+b+c+d, a+c events,
 * a+b draws); the p-value sums the probabilities of every table no more likely than the observed one
 * (the "minimum likelihood" definition, as R's fisher.test and SciPy), with a relative tolerance so
 * that tables equal in exact arithmetic but not in floating point are included.
 * Effect: the sample odds ratio (a d) / (b c); null when b c = 0 (undefined or infinite).
 */
export function fisherExact(a: number, b: number, c: number, d: number, relTol = 1e-7): TestResult {
  for (const v of [a, b, c, d]) if (!Number.isInteger(v) || v < 0) throw new RangeError(`fisherExact: cells must be non-negative integers, got ${[a, b, c, d].join(',')}`);
  const n1 = a + b;
  const n2 = c + d;
  const N = n1 + n2;
  const K = a + c;
  const effect = b * c === 0 ? null : (a * d) / (b * c);
  if (n1 === 0 || n2 === 0 || K === 0 || K === N) return { test: FISHER_TEST, statistic: null, p_value: n1 === 0 || n2 === 0 ? null : 1, effect, n: [n1, n2] };
  const pObs = hypergeometricPmf(a, N, K, n1);
  const lo = Math.max(0, n1 - (N - K));
  const hi = Math.min(n1, K);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const px = hypergeometricPmf(x, N, K, n1);
    if (px <= pObs * (1 + relTol)) p += px;
  }
  return { test: FISHER_TEST, statistic: null, p_value: Math.min(1, p), effect, n: [n1, n2] };
}

/**
 * Mann-Whitney U for x vs y. U_x = W_x - n_x (n_x + 1) / 2 from simple-statistics' rank sum
 * (mid-ranks for ties). Two-sided p-value by the normal approximation with the tie correction
 * sigma^2 = n_x n_y / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1))) and a 0.5 continuity correction
 * (SciPy's mannwhitneyu(method="asymptotic", use_continuity=True)). Statistic: U_x; effect: the
 * probability of superiority U_x / (n_x n_y) (0.5 = no shift; above 0.5: x tends to be larger).
 * Empty sample: nulls. All values tied: p = 1.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[], continuity = true): TestResult {
  const nx = x.length;
  const ny = y.length;
  if (nx === 0 || ny === 0) return { test: MANN_WHITNEY_TEST, statistic: null, p_value: null, effect: null, n: [nx, ny] };
  const w = wilcoxonRankSum([...x], [...y]);
  const u = w - (nx * (nx + 1)) / 2;
  const N = nx + ny;
  const ties = new Map<number, number>();
  for (const v of [...x, ...y]) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieSum = 0;
  for (const t of ties.values()) tieSum += t * t * t - t;
  const variance = ((nx * ny) / 12) * (N + 1 - tieSum / (N * (N - 1)));
  const mu = (nx * ny) / 2;
  let p = 1;
  if (variance > 0) {
    const dev = Math.abs(u - mu);
    const z = Math.max(0, dev - (continuity ? 0.5 : 0)) / Math.sqrt(variance);
    p = Math.min(1, 2 * normalCdf(-z, 0, 1));
  }
  return { test: MANN_WHITNEY_TEST, statistic: u, p_value: p, effect: u / (nx * ny), n: [nx, ny] };
}
