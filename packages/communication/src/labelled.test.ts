import { describe, expect, it } from 'vitest';
import { evaluateLabelled, expectFloors, formatConfusion } from './test-support/support.js';

/**
 * Regression guard against the human-labelled set (src/labelled/, written by someone else, read-only
 * here). Floors sit just below what the rules achieve today; raise them when the rules improve.
 */
describe('speech-act classifier vs the human-labelled set', () => {
  it('every locator still points at the labelled text, and per-class precision/recall stay above their floors', () => {
    const e = evaluateLabelled();
    process.stdout.write(`\nlabelled set: confusion matrix (rows gold, columns predicted)\n${formatConfusion(e)}\n`);
    expect(e.hashMismatches).toEqual([]);
    expect(e.items).toBeGreaterThan(0);
    const FLOORS: Record<string, { precision: number; recall: number }> = {
      // achieved at writing (249 items): Plan .843/.903, Question .966/.903, Answer .761/.729, Update .795/.738, Ack 1.0/.556, Other .333/.5; accuracy .819
      // with the shared question definition (contracts transcript-view.ts): Plan .857/.903, Question .967/.935, Answer .755/.771, Update .838/.738; accuracy .831
      Plan: { precision: 0.83, recall: 0.88 },
      Question: { precision: 0.94, recall: 0.9 },
      Answer: { precision: 0.74, recall: 0.74 },
      Update: { precision: 0.81, recall: 0.71 },
      Ack: { precision: 0.95, recall: 0.5 },
      Other: { precision: 0.3, recall: 0.45 },
    };
    expectFloors(e, FLOORS);
    expect(e.accuracy).toBeGreaterThanOrEqual(0.82);
  });
});
