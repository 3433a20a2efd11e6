import { describe, expect, it } from 'vitest';
import { binaryAgreement } from '../validate/agreement.js';
import { validationStatus } from './heuristic-status.js';

const FLOORS = { min_precision: 0.5, min_kappa: 0.4 };
const status = (tp: number, fp: number, fn: number, tn: number) => validationStatus(binaryAgreement({ tp, fp, fn, tn }), FLOORS);

describe('a heuristic validation status against the gold set', () => {
  it('passes a detector that reaches both floors', () => {
    // precision 13/16 = 0.81, kappa 0.74 (the repetition detector on the real runs)
    expect(status(13, 3, 5, 180)).toEqual({ validated: true, reason: null });
  });

  it('fails a detector whose detections are all false alarms, naming the precision and the counts', () => {
    // 0 right, 25 false alarms (the unverifiable-claims detector on the real runs)
    const s = status(0, 25, 2, 151);
    expect(s.validated).toBe(false);
    expect(s.reason).toContain('precision 0.00 < 0.50 (0 of 25 detections right)');
    expect(s.reason).toContain('kappa -0.02 < 0.40');
  });

  it('fails on kappa alone when precision is high but recall is negligible', () => {
    const s = status(1, 0, 61, 20);
    expect(s).toEqual({ validated: false, reason: 'kappa 0.01 < 0.40' });
  });

  it('fails a detector that never fires (precision undefined)', () => {
    const s = status(0, 0, 3, 97);
    expect(s.validated).toBe(false);
    expect(s.reason).toMatch(/^precision undefined \(no detection on the 100 gold-coded runs\)/);
  });

  it('takes the floors as given: the same counts pass under lower floors', () => {
    expect(validationStatus(binaryAgreement({ tp: 1, fp: 0, fn: 61, tn: 20 }), { min_precision: 0.5, min_kappa: 0 })).toEqual({ validated: true, reason: null });
  });
});
