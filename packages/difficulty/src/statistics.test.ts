import { wilsonInterval } from '@cooperbench-repro/contracts';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { bucketEdges, bucketOf } from './buckets.js';
import { trapezoidAuc } from '@cooperbench-repro/contracts';
import { PAPER, readCsv } from './test-support/records.js';

/**
 * Reference Wilson implementation, independent of the closed form: the interval is the set of p with
 * |k/n - p| <= z * sqrt(p(1-p)/n); find its two ends by bisection on the score statistic.
 */
function wilsonByBisection(k: number, n: number, z: number): [number, number] {
  const phat = k / n;
  const outside = (p: number) => (phat - p) ** 2 - (z * z * p * (1 - p)) / n; // > 0 outside the interval
  const bisect = (lo: number, hi: number, inLow: boolean) => {
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      const out = outside(mid) > 0;
      if (out === inLow) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const low = k === 0 ? 0 : bisect(0, phat, true);
  const high = k === n ? 1 : bisect(phat, 1, false);
  return [low, high];
}

describe('Wilson interval', () => {
  it('matches the bisection reference to 1e-9 on a grid including k = 0 and k = n', () => {
    const z = 1.959963984540054;
    let checked = 0;
    for (const n of [1, 2, 3, 5, 10, 17, 50, 100, 289, 652, 1000, 5000]) {
      for (const k of new Set([0, 1, Math.floor(n / 3), Math.floor(n / 2), n - 1, n].filter((x) => x >= 0 && x <= n))) {
        const w = wilsonInterval(k, n);
        const [lo, hi] = wilsonByBisection(k, n, z);
        expect(Math.abs(w.low! - lo)).toBeLessThan(1e-9);
        expect(Math.abs(w.high! - hi)).toBeLessThan(1e-9);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('gives the paper check value 48/50 -> [86.5%, 98.9%] and nothing for n = 0', () => {
    const w = wilsonInterval(48, 50);
    expect(w.low!).toBeCloseTo(0.865, 3);
    expect(w.high!).toBeCloseTo(0.989, 3);
    expect(wilsonInterval(0, 0)).toEqual({ rate: null, low: null, high: null });
    // The ends at k = 0 and k = n are exact, not floating-point noise (2.8e-17 printed in a CSV).
    for (const n of [1, 5, 15, 60, 289]) {
      expect(wilsonInterval(0, n).low).toBe(0);
      expect(wilsonInterval(n, n).high).toBe(1);
    }
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });

  it('reproduces the website intervals of the per-model coop outcomes (n = 652)', () => {
    const perPair = readCsv(join(PAPER, 'coop_results_per_pair.csv'));
    const summary = readCsv(join(PAPER, 'coop_results_per_model_summary.csv'));
    expect(perPair).toHaveLength(652);
    const expectedCounts: Record<string, number> = { gpt5: 182, claude: 169, minimax: 91, qwen_coder: 87, qwen: 30 };
    for (const [model, count] of Object.entries(expectedCounts)) {
      const k = perPair.filter((r) => r[`${model}_passed`] === '1').length;
      expect(k).toBe(count);
      const w = wilsonInterval(k, 652);
      const row = summary.find((s) => s.model_key === model)!;
      expect(Number(row.coop_passed)).toBe(k);
      expect(w.rate! * 100).toBeCloseTo(Number(row.coop_rate_pct), 2);
      expect(w.low! * 100).toBeCloseTo(Number(row.wilson95_low_pct), 2);
      expect(w.high! * 100).toBeCloseTo(Number(row.wilson95_high_pct), 2);
    }
  });
});

describe('AUC', () => {
  it('the trapezoid over the website copy of Figure 4 gives solo 0.3425, coop 0.1985', () => {
    const points = readCsv(join(PAPER, 'fig4_website_coopchart_points.csv'));
    const curve = (col: string) => points.map((p) => ({ x: Number(p.difficulty_bucket_centre), y: Number(p[col]) }));
    expect(points).toHaveLength(9);
    expect(trapezoidAuc(curve('solo_success'))!).toBeCloseTo(0.3425, 10);
    expect(trapezoidAuc(curve('coop_success'))!).toBeCloseTo(0.1985, 10);
    expect(trapezoidAuc(curve('coop_success'))! / trapezoidAuc(curve('solo_success'))!).toBeCloseTo(0.58, 2);
  });
  it('is null with fewer than two populated points', () => {
    expect(trapezoidAuc([{ x: 0.5, y: 1 }])).toBeNull();
  });
});

describe('buckets', () => {
  it('round before flooring, own their lower edge, and the last owns 1.0', () => {
    expect(bucketOf(1 - 0.8, 10, 9)).toBe(2);
    expect(bucketOf(0, 10, 9)).toBe(0);
    expect(bucketOf(0.1, 10, 9)).toBe(1);
    expect(bucketOf(0.0999999, 10, 9)).toBe(0);
    expect(bucketOf(1, 10, 9)).toBe(9);
    expect(bucketOf(2 / 3, 10, 9)).toBe(6);
    expect(() => bucketOf(1.2, 10, 9)).toThrow(RangeError);
    expect(bucketEdges(10).map((e) => e.midpoint)).toEqual([0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95]);
  });
});
