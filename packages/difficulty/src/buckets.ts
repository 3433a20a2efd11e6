/**
 * Equal-width buckets over [0, 1]. Edge rule: bucket = min(floor(round(d) * B), B - 1), i.e. each
 * bucket owns its lower edge and the last also owns 1.0. The difficulty is rounded first because
 * 1 - 0.8 evaluates to 0.19999... and would otherwise fall one bucket low (paper-definitions 4.4).
 */
export function bucketOf(difficulty: number, buckets: number, roundDecimals: number): number {
  const d = Number(difficulty.toFixed(roundDecimals));
  if (d < 0 || d > 1) throw new RangeError(`difficulty ${difficulty} outside [0, 1]`);
  return Math.min(Math.floor(Number((d * buckets).toFixed(roundDecimals))), buckets - 1);
}

export function bucketEdges(buckets: number): { bucket: number; low: number; high: number; midpoint: number }[] {
  return Array.from({ length: buckets }, (_, b) => ({
    bucket: b,
    low: b / buckets,
    high: (b + 1) / buckets,
    midpoint: Number(((b + 0.5) / buckets).toFixed(10)),
  }));
}
