import { EraMixError, type OutcomesOptions, type ReferenceSubset, type RunRecord } from '@cooperbench-repro/contracts';
import { describe, expect, it } from 'vitest';
import { checkOutcomes } from './checks.js';
import { computeOutcomes as computeWith } from './compute.js';
import { LadderError } from './ladder.js';
import { coop, P1, P2, P3, P4, P5, solo } from './test-support/records.js';

const OPTS: OutcomesOptions = { unknown_outcomes: 'count-as-failure', solo_agent1: 'pass', eras: 'split', confidence: 0.95 };
const opts = (o: Partial<OutcomesOptions>) => ({ ...OPTS, ...o });

/** Union era (<= 0.0.15): a naive pass, a union pass, an unmergeable pair, a union-merged failure, an eval error. */
const unionEra = [
  coop('u', P1, 'clean', 'pass', 'naive-union'),
  coop('u', P2, 'union', 'pass', 'naive-union'),
  coop('u', P3, 'unmergeable', 'fail', 'naive-union'),
  coop('u', P4, 'union', 'fail', 'naive-union'),
  coop('u', P5, 'error', 'unknown', 'naive-union'),
];
/** Agent-1 era (>= 0.0.16): a naive pass, an identical pass, a solo-agent1 pass, a conflict, a missing eval. */
const agent1Era = [
  coop('a', P1, 'clean', 'pass', 'identical-naive', { model: 'model-y' }),
  coop('a', P2, 'identical', 'pass', 'identical-naive', { model: 'model-y' }),
  coop('a', P3, 'solo-agent1', 'pass', 'identical-naive', { model: 'model-y' }),
  coop('a', P4, 'conflict', 'fail', 'identical-naive', { model: 'model-y' }),
  coop('a', P5, 'missing', 'unknown', 'unknown', { model: 'model-y', upstream_version: '0.0.19' }),
];
const solos = [solo('s', P1, 'pass'), solo('s', P3, 'fail'), solo('s', P5, 'unknown')];

/** No reference subsets: every run's planned pairs are its own pairs. */
const computeOutcomes = (records: RunRecord[], o: OutcomesOptions, subsets: ReferenceSubset[] = []) => computeWith(records, o, subsets);

const ladderOf = (file: ReturnType<typeof computeOutcomes>, model: string) => file.ladder.find((l) => l.model === model)!;
const steps = (l: ReturnType<typeof ladderOf>) => l.steps.map((s) => [s.step, s.added, s.successes, s.total]);

describe('merge ladder, union era', () => {
  it('counts an unmergeable pair as a failure of the team and an eval error under the unknown_outcomes policy', () => {
    const asFailure = ladderOf(computeOutcomes(unionEra, OPTS), 'model-x');
    expect(asFailure.era).toBe('union-era');
    expect(steps(asFailure)).toEqual([
      ['naive', 1, 1, 5],
      ['union', 1, 2, 5],
    ]);
    expect(asFailure).toMatchObject({ unmergeable: 1, paper_column: 'union', paper_setting: 'comm', final: { successes: 2, total: 5, unknown: 1, excluded: 0, records: 5 } });

    const excluded = ladderOf(computeOutcomes(unionEra, opts({ unknown_outcomes: 'exclude' })), 'model-x');
    expect(steps(excluded)).toEqual([
      ['naive', 1, 1, 4],
      ['union', 1, 2, 4],
    ]);
    expect(excluded.final).toMatchObject({ successes: 2, total: 4, unknown: 1, excluded: 1, records: 5, rate: 0.5 });
  });
});

describe('merge ladder, agent-1 era', () => {
  it('shows the solo-agent1 pass as its own step and count; the policy decides the final', () => {
    const pass = ladderOf(computeOutcomes(agent1Era, OPTS), 'model-y');
    expect(steps(pass)).toEqual([
      ['naive', 1, 1, 5],
      ['identical', 1, 2, 5],
      ['solo-agent1', 1, 3, 5],
    ]);
    expect(pass).toMatchObject({ era: 'agent1-era', paper_column: 'naive', solo_agent1_passes: 1, final: { successes: 3, total: 5 } });

    const separate = ladderOf(computeOutcomes(agent1Era, opts({ solo_agent1: 'separate' })), 'model-y');
    expect(steps(separate)).toEqual(steps(pass));
    expect(separate).toMatchObject({ solo_agent1_passes: 1, final: { successes: 2, total: 5 } });
  });

  it('takes the era of a missing eval from its version, and leaves it out under exclude', () => {
    const file = computeOutcomes(agent1Era, opts({ unknown_outcomes: 'exclude', solo_agent1: 'separate' }));
    expect(file.ladder).toHaveLength(1);
    expect(ladderOf(file, 'model-y').final).toMatchObject({ successes: 2, total: 4, unknown: 1, excluded: 1 });
    expect(ladderOf(file, 'model-y').merge_outcomes).toEqual({ clean: 1, identical: 1, 'solo-agent1': 1, conflict: 1, missing: 1 });
  });

  it('refuses a pass no step of its era produces, naming the record', () => {
    const bad = [coop('a', P1, 'union', 'pass', 'identical-naive')];
    expect(() => computeOutcomes(bad, OPTS)).toThrow(LadderError);
    expect(() => computeOutcomes(bad, OPTS)).toThrow(/record a\/coop\/repo_a_task\/1\/f1_f2: field merge.outcome: expected one of "clean", "identical", "solo-agent1"/);
  });
});

