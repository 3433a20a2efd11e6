import { describe, expect, it } from 'vitest';
import { failureFlags } from './record-rows.js';

/** The gold set's human codes become runs-table flags (what Figure 6's human-coded bars filter on). */
describe('failureFlags with human codes', () => {
  const human = (comm_error: string, plan_drift: boolean) => ({ record_id: 'r', comm_error, plan_drift, primary: null, secondary: [] }) as Parameters<typeof failureFlags>[1];

  it('flags the App. F code and plan drift coded beside it, once each', () => {
    expect(failureFlags(undefined, human('C3b', true))).toEqual(['human:C3b', 'human:plan_drift']);
    expect(failureFlags(undefined, human('plan_drift', true))).toEqual(['human:plan_drift']);
    expect(failureFlags(undefined, human('C4a', false))).toEqual(['human:C4a']);
  });

  it('flags nothing for a run coded "none" or not coded', () => {
    expect(failureFlags(undefined, human('none', false))).toEqual([]);
    expect(failureFlags(undefined)).toEqual([]);
  });
});
