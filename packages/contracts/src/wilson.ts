import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * Every interval in the files under data/ is this one, so it lives with the contracts that every stage imports.
 *
 * Wilson score interval for k successes in n trials (the paper's choice: well calibrated near 0 and 1).
 * z comes from the normal quantile of a statistics library; the interval itself is the closed form
 * of paper-definitions 4.5. Returns nulls for n = 0 (no observation, no interval).
 */
export function wilsonInterval(k: number, n: number, confidence = 0.95): { rate: number | null; low: number | null; high: number | null } {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) throw new RangeError(`wilsonInterval: expected integers 0 <= k <= n, got k=${k}, n=${n}`);
  if (n === 0) return { rate: null, low: null, high: null };
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // Clamp rounding noise at the ends (k = 0 gives exactly 0 in exact arithmetic).
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
