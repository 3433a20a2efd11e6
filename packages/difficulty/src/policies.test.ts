import { describe, expect, it } from 'vitest';
import { DifficultyFileSchema, EraMixError, type DifficultyOptions, type ReferenceSubset, type RunRecord } from '@cooperbench-repro/contracts';
import { checkDifficulty } from './checks.js';
import { computeDifficulty } from './compute.js';
import { record } from './test-support/records.js';

/** Hand-built records with known answers for each analysis policy (packages/contracts/src/analysis-policy.ts). */

const BASE: DifficultyOptions = { rescale: false, buckets: 10, solo_success: 'both-passed', difficulty_average: 'per-model', round_decimals: 9, confidence: 0.95, unknown_outcomes: 'exclude', solo_agent1: 'pass', eras: 'refuse-mixed' };
const P1: [string, number, number, number] = ['pillow_task', 290, 1, 2];
const P2: [string, number, number, number] = ['pillow_task', 290, 1, 3];
const P3: [string, number, number, number] = ['go_chi_task', 26, 1, 2];
const P4: [string, number, number, number] = ['go_chi_task', 26, 2, 3];

const union = (extra: Partial<RunRecord> = {}): Partial<RunRecord> => ({ eval_format: 'naive-union', upstream_version: '0.0.12', ...extra });
const agent1 = (extra: Partial<RunRecord> = {}): Partial<RunRecord> => ({ eval_format: 'identical-naive', upstream_version: '0.0.19', ...extra });
const merge = (outcome: RunRecord['merge']['outcome'], naiveConflict: boolean): RunRecord['merge'] => ({ status: null, strategy: null, outcome, naive_conflict: naiveConflict });
const overall = (d: ReturnType<typeof computeDifficulty>, model: string, arm: string) => d.overall.filter((o) => o.model === model && o.arm === arm);
const valid = (d: ReturnType<typeof computeDifficulty>) => {
  DifficultyFileSchema.parse(d);
  checkDifficulty(d).assert();
  return d;
};

describe('unknown_outcomes', () => {
  // m: solo passes P1, fails P2, P3's eval is missing; coop passes P1, P2's eval is missing.
  const recs = [
    record('solo', 'm', P1, 'pass'), record('solo', 'm', P2, 'fail'), record('solo', 'm', P3, 'unknown'),
    record('coop-msg', 'm', P1, 'pass', agent1()), record('coop-msg', 'm', P2, 'unknown', agent1({ eval_format: 'unknown' })),
  ];
  it('exclude leaves a missing eval out of n and counts it; count-as-failure counts it as a failure', () => {
    const ex = valid(computeDifficulty(recs, BASE));
    expect(overall(ex, 'm', 'solo')).toMatchObject([{ successes: 1, total: 2, unknown: 1, missing: 0 }]);
    expect(overall(ex, 'm', 'coop-msg')).toMatchObject([{ successes: 1, total: 1, unknown: 1, era: 'agent1-era' }]);
    const cf = valid(computeDifficulty(recs, { ...BASE, unknown_outcomes: 'count-as-failure' }));
    expect(overall(cf, 'm', 'solo')).toMatchObject([{ successes: 1, total: 3, unknown: 1 }]);
    // The record without an eval takes its run's era (its other record was scored identical -> naive).
    expect(overall(cf, 'm', 'coop-msg')).toMatchObject([{ successes: 1, total: 2, unknown: 1, era: 'agent1-era' }]);
    // A solo unknown counted as a failure puts the pair on the difficulty axis as hardest.
    expect(ex.pairs.map((p) => p.raw_difficulty)).toEqual([0, 1]); // pillow 1_2, 1_3 (go_chi 1_2 has no known solo outcome)
    expect(cf.pairs.map((p) => p.raw_difficulty)).toEqual([1, 0, 1]); // go_chi 1_2, pillow 1_2, 1_3
    expect(cf.options.unknown_outcomes).toBe('count-as-failure');
  });

  it('count-as-failure divides by the planned pairs of the inferred subset and records the missing ones', () => {
    const subset: ReferenceSubset = { name: 'tiny', pairs: new Set(['pillow_task/290/1_2', 'pillow_task/290/1_3', 'go_chi_task/26/1_2', 'go_chi_task/26/2_3']) };
    const withPlan = [...recs, record('solo', 'm', P4, 'fail')];
    const cf = valid(computeDifficulty(withPlan, { ...BASE, unknown_outcomes: 'count-as-failure' }, [subset]));
    // The solo run covers all 4 pairs; the coop run 2 of 4 (50%: the subset is its plan), so 2 are missing.
    expect(cf.inputs.plans.find((p) => p.arm === 'coop-msg')).toMatchObject({ subset: 'tiny', basis: 'inferred-subset', planned: 4, observed: 2, missing: 2 });
    expect(cf.inputs.missing_pairs).toBe(2);
    expect(overall(cf, 'm', 'coop-msg')).toMatchObject([{ successes: 1, total: 4, unknown: 1, missing: 2 }]);
    const ex = valid(computeDifficulty(withPlan, BASE, [subset]));
    expect(ex.inputs.missing_pairs).toBe(2); // recorded either way, counted only under count-as-failure
    expect(overall(ex, 'm', 'coop-msg')).toMatchObject([{ successes: 1, total: 1, missing: 0 }]);
    // A run with less than half of any subset is planned on its own pairs.
    const smoke = valid(computeDifficulty([record('solo', 'm', P1, 'pass')], { ...BASE, unknown_outcomes: 'count-as-failure' }, [subset]));
    expect(smoke.inputs.plans).toMatchObject([{ subset: null, basis: 'observed-pairs', planned: 1, missing: 0 }]);
  });
});

