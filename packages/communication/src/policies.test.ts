import { describe, expect, it } from 'vitest';
import { CommunicationFileSchema, EraMixError, minimalRunRecord, type ReferenceSubset, type RunRecord } from '@cooperbench-repro/contracts';
import { checkCommunication } from './checks.js';
import { computeCommunication } from './compute.js';
import { DEFAULT_OPTIONS, type CommunicationOptions } from './config.js';

/** Hand-built records with known answers for each analysis policy of Figure 5(a)'s success rates. */

const P = (i: number): [string, number, number, number] => ['pillow_task', 290, i, i + 1];
const agent1: Partial<RunRecord> = { eval_format: 'identical-naive', upstream_version: '0.0.19' };
const union: Partial<RunRecord> = { eval_format: 'naive-union', upstream_version: '0.0.12' };
const merge = (outcome: RunRecord['merge']['outcome'], naiveConflict: boolean): Partial<RunRecord> => ({ merge: { status: null, strategy: null, outcome, naive_conflict: naiveConflict } });
const coop = (arm: 'coop-msg' | 'coop-nomsg', i: number, outcome: RunRecord['outcome'], extra: Partial<RunRecord> = {}) =>
  minimalRunRecord(arm, 'm', P(i), outcome, { ...agent1, ...merge('clean', false), messaging_enabled: arm === 'coop-msg', ...extra });

function compute(records: RunRecord[], policy: Partial<CommunicationOptions> = {}, subsets: ReferenceSubset[] = []) {
  const file = CommunicationFileSchema.parse(computeCommunication(records, { ...DEFAULT_OPTIONS, ...policy }, undefined, subsets));
  checkCommunication(file).assert();
  return file;
}

describe('comm_vs_nocomm under the analysis policies', () => {
  // Pairs 1-3 in both arms; with messaging: pass, missing eval, unmergeable-free fail; without: pass, pass, fail.
  const recs = [
    coop('coop-msg', 1, 'pass'), coop('coop-msg', 2, 'unknown', { eval_format: 'unknown' }), coop('coop-msg', 3, 'fail'),
    coop('coop-nomsg', 1, 'pass'), coop('coop-nomsg', 2, 'pass'), coop('coop-nomsg', 3, 'fail'), coop('coop-nomsg', 4, 'fail'),
  ];
  it('exclude matches only pairs with a known outcome in both arms and says how many were left out', () => {
    const [row] = compute(recs, { unknown_outcomes: 'exclude' }).comm_vs_nocomm;
    expect(row).toMatchObject({ era: 'agent1-era', matched_pairs: 2, unmatched_pairs: 2 });
    expect(row!.success.with).toMatchObject({ successes: 1, total: 2, unknown: 1 });
    expect(row!.success.without).toMatchObject({ successes: 1, total: 2 });
  });
  it('count-as-failure counts the missing eval as a failure and the planned pair never run too', () => {
    const file = compute(recs, { unknown_outcomes: 'count-as-failure' });
    expect(file.policy.unknown_outcomes).toBe('count-as-failure');
    expect(file.comm_vs_nocomm[0]).toMatchObject({ matched_pairs: 3, unmatched_pairs: 1 });
    expect(file.comm_vs_nocomm[0]!.success.with).toMatchObject({ successes: 1, total: 3, unknown: 1 });
    // With a 4-pair plan (the runs hold 3 and 4 of them), pair 4 of the messaging run is a failure never run.
    const subset: ReferenceSubset = { name: 'tiny', pairs: new Set([1, 2, 3, 4].map((i) => `pillow_task/290/${i}_${i + 1}`)) };
    const planned = compute(recs, { unknown_outcomes: 'count-as-failure' }, [subset]);
    expect(planned.inputs.missing_pairs).toBe(1);
    expect(planned.comm_vs_nocomm[0]).toMatchObject({ matched_pairs: 4, unmatched_pairs: 0 });
    expect(planned.comm_vs_nocomm[0]!.success.with).toMatchObject({ successes: 1, total: 4, missing: 1 });
  });
  it('solo_agent1: a pass from agent 1 alone counts under pass, not under separate, and is counted either way', () => {
    const sa = [coop('coop-msg', 1, 'pass', merge('solo-agent1', true)), coop('coop-nomsg', 1, 'pass')];
    expect(compute(sa, { solo_agent1: 'pass' }).comm_vs_nocomm[0]!.success.with).toMatchObject({ successes: 1, total: 1, solo_agent1: 1 });
    expect(compute(sa, { solo_agent1: 'separate' }).comm_vs_nocomm[0]!.success.with).toMatchObject({ successes: 0, total: 1, solo_agent1: 1 });
  });
  it('an unmergeable union-era pair is a failure of the team, not an unknown', () => {
    const un = [coop('coop-msg', 1, 'fail', { ...union, ...merge('unmergeable', true) }), coop('coop-nomsg', 1, 'pass', union)];
    const [row] = compute(un, { unknown_outcomes: 'exclude' }).comm_vs_nocomm;
    expect(row).toMatchObject({ era: 'union-era', matched_pairs: 1 });
    expect(row!.success.with).toMatchObject({ successes: 0, total: 1, unknown: 0 });
  });
  it('eras: a model with runs in both eras stops under refuse-mixed, splits under split, pools under allow-mixed', () => {
    const both = [
      coop('coop-msg', 1, 'pass', { run: 'new-msg' }), coop('coop-nomsg', 1, 'fail', { run: 'new-nomsg' }),
      coop('coop-msg', 2, 'fail', { ...union, run: 'old-msg' }), coop('coop-nomsg', 2, 'fail', { ...union, run: 'old-nomsg' }),
    ];
    expect(() => compute(both, { eras: 'refuse-mixed' })).toThrow(EraMixError);
    expect(() => compute(both, { eras: 'refuse-mixed' })).toThrow(/old-msg/);
    const split = compute(both, { eras: 'split' }).comm_vs_nocomm;
    expect(split.map((r) => [r.era, r.matched_pairs, r.success.with.successes])).toEqual([['agent1-era', 1, 1], ['union-era', 1, 0]]);
    const mixed = compute(both, { eras: 'allow-mixed' }).comm_vs_nocomm;
    expect(mixed.map((r) => [r.era, r.matched_pairs, r.success.with.successes])).toEqual([['all-eras', 2, 1]]);
  });
});
