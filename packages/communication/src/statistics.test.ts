import { wilsonInterval } from '@cooperbench-repro/contracts';
import { describe, expect, it } from 'vitest';
import { fisherExact, mannWhitneyU } from './statistics.js';

describe('Fisher exact (two-sided)', () => {
  it('matches the tea-tasting table [[3,1],[1,3]]', () => {
    const t = fisherExact(3, 1, 1, 3);
    expect(t.p_value).toBeCloseTo(0.4857142857, 9);
    expect(t.effect).toBe(9);
    expect(t.n).toEqual([4, 4]);
  });
  it('matches [[1,9],[11,3]] (hand: sum of hypergeometric tables as likely or less; SciPy 0.0027594561852)', () => {
    // Margins 10/14, 12 events of 24. P(a=1) = C(12,1)C(12,9)/C(24,10) = 12*220/1961256 = 0.0013460...
    // Tables at least as extreme: a = 0, 1 and (by symmetry of equal event margins) a = 9, 10 -> p = 2 * (P0 + P1).
    const c = (n: number, k: number): number => (k === 0 ? 1 : (c(n, k - 1) * (n - k + 1)) / k);
    const P = (a: number) => (c(12, a) * c(12, 10 - a)) / c(24, 10);
    const t = fisherExact(1, 9, 11, 3);
    expect(t.p_value).toBeCloseTo(2 * (P(0) + P(1)), 12);
    expect(t.p_value).toBeCloseTo(0.0027594561852, 11);
  });
  it('handles degenerate tables', () => {
    expect(fisherExact(0, 0, 2, 3).p_value).toBeNull();
    expect(fisherExact(0, 5, 0, 3).p_value).toBe(1);
    expect(fisherExact(2, 0, 0, 2).effect).toBeNull();
  });
});

describe('Mann-Whitney U (normal approximation)', () => {
  it('x=[1,2,3] vs y=[4,5,6]: U=0, z=(|0-4.5|-0.5)/sqrt(5.25), p=0.0808556 (SciPy asymptotic)', () => {
    const t = mannWhitneyU([1, 2, 3], [4, 5, 6]);
    expect(t.statistic).toBe(0);
    expect(t.p_value).toBeCloseTo(0.08085559837, 9);
    expect(t.effect).toBe(0);
  });
  it('tie-corrected: x=[1,2,2,3,5] vs y=[2,3,4,4,6,7]: U=6.5, p=0.1386259 (SciPy asymptotic)', () => {
    // Ranks: 1->1, 2,2,2->3, 3,3->5.5, 4,4->7.5, 5->9, 6->10, 7->11. W_x = 1+3+3+5.5+9 = 21.5, U = 21.5 - 15 = 6.5.
    const t = mannWhitneyU([1, 2, 2, 3, 5], [2, 3, 4, 4, 6, 7]);
    expect(t.statistic).toBe(6.5);
    expect(t.p_value).toBeCloseTo(0.13862587988, 9);
  });
  it('returns nulls for an empty group and p=1 when everything ties', () => {
    expect(mannWhitneyU([], [1, 2]).p_value).toBeNull();
    expect(mannWhitneyU([1, 1], [1, 1, 1]).p_value).toBe(1);
  });
});

describe('Wilson interval', () => {
  it('is null for n=0 and brackets the rate', () => {
    expect(wilsonInterval(0, 0).rate).toBeNull();
    const w = wilsonInterval(36, 92);
    expect(w.low!).toBeLessThan(36 / 92);
    expect(w.high!).toBeGreaterThan(36 / 92);
    expect(w.low).toBeCloseTo(0.29786, 4); // closed form, z = 1.959964
  });
});
