import { describe, expect, it } from 'vitest';
import { PAPER_ANALYSIS_POLICY, describePolicy } from './analysis-policy.js';
import { planRuns, type ReferenceSubset } from './planned-pairs.js';
import { policyObservations, tallyObservations } from './policy-observations.js';
import { minimalRunRecord } from './run-record-fixture.js';
import { StageChecks } from './stage-checks.js';

const subset = (name: string, n: number): ReferenceSubset => ({ name, pairs: new Set(Array.from({ length: n }, (_, i) => `r/1/${i}_${i + 1}`)) });
const rec = (run: string, i: number, extra = {}) => minimalRunRecord('coop-msg', 'm', ['r', 1, i, i + 1], 'fail', { run, record_id: `${run}/${i}`, ...extra });

describe('planRuns', () => {
  it('takes the smallest subset holding every pair of the run and at least half of the subset, else the run’s own pairs', () => {
    const records = [rec('half', 0), rec('half', 1), rec('one', 0), rec('odd', 7)];
    const { plans, missing } = planRuns(records, [subset('four', 4), subset('eight', 8)]);
    expect(plans.find((p) => p.run === 'half')).toMatchObject({ subset: 'four', planned: 4, observed: 2, missing: 2 });
    expect(plans.find((p) => p.run === 'one')).toMatchObject({ subset: null, basis: 'observed-pairs', planned: 1, missing: 0 });
    expect(plans.find((p) => p.run === 'odd')).toMatchObject({ subset: null, planned: 1 }); // 1 of 8 is under half
    expect(missing.filter((m) => m.run === 'half').map((m) => m.features)).toEqual([[2, 3], [3, 4]]);
  });
});

describe('policyObservations', () => {
  it('gives a coop record without an eval its run’s era, or its upstream version’s', () => {
    const records = [
      rec('new', 0, { eval_format: 'identical-naive' }), rec('new', 1, { outcome: 'unknown', eval_format: 'unknown' }),
      rec('old', 0, { outcome: 'unknown', eval_format: 'unknown', upstream_version: '0.0.15' }),
    ];
    const { observations } = policyObservations(records, { ...PAPER_ANALYSIS_POLICY, eras: 'split' }, []);
    expect(observations.map((o) => [o.run, o.era])).toEqual([['new', 'agent1-era'], ['new', 'agent1-era'], ['old', 'union-era']]);
    expect(tallyObservations(observations)).toEqual({ successes: 0, total: 3, unknown: 2, missing: 0, solo_agent1: 0 });
  });
  it('names the counts in the caption text', () => {
    expect(describePolicy(PAPER_ANALYSIS_POLICY, { missing: 3, soloAgent1: 1 })).toBe(
      "policies: unknown outcomes and planned pairs never run (3) counted as failures; 1 solo-agent1 pass (agent 1's patch alone) counted as passes; eval eras never pooled (unknown_outcomes=count-as-failure, solo_agent1=pass, eras=refuse-mixed)",
    );
  });
});

describe('StageChecks', () => {
  it('collects a wrong rate, an interval missing its estimate and an unexplained retention', () => {
    const c = new StageChecks('x');
    c.interval('a', { successes: 1, total: 2, rate: 0.4, ci_low: 0.1, ci_high: 0.9 });
    c.interval('b', { successes: 1, total: 2, rate: 0.5, ci_low: 0.6, ci_high: 0.9 });
    c.retention('c', null, null);
    c.interval('ok', { successes: 0, total: 0, rate: null, ci_low: null, ci_high: null });
    expect(c.problems).toHaveLength(3);
    expect(() => c.assert()).toThrow(/x: 3 checks failed/);
  });
});
