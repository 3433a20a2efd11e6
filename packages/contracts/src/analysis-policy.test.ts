import { describe, expect, it } from 'vitest';
import { AnalysisPolicySchema, PAPER_ANALYSIS_POLICY, countUnderPolicy, evalEra } from './analysis-policy.js';

const rec = (outcome: 'pass' | 'fail' | 'unknown', merge: 'clean' | 'solo-agent1' | 'missing') => ({
  outcome,
  merge: { outcome: merge },
});

describe('countUnderPolicy', () => {
  it('leaves unknown outcomes out under exclude and counts them as failures otherwise', () => {
    expect(countUnderPolicy(rec('unknown', 'missing'), { unknown_outcomes: 'exclude', solo_agent1: 'pass' })).toBe('excluded');
    expect(countUnderPolicy(rec('unknown', 'missing'), { unknown_outcomes: 'count-as-failure', solo_agent1: 'pass' })).toBe('fail');
  });
  it('counts a solo-agent1 pass as a pass, or as a failure of the team under separate', () => {
    expect(countUnderPolicy(rec('pass', 'solo-agent1'), { unknown_outcomes: 'exclude', solo_agent1: 'pass' })).toBe('pass');
    expect(countUnderPolicy(rec('pass', 'solo-agent1'), { unknown_outcomes: 'exclude', solo_agent1: 'separate' })).toBe('fail');
    expect(countUnderPolicy(rec('pass', 'clean'), { unknown_outcomes: 'exclude', solo_agent1: 'separate' })).toBe('pass');
  });
});

describe('AnalysisPolicySchema', () => {
  it('accepts the paper policy and rejects a misspelled key', () => {
    expect(AnalysisPolicySchema.parse(PAPER_ANALYSIS_POLICY)).toEqual(PAPER_ANALYSIS_POLICY);
    expect(() => AnalysisPolicySchema.parse({ ...PAPER_ANALYSIS_POLICY, unknown_outcome: 'exclude' })).toThrow();
  });
});

describe('evalEra', () => {
  it('puts GCP batch results in the union era with naive-union', () => {
    expect(evalEra('gcp-batch')).toBe('union-era');
    expect(evalEra('naive-union')).toBe('union-era');
    expect(evalEra('identical-naive')).toBe('agent1-era');
  });
});
