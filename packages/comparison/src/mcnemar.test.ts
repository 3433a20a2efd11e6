import { describe, expect, it } from 'vitest';
import { mcnemarExact } from './mcnemar.js';

/** Independent exact reference: 2 * sum_{i<=min(b,c)} C(n,i) / 2^n with BigInt, capped at 1. */
function reference(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  let coef = 1n;
  let tail = 0n;
  for (let i = 0; i <= Math.min(b, c); i++) {
    tail += coef;
    coef = (coef * BigInt(n - i)) / BigInt(i + 1);
  }
  return Math.min(1, Number(2n * tail) / 2 ** n);
}

describe('exact McNemar (binomial test on the discordant pairs)', () => {
  it('matches hand-computed small cases', () => {
    // b = 13, c = 2: n = 15, P(X <= 2) = (1 + 15 + 105) / 2^15 = 121/32768, two-sided 242/32768
    expect(mcnemarExact(13, 2)).toBeCloseTo(242 / 32768, 12);
    expect(mcnemarExact(2, 13)).toBeCloseTo(242 / 32768, 12);
    // 0 vs 5: 2 * (1/32) = 0.0625
    expect(mcnemarExact(0, 5)).toBeCloseTo(0.0625, 12);
    // 1 vs 4: 2 * (1 + 5)/32 = 0.375
    expect(mcnemarExact(1, 4)).toBeCloseTo(0.375, 12);
    // 10 vs 0: 2/1024
    expect(mcnemarExact(10, 0)).toBeCloseTo(2 / 1024, 12);
    // 0 vs 8: 2/256 (the 6-vs-14 style "all discordant one way" case)
    expect(mcnemarExact(0, 8)).toBeCloseTo(0.0078125, 12);
  });

  it('is 1 for balanced or absent discordance, never above 1', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(0, 1)).toBe(1);
    expect(mcnemarExact(3, 3)).toBe(1); // 2 * 42/64 > 1
    expect(mcnemarExact(4, 3)).toBe(1);
  });

  it('agrees with an exact rational computation over a grid', () => {
    for (let b = 0; b <= 30; b++) for (let c = 0; c <= 30; c++) expect(mcnemarExact(b, c)).toBeCloseTo(reference(b, c), 10);
  });

  it('agrees with SciPy (scipy.stats.binomtest, the exact McNemar of statsmodels) to 1e-12 relative', () => {
    // [b, c, p] computed once with SciPy 1.17.1: binomtest(b, b + c, 0.5).pvalue (two-sided); p = 1 for
    // b + c = 0 by definition. Regenerate with:
    //   python3 -c "from scipy.stats import binomtest; print(binomtest(b, b + c, 0.5).pvalue)"
    const SCIPY: [number, number, number][] = [
      [13, 2, 0.00738525390625],
      [2, 13, 0.00738525390625],
      [0, 31, 9.313225746154785e-10],
      [3, 9, 0.14599609375],
      [7, 5, 0.7744140625],
      [10, 3, 0.09228515625],
      [25, 12, 0.04703102743951604],
      [50, 37, 0.1979791406725175],
      [120, 95, 0.10145232764870649],
      [200, 150, 0.008720036530555947],
      [1, 0, 1],
      [0, 0, 1],
    ];
    for (const [b, c, p] of SCIPY) {
      const got = mcnemarExact(b, c);
      expect(Math.abs(got - p) / p, `b=${b}, c=${c}: ${got} vs SciPy ${p}`).toBeLessThan(1e-12);
    }
  });

  it('rejects non-counts', () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarExact(1.5, 2)).toThrow(RangeError);
  });
});