describe('a model with runs in both eras', () => {
  const both = [...unionEra, ...agent1Era.map((r) => ({ ...r, model: 'model-x' }))];
  it('is split into one ladder row per era, never pooled', () => {
    const file = computeOutcomes(both, OPTS);
    expect(file.ladder.map((l) => [l.model, l.era, l.final.successes, l.final.total])).toEqual([
      ['model-x', 'union-era', 2, 5],
      ['model-x', 'agent1-era', 3, 5],
    ]);
    expect(checkOutcomes(file).violations).toEqual([]);
  });
  it('is refused under refuse-mixed', () => {
    expect(() => computeOutcomes(both, opts({ eras: 'refuse-mixed' }))).toThrow(EraMixError);
    expect(() => computeOutcomes(both, opts({ eras: 'refuse-mixed' }))).toThrow(/model-x \/ coop-msg: union-era: u; agent1-era: a/);
  });
  it('is one row named mixed, with every step, only under allow-mixed', () => {
    const file = computeOutcomes(both, opts({ eras: 'allow-mixed' }));
    expect(file.ladder.map((l) => [l.era, l.final.successes, l.final.total])).toEqual([['mixed', 5, 10]]);
    expect(steps(file.ladder[0]!).map((s) => s[0])).toEqual(['naive', 'union', 'identical', 'solo-agent1']);
  });
});

describe('per repository', () => {
  const records = [...unionEra, ...agent1Era, ...solos];
  for (const unknown_outcomes of ['exclude', 'count-as-failure'] as const) {
    it(`reconciles with the totals and the ladder (unknown_outcomes = ${unknown_outcomes})`, () => {
      const file = computeOutcomes(records, opts({ unknown_outcomes }));
      expect(checkOutcomes(file).violations).toEqual([]);
      const rows = file.repositories.filter((r) => r.model === 'model-x' && r.arm === 'solo');
      const n = unknown_outcomes === 'exclude' ? 0 : 1;
      expect(rows.map((r) => [r.repo, r.successes, r.total, r.unknown])).toEqual([
        ['repo_a_task', 1, 1, 0],
        ['repo_b_task', 0, 1, 0],
        ['repo_c_task', 0, n, 1],
      ]);
      const coopRows = file.repositories.filter((r) => r.model === 'model-x' && r.arm === 'coop-msg');
      expect(coopRows.map((r) => [r.repo, r.era, r.successes, r.total])).toEqual([
        ['repo_a_task', 'union-era', 2, 2],
        ['repo_b_task', 'union-era', 0, 2],
        ['repo_c_task', 'union-era', 0, n],
      ]);
      expect(file.totals.find((t) => t.model === 'model-x' && t.arm === 'coop-msg')).toMatchObject({ successes: 2, total: 4 + n, repos: 3, records: 5 });
      expect(file.totals.reduce((a, t) => a + t.records, 0)).toBe(records.length);
    });
  }
});

describe('checkOutcomes', () => {
  const file = () => computeOutcomes([...unionEra, ...agent1Era, ...solos], OPTS);
  it('names a per-repository row that does not add up to its total', () => {
    const f = file();
    const row = f.repositories.find((r) => r.arm === 'coop-msg' && r.repo === 'repo_b_task' && r.model === 'model-x')!;
    row.successes += 1;
    row.rate = row.successes / row.total;
    expect(checkOutcomes(f).violations.join('\n')).toMatch(/totals model-x \/ coop-msg \/ union-era: per-repository rows sum to 3\/5/);
  });
  it('names an interval that misses its estimate, a rate outside [0, 1] and a ladder that does not add up', () => {
    const f = file();
    f.totals[0]!.ci_high = f.totals[0]!.rate! - 0.1;
    f.ladder[0]!.steps[1]!.added = 0;
    f.repositories[1]!.rate = 1.5;
    const v = checkOutcomes(f).violations.join('\n');
    expect(v).toMatch(/does not contain/);
    expect(v).toMatch(/step union: cumulative 2 != 1 \+ added 0/);
    expect(v).toMatch(/rate 1.5 outside \[0, 1\]/);
  });
  it('passes a consistent file', () => {
    expect(checkOutcomes(file())).toMatchObject({ violations: [] });
  });
});

describe('planned pairs never run', () => {
  // The run planned five pairs (a reference subset) and produced three records.
  const subset: ReferenceSubset = { name: 'tiny', pairs: new Set(['repo_a_task/1/1_2', 'repo_a_task/1/1_3', 'repo_b_task/7/2_4', 'repo_b_task/7/3_4', 'repo_c_task/9/1_5']) };
  const records = [coop('p', P1, 'clean', 'pass', 'identical-naive'), coop('p', P2, 'conflict', 'fail', 'identical-naive'), coop('p', P3, 'conflict', 'fail', 'identical-naive')];

  it('count as failures of their repository under count-as-failure, and are left out under exclude', () => {
    const failing = computeOutcomes(records, OPTS, [subset]);
    expect(failing.inputs).toMatchObject({ missing_pairs: 2, plans: [{ run: 'p', subset: 'tiny', planned: 5, observed: 3, missing: 2 }] });
    expect(ladderOf(failing, 'model-x').final).toMatchObject({ successes: 1, total: 5, records: 3, missing: 2 });
    expect(failing.repositories.map((r) => [r.repo, r.successes, r.total, r.missing])).toEqual([
      ['repo_a_task', 1, 2, 0],
      ['repo_b_task', 0, 2, 1],
      ['repo_c_task', 0, 1, 1],
    ]);
    expect(checkOutcomes(failing).violations).toEqual([]);

    const excluded = computeOutcomes(records, opts({ unknown_outcomes: 'exclude' }), [subset]);
    expect(ladderOf(excluded, 'model-x').final).toMatchObject({ successes: 1, total: 3, missing: 0 });
    expect(excluded.inputs.missing_pairs).toBe(0);
    expect(checkOutcomes(excluded).violations).toEqual([]);
  });
});
