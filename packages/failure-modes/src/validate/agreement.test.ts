import { describe, expect, it } from 'vitest';
import { binaryAgreement, binaryCounts, categoricalAgreement, perLabelAgreement, type RatedPair } from './agreement.js';

const pairs = (spec: [string, string, number][]): RatedPair[] => spec.flatMap(([reference, candidate, times]) => Array.from({ length: times }, () => ({ reference, candidate })));

describe('binaryAgreement (hand-computed)', () => {
  it('a balanced case: tp 20, fp 5, fn 10, tn 15', () => {
    // n 50, p_o 0.7; p_ref 0.6, p_cand 0.5, p_e 0.3 + 0.2 = 0.5, kappa 0.4.
    // pi 0.55, p_e' = 2 * 0.55 * 0.45 = 0.495, AC1 = 0.205 / 0.505 = 0.405941. PABAK 0.4.
    const a = binaryAgreement({ tp: 20, fp: 5, fn: 10, tn: 15 });
    expect(a.n).toBe(50);
    expect(a.agreement).toMatchObject({ successes: 35, total: 50, rate: 0.7 });
    expect(a.kappa).toBeCloseTo(0.4, 10);
    expect(a.pabak).toBeCloseTo(0.4, 10);
    expect(a.ac1).toBeCloseTo(0.405941, 6);
    expect(a.precision).toBeCloseTo(0.8, 10);
    expect(a.recall).toBeCloseTo(20 / 30, 10);
  });

  it('prevalence paradox: 92% raw agreement on a rare label, kappa below 0 but AC1 high', () => {
    // tp 0, fp 2, fn 2, tn 46: p_o 0.92; p_ref = p_cand = 0.04; p_e = 0.0016 + 0.9216 = 0.9232;
    // kappa = (0.92 - 0.9232) / 0.0768 = -0.041667; p_e' = 2 * 0.04 * 0.96 = 0.0768;
    // AC1 = (0.92 - 0.0768) / 0.9232 = 0.913345; PABAK = 0.84.
    const a = binaryAgreement({ tp: 0, fp: 2, fn: 2, tn: 46 });
    expect(a.kappa).toBeCloseTo(-0.041667, 6);
    expect(a.ac1).toBeCloseTo(0.913345, 6);
    expect(a.pabak).toBeCloseTo(0.84, 10);
    expect(a.precision).toBe(0);
    expect(a.recall).toBe(0);
    // One shared positive: p_o 0.96, kappa 0.0368 / 0.0768 = 0.479167, AC1 0.8832 / 0.9232 = 0.956672.
    const b = binaryAgreement({ tp: 1, fp: 1, fn: 1, tn: 47 });
    expect(b.kappa).toBeCloseTo(0.479167, 6);
    expect(b.ac1).toBeCloseTo(0.956672, 6);
  });

  it('the paper 48/50: Wilson [0.865, 0.989] on raw agreement', () => {
    const a = binaryAgreement({ tp: 10, fp: 1, fn: 1, tn: 38 });
    expect(a.agreement.rate).toBe(0.96);
    expect(a.agreement.ci_low).toBeCloseTo(0.8654, 4);
    expect(a.agreement.ci_high).toBeCloseTo(0.9890, 4);
  });

  it('undefined statistics are null: no data, constant raters, no positive prediction', () => {
    const empty = binaryAgreement({ tp: 0, fp: 0, fn: 0, tn: 0 });
    expect([empty.kappa, empty.ac1, empty.pabak, empty.precision, empty.recall, empty.agreement.rate]).toEqual([null, null, null, null, null, null]);
    const constant = binaryAgreement({ tp: 0, fp: 0, fn: 0, tn: 10 });
    expect(constant.kappa).toBeNull();
    expect(constant.ac1).toBe(1);
    expect(constant.precision).toBeNull();
  });
});

describe('one-vs-rest and categorical agreement', () => {
  // 10 items on scale [none, A, B]: none/none 5, A/A 2, A/B 1, B/none 1, none/A 1.
  const data = pairs([['none', 'none', 5], ['A', 'A', 2], ['A', 'B', 1], ['B', 'none', 1], ['none', 'A', 1]]);

  it('counts one label against the rest', () => {
    expect(binaryCounts(data, 'A')).toEqual({ tp: 2, fp: 1, fn: 1, tn: 6 });
    expect(binaryCounts(data, 'B')).toEqual({ tp: 0, fp: 1, fn: 1, tn: 8 });
    expect(perLabelAgreement(data, ['none', 'A', 'B']).map((r) => r.label)).toEqual(['none', 'A', 'B']);
  });

  it('multi-category kappa, AC1 and PABAK', () => {
    // p_o 0.7. Marginals ref none .6 A .3 B .1; cand none .6 A .3 B .1 -> p_e .36 + .09 + .01 = .46;
    // kappa = .24 / .54 = 0.444444. pi = same; sum pi(1-pi) = .24 + .21 + .09 = .54; p_e' = .27;
    // AC1 = .43 / .73 = 0.589041. PABAK = (3 * .7 - 1) / 2 = 0.55.
    const c = categoricalAgreement(data, ['none', 'A', 'B']);
    expect(c.agreement).toMatchObject({ successes: 7, total: 10, rate: 0.7 });
    expect(c.kappa).toBeCloseTo(0.444444, 6);
    expect(c.ac1).toBeCloseTo(0.589041, 6);
    expect(c.pabak).toBeCloseTo(0.55, 10);
  });

  it('on two categories equals the binary statistics', () => {
    // The balanced case above as pairs: tp 20, fp 5, fn 10, tn 15.
    const two = pairs([['y', 'y', 20], ['n', 'y', 5], ['y', 'n', 10], ['n', 'n', 15]]);
    const c = categoricalAgreement(two, ['y', 'n']);
    const b = binaryAgreement(binaryCounts(two, 'y'));
    expect(c.kappa).toBeCloseTo(b.kappa!, 12);
    expect(c.ac1).toBeCloseTo(b.ac1!, 12);
    expect(c.pabak).toBeCloseTo(b.pabak!, 12);
  });
});
