import { wilsonInterval, type Interval } from '@cooperbench-repro/contracts';

/**
 * Agreement between a reference rater (the human) and a candidate (the judge, or a judge re-run),
 * failure-modes-and-llm-judging.md section 6. Pure functions; every undefined statistic is null
 * (e.g. kappa when chance agreement is 1, precision with no positive prediction).
 */

export interface RatedPair {
  reference: string;
  candidate: string;
}

/** One-vs-rest confusion counts for a label: tp = both say it, fp = only the candidate, fn = only the reference. */
export interface BinaryCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface BinaryAgreement extends BinaryCounts {
  n: number;
  /** Raw agreement (tp + tn) / n with its Wilson interval. */
  agreement: Interval;
  /** Cohen: (p_o - p_e) / (1 - p_e), p_e from the two raters' marginals. */
  kappa: number | null;
  /** Prevalence- and bias-adjusted kappa: 2 p_o - 1. */
  pabak: number | null;
  /** Gwet: (p_o - p_e') / (1 - p_e'), p_e' = 2 pi (1 - pi), pi = mean of the two positive rates. */
  ac1: number | null;
  /** tp / (tp + fp): how often the candidate's label is the reference's. */
  precision: number | null;
  /** tp / (tp + fn): how many reference labels the candidate finds. */
  recall: number | null;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export function interval(successes: number, total: number, confidence = 0.95, unknown = 0): Interval {
  const w = wilsonInterval(successes, total, confidence);
  return { successes, total, unknown, rate: w.rate, ci_low: w.low, ci_high: w.high };
}

export function binaryCounts(pairs: readonly RatedPair[], label: string): BinaryCounts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const { reference, candidate } of pairs) {
    const r = reference === label;
    const k = candidate === label;
    if (r && k) c.tp++;
    else if (k) c.fp++;
    else if (r) c.fn++;
    else c.tn++;
  }
  return c;
}

export function binaryAgreement(c: BinaryCounts, confidence = 0.95): BinaryAgreement {
  const n = c.tp + c.fp + c.fn + c.tn;
  const agreed = c.tp + c.tn;
  const po = ratio(agreed, n);
  let kappa: number | null = null;
  let ac1: number | null = null;
  if (po !== null) {
    const pRef = (c.tp + c.fn) / n;
    const pCand = (c.tp + c.fp) / n;
    const pe = pRef * pCand + (1 - pRef) * (1 - pCand);
    kappa = pe === 1 ? null : (po - pe) / (1 - pe);
    const pi = (pRef + pCand) / 2;
    const pe1 = 2 * pi * (1 - pi);
    ac1 = (po - pe1) / (1 - pe1);
  }
  return {
    ...c,
    n,
    agreement: interval(agreed, n, confidence),
    kappa,
    pabak: po === null ? null : 2 * po - 1,
    ac1,
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
  };
}

export interface CategoricalAgreement {
  n: number;
  /** Exact label agreement with its Wilson interval. */
  agreement: Interval;
  /** Multi-category Cohen's kappa, p_e = sum over categories of the product of the two marginals. */
  kappa: number | null;
  /** Gwet's AC1 over the q categories of the scale: p_e = sum pi_k (1 - pi_k) / (q - 1). */
  ac1: number | null;
  /** (q p_o - 1) / (q - 1). */
  pabak: number | null;
}

/** `categories`: the whole label scale (q = its size), not only the labels that occur. */
export function categoricalAgreement(pairs: readonly RatedPair[], categories: readonly string[], confidence = 0.95): CategoricalAgreement {
  const n = pairs.length;
  const q = categories.length;
  const agreed = pairs.filter((p) => p.reference === p.candidate).length;
  if (n === 0 || q < 2) return { n, agreement: interval(agreed, n, confidence), kappa: null, ac1: null, pabak: null };
  const po = agreed / n;
  let pe = 0;
  let sumPi = 0;
  for (const k of categories) {
    const pr = pairs.filter((p) => p.reference === k).length / n;
    const pc = pairs.filter((p) => p.candidate === k).length / n;
    pe += pr * pc;
    const pi = (pr + pc) / 2;
    sumPi += pi * (1 - pi);
  }
  const pe1 = sumPi / (q - 1);
  return {
    n,
    agreement: interval(agreed, n, confidence),
    kappa: pe === 1 ? null : (po - pe) / (1 - pe),
    ac1: pe1 === 1 ? null : (po - pe1) / (1 - pe1),
    pabak: (q * po - 1) / (q - 1),
  };
}

/** One-vs-rest agreement for each label of the scale. */
export function perLabelAgreement(pairs: readonly RatedPair[], categories: readonly string[], confidence = 0.95): ({ label: string } & BinaryAgreement)[] {
  return categories.map((label) => ({ label, ...binaryAgreement(binaryCounts(pairs, label), confidence) }));
}