describe('union-era unmergeable pairs', () => {
  it('count as failures of the team, not as unknown, under either unknown_outcomes', () => {
    const recs = [record('solo', 'm', P1, 'pass'), record('coop-msg', 'm', P1, 'fail', union({ merge: merge('unmergeable', true) }))];
    for (const unknown_outcomes of ['exclude', 'count-as-failure'] as const) {
      const d = valid(computeDifficulty(recs, { ...BASE, unknown_outcomes }));
      expect(overall(d, 'm', 'coop-msg')).toMatchObject([{ successes: 0, total: 1, unknown: 0, era: 'union-era' }]);
    }
  });
});

describe('solo_agent1', () => {
  const recs = [
    record('solo', 'm', P1, 'pass'), record('solo', 'm', P2, 'pass'),
    record('coop-msg', 'm', P1, 'pass', agent1({ merge: merge('solo-agent1', true) })), record('coop-msg', 'm', P2, 'pass', agent1({ merge: merge('clean', false) })),
  ];
  it('pass counts it as a pass, separate as a failure of the team; its count is reported either way', () => {
    const pass = valid(computeDifficulty(recs, BASE));
    expect(overall(pass, 'm', 'coop-msg')).toMatchObject([{ successes: 2, total: 2, solo_agent1: 1 }]);
    const sep = valid(computeDifficulty(recs, { ...BASE, solo_agent1: 'separate' }));
    expect(overall(sep, 'm', 'coop-msg')).toMatchObject([{ successes: 1, total: 2, solo_agent1: 1 }]);
    expect(sep.options.solo_agent1).toBe('separate');
  });
});

describe('difficulty_average with unequal seeds across two models', () => {
  it('per-model weighs each model once; pooled weighs each observation', () => {
    // Model a: 3 seeds, all pass; model b: 1 seed, fails (and an unknown under count-as-failure is a failure too).
    const recs = [0, 1, 2].map((s) => record('solo', 'a', P1, 'pass', { seed: s, run: `a-${s}`, record_id: `a-${s}` }));
    recs.push(record('solo', 'b', P1, 'fail', { run: 'b-0' }), record('solo', 'b', P1, 'unknown', { run: 'b-1', seed: 1, record_id: 'b-1' }));
    expect(valid(computeDifficulty(recs, BASE)).pairs[0]!.raw_difficulty).toBe(0.5);
    expect(valid(computeDifficulty(recs, { ...BASE, difficulty_average: 'pooled' })).pairs[0]!.raw_difficulty).toBe(0.25);
    expect(valid(computeDifficulty(recs, { ...BASE, unknown_outcomes: 'count-as-failure' })).pairs[0]!.raw_difficulty).toBe(0.5);
    expect(valid(computeDifficulty(recs, { ...BASE, unknown_outcomes: 'count-as-failure', difficulty_average: 'pooled' })).pairs[0]!.raw_difficulty).toBe(0.4);
  });
});

describe('eras', () => {
  // Model m has coop-msg results from a 0.0.12 run (union era) and a 0.0.19 run (agent-1 era).
  const recs = [
    record('solo', 'm', P1, 'pass'), record('solo', 'm', P2, 'fail'),
    record('coop-msg', 'm', P1, 'pass', union({ run: 'old-run', record_id: 'o1' })), record('coop-msg', 'm', P2, 'fail', union({ run: 'old-run', record_id: 'o2' })),
    record('coop-msg', 'm', P1, 'fail', agent1({ run: 'new-run', record_id: 'n1' })),
  ];
  it('refuse-mixed stops with a message naming the runs of each era', () => {
    expect(() => computeDifficulty(recs, BASE)).toThrow(EraMixError);
    expect(() => computeDifficulty(recs, BASE)).toThrow(/m \/ coop-msg: union-era: old-run; agent1-era: new-run|m \/ coop-msg: agent1-era: new-run; union-era: old-run/);
  });
  it('split gives one rate and one curve per era; allow-mixed pools them under "all-eras"', () => {
    const split = valid(computeDifficulty(recs, { ...BASE, eras: 'split' }));
    expect(overall(split, 'm', 'coop-msg').map((o) => [o.era, o.successes, o.total])).toEqual([['agent1-era', 0, 1], ['union-era', 1, 2]]);
    expect(split.curves.filter((c) => c.arm === 'coop-msg' && c.model === 'm').map((c) => c.era)).toEqual(['agent1-era', 'union-era']);
    expect(split.inputs.eras).toEqual([{ era: 'agent1-era', runs: ['new-run'] }, { era: 'solo', runs: ['m-solo-0'] }, { era: 'union-era', runs: ['old-run'] }]);
    const mixed = valid(computeDifficulty(recs, { ...BASE, eras: 'allow-mixed' }));
    expect(overall(mixed, 'm', 'coop-msg')).toMatchObject([{ era: 'all-eras', successes: 1, total: 3 }]);
  });
});

describe('checks of the output', () => {
  it('fail on an interval that does not contain its rate and on an unexplained null retention', () => {
    const d = computeDifficulty([record('solo', 'm', P1, 'pass'), record('coop-msg', 'm', P1, 'pass', agent1())], BASE);
    const bad = structuredClone(d);
    bad.overall[0]!.ci_high = 0.1;
    bad.comparisons[0]!.note = null;
    const problems = checkDifficulty(bad).problems;
    expect(problems.some((p) => p.includes('does not contain'))).toBe(true);
    expect(problems.some((p) => p.includes('neither finite nor explained'))).toBe(true);
    expect(checkDifficulty(d).problems).toEqual([]);
  });
});
