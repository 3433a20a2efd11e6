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
  // At k = 0 (k = n) the lower (upper) end is exactly 0 (1) in exact arithmetic; floating point leaves
  // noise such as 2.8e-17 that would print in the CSVs, so the ends are set, not computed.
  const low = k === 0 ? 0 : Math.max(0, centre - half);
  const high = k === n ? 1 : Math.min(1, centre + half);
  return { rate: p, low, high };
}
