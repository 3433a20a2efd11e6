import { beforeAll, describe, expect, it } from 'vitest';
import { DifficultyFileSchema, OutcomesFileSchema, type AnalysisPolicy, type DifficultyFile, type OutcomesFile } from '@cooperbench-repro/contracts';
import { arms, CLI, collectTree, coopPair, EVAL, pairDir, soloPair, stage, tempDir, TIMEOUT, type Pair, type Tree } from './upstream-log-tree.js';

/**
 * The analysis policies (packages/contracts/src/analysis-policy.ts) on hand-built upstream log trees with
 * known answers: the real collector CLI turns each tree into a store, the real difficulty and outcomes CLIs
 * count it under every policy setting. The built CLIs come from the test target's dependsOn (package.json).
 * Pair names are not in any reference subset, so each run's plan is its own pairs (no planned pair missing).
 * The upstream files are written by upstream-log-tree.ts.
 */

const P1: Pair = ['alpha_task', 1, 1, 2];
const P2: Pair = ['alpha_task', 1, 1, 3];
const P3: Pair = ['beta_task', 2, 1, 2];

/**
 * A run of a hand-built tree: its run-arms mapping, and for the pairs P1, P2, P3 in turn either the solo
 * outcome (pass, fail, or null: no eval.json) or the coop eval.json maker (null: no eval.json).
 */
interface TreeRun {
  arm: string;
  seed: number;
  model: string;
  upstream_version?: string;
  solo?: (boolean | null)[];
  coop?: (((p: Pair) => object) | null)[];
}

/** Writes each run's upstream files into a fresh log tree and collects it with its run-arms mapping. */
function buildTree(prefix: string, runs: Record<string, TreeRun>): Tree {
  const root = tempDir(prefix);
  const pairs = [P1, P2, P3];
  const mapping: Record<string, Omit<TreeRun, 'solo' | 'coop'>> = {};
  for (const [run, { solo = [], coop = [], ...arm }] of Object.entries(runs)) {
    solo.forEach((outcome, i) => soloPair(root, run, pairs[i]!, outcome));
    coop.forEach((ev, i) => coopPair(root, run, pairs[i]!, ev === null ? null : ev(pairs[i]!)));
    mapping[run] = arm;
  }
  return collectTree(root, arms(mapping));
}

/** The tree `build` makes, collected once before the tests of the describe block this is called in; read its fields in the tests. */
function collectedBeforeAll(build: () => Tree): Tree {
  const tree = {} as Tree;
  beforeAll(() => void Object.assign(tree, build()), TIMEOUT);
  return tree;
}

type Policies = AnalysisPolicy;

const DIFFICULTY_BASE = { rescale: false, buckets: 10, solo_success: 'both-passed', difficulty_average: 'per-model', round_decimals: 9, confidence: 0.95 };
const difficulty = (store: string, p: Policies, extra: object = {}) => stage<DifficultyFile>(CLI.difficulty, DifficultyFileSchema, store, { ...DIFFICULTY_BASE, ...p, ...extra });
const outcomes = (store: string, p: Policies) => stage<OutcomesFile>(CLI.outcomes, OutcomesFileSchema, store, { ...p, confidence: 0.95 });

function ok<T>(r: ReturnType<typeof stage<T>>): T {
  expect(r.status, r.stderr).toBe(0);
  return r.file();
}
const overall = (d: DifficultyFile, model: string, arm: string) => d.overall.filter((o) => o.model === model && o.arm === arm);
const rawDifficulty = (d: DifficultyFile, p: Pair) => d.pairs.find((x) => x.repo === p[0] && x.task_id === p[1] && x.features[0] === p[2] && x.features[1] === p[3])?.raw_difficulty;
const ladder = (o: OutcomesFile, model: string) => o.ladder.filter((r) => r.model === model);

// ---- tree 1: two models, unequal seeds, one eval era per model and arm ----
//
// model-a  solo seeds 1-3:  P1 pass pass pass | P2 pass fail fail | P3 pass pass fail
//          coop-msg (0.0.15, union era): P1 clean pass, P2 unmergeable (naive and union failed), P3 union pass
// model-b  solo seed 1:     P1 fail | P2 no eval.json | P3 pass
//          coop-msg (0.0.19, agent1 era): P1 solo-agent1 pass, P2 identical pass, P3 no eval.json

function treeOne() {
  return buildTree('cb-policies-tree1-', {
    'a-solo-s1': { arm: 'solo', seed: 1, model: 'model-a', solo: [true, true, true] },
    'a-solo-s2': { arm: 'solo', seed: 2, model: 'model-a', solo: [true, false, true] },
    'a-solo-s3': { arm: 'solo', seed: 3, model: 'model-a', solo: [true, false, false] },
    'a-coop': { arm: 'coop-msg', seed: 1, upstream_version: '0.0.15', model: 'model-a', coop: [EVAL.cleanPass, EVAL.unmergeable, EVAL.unionPass] },
    'b-solo-s1': { arm: 'solo', seed: 1, model: 'model-b', solo: [false, null, true] },
    'b-coop': { arm: 'coop-msg', seed: 1, upstream_version: '0.0.19', model: 'model-b', coop: [EVAL.soloAgent1Pass, EVAL.identicalPass, null] },
  });
}

describe('tree 1: unequal seeds, an unmergeable union-era pair, a solo-agent1 pass, missing evals', () => {
  const t = collectedBeforeAll(treeOne);
  const EXCLUDE_PASS: Policies = { unknown_outcomes: 'exclude', solo_agent1: 'pass', eras: 'refuse-mixed' };

  it('the collector reads each path as upstream scored it', () => {
    expect(t.records.size).toBe(18);
    expect(t.report.counts).toMatchObject({ pair_dirs_found: 18, records_written: 18, pairs_rejected: 0, errors: 0, reconciled: true });
    expect(t.report.problems.filter((p) => p.code === 'missing-eval').map((p) => p.file).sort()).toEqual([`b-coop/coop/${pairDir(P3)}/eval.json`, `b-solo-s1/solo/${pairDir(P2)}/eval.json`]);
    const rec = (run: string, setting: string, p: Pair) => t.records.get(`${run}/${setting}/${pairDir(p)}`)!;
    expect(rec('a-coop', 'coop', P1)).toMatchObject({ model: 'model-a', eval_format: 'naive-union', outcome: 'pass', merge: { outcome: 'clean' } });
    expect(rec('a-coop', 'coop', P2)).toMatchObject({ eval_format: 'naive-union', outcome: 'fail', merge: { outcome: 'unmergeable', naive_conflict: true } });
    expect(rec('a-coop', 'coop', P3)).toMatchObject({ eval_format: 'naive-union', outcome: 'pass', merge: { outcome: 'union' } });
    expect(rec('b-coop', 'coop', P1)).toMatchObject({ model: 'model-b', eval_format: 'identical-naive', outcome: 'pass', merge: { outcome: 'solo-agent1' } });
    expect(rec('b-coop', 'coop', P2)).toMatchObject({ eval_format: 'identical-naive', outcome: 'pass', merge: { outcome: 'identical' } });
    expect(rec('b-coop', 'coop', P3)).toMatchObject({ outcome: 'unknown', merge: { outcome: 'missing' } });
    expect(rec('b-solo-s1', 'solo', P2)).toMatchObject({ outcome: 'unknown' });
  });

  it('difficulty_average: per-model weighs model-a (3 seeds) and model-b (1 seed) equally; pooled weighs observations', () => {
    const perModel = ok(difficulty(t.store, EXCLUDE_PASS));
    expect(perModel.options).toMatchObject({ difficulty_average: 'per-model', ...EXCLUDE_PASS });
    // P1: a 3/3, b 0/1 -> 1 - (1 + 0)/2 = 0.5 (pooled 1 - 3/4); P3: a 2/3, b 1/1 -> 1 - (2/3 + 1)/2 = 1/6 (pooled 1 - 3/4).
    expect(rawDifficulty(perModel, P1)).toBeCloseTo(0.5, 9);
    expect(rawDifficulty(perModel, P3)).toBeCloseTo(1 / 6, 9);
    // P2: b has no eval, so only a counts: 1 - 1/3.
    expect(rawDifficulty(perModel, P2)).toBeCloseTo(2 / 3, 9);
    const pooled = ok(difficulty(t.store, EXCLUDE_PASS, { difficulty_average: 'pooled' }));
    expect(pooled.options.difficulty_average).toBe('pooled');
    expect(rawDifficulty(pooled, P1)).toBeCloseTo(0.25, 9);
    expect(rawDifficulty(pooled, P3)).toBeCloseTo(0.25, 9);
    expect(rawDifficulty(pooled, P2)).toBeCloseTo(2 / 3, 9);
  }, TIMEOUT);

  it('unknown_outcomes: exclude leaves the missing evals out of n; count-as-failure counts them as failures', () => {
    const ex = ok(difficulty(t.store, EXCLUDE_PASS));
    expect(overall(ex, 'model-a', 'solo')).toMatchObject([{ successes: 6, total: 9, unknown: 0 }]);
    expect(overall(ex, 'model-b', 'solo')).toMatchObject([{ successes: 1, total: 2, unknown: 1, missing: 0 }]);
    expect(overall(ex, 'model-b', 'coop-msg')).toMatchObject([{ era: 'agent1-era', successes: 2, total: 2, unknown: 1, solo_agent1: 1 }]);
    const cf = ok(difficulty(t.store, { ...EXCLUDE_PASS, unknown_outcomes: 'count-as-failure' }));
    expect(cf.options.unknown_outcomes).toBe('count-as-failure');
    expect(cf.inputs.missing_pairs).toBe(0); // every run's plan is its own pairs
    expect(overall(cf, 'model-b', 'solo')).toMatchObject([{ successes: 1, total: 3, unknown: 1, missing: 0 }]);
    expect(overall(cf, 'model-b', 'coop-msg')).toMatchObject([{ era: 'agent1-era', successes: 2, total: 3, unknown: 1 }]);
    // b's missing solo eval on P2 now counts as a failure: 1 - (1/3 + 0)/2.
    expect(rawDifficulty(cf, P2)).toBeCloseTo(5 / 6, 9);

    const oEx = ok(outcomes(t.store, { ...EXCLUDE_PASS, eras: 'split' }));
    expect(ladder(oEx, 'model-b')).toMatchObject([{ era: 'agent1-era', final: { records: 3, successes: 2, total: 2, unknown: 1, excluded: 1 } }]);
    const oCf = ok(outcomes(t.store, { ...EXCLUDE_PASS, eras: 'split', unknown_outcomes: 'count-as-failure' }));
    expect(ladder(oCf, 'model-b')).toMatchObject([{ era: 'agent1-era', final: { records: 3, successes: 2, total: 3, unknown: 1, excluded: 0 } }]);
    // The missing coop eval is in repository beta: left out there, or a failure there.
    const beta = (o: OutcomesFile) => o.repositories.find((r) => r.repo === 'beta_task' && r.model === 'model-b' && r.arm === 'coop-msg');
    expect(beta(oEx)).toMatchObject({ successes: 0, total: 0, excluded: 1 });
    expect(beta(oCf)).toMatchObject({ successes: 0, total: 1, excluded: 0 });
  }, TIMEOUT);

  it('the unmergeable union-era pair is a failure of the team under either unknown_outcomes, on the union rung', () => {
    for (const unknown_outcomes of ['exclude', 'count-as-failure'] as const) {
      const d = ok(difficulty(t.store, { ...EXCLUDE_PASS, unknown_outcomes }));
      expect(overall(d, 'model-a', 'coop-msg')).toMatchObject([{ era: 'union-era', successes: 2, total: 3, unknown: 0 }]);
      const o = ok(outcomes(t.store, { ...EXCLUDE_PASS, unknown_outcomes }));
      expect(ladder(o, 'model-a')).toMatchObject([
        {
          arm: 'coop-msg',
          era: 'union-era',
          runs: ['a-coop'],
          merge_outcomes: { clean: 1, union: 1, unmergeable: 1 },
          unmergeable: 1,
          steps: [
            { step: 'naive', added: 1, successes: 1, total: 3 },
            { step: 'union', added: 1, successes: 2, total: 3 },
          ],
          final: { successes: 2, total: 3, unknown: 0, excluded: 0 },
          paper_column: 'union',
          paper_setting: 'comm',
        },
      ]);
    }
  }, TIMEOUT);

  it('solo_agent1: pass counts agent 1 alone as a team pass, separate as a failure; its count is reported either way', () => {
    for (const unknown_outcomes of ['exclude', 'count-as-failure'] as const) {
      const n = unknown_outcomes === 'exclude' ? 2 : 3;
      const pass = ok(difficulty(t.store, { ...EXCLUDE_PASS, unknown_outcomes, solo_agent1: 'pass' }));
      const sep = ok(difficulty(t.store, { ...EXCLUDE_PASS, unknown_outcomes, solo_agent1: 'separate' }));
      expect(sep.options.solo_agent1).toBe('separate');
      expect(overall(pass, 'model-b', 'coop-msg')).toMatchObject([{ successes: 2, total: n, solo_agent1: 1 }]);
      expect(overall(sep, 'model-b', 'coop-msg')).toMatchObject([{ successes: 1, total: n, solo_agent1: 1 }]);
      for (const solo_agent1 of ['pass', 'separate'] as const) {
        const o = ok(outcomes(t.store, { ...EXCLUDE_PASS, unknown_outcomes, solo_agent1 }));
        expect(o.options).toEqual({ ...EXCLUDE_PASS, unknown_outcomes, solo_agent1, confidence: 0.95 });
        // The rungs are scored as upstream scores (agent 1 alone a pass); only `final` follows the policy.
        expect(ladder(o, 'model-b')).toMatchObject([
          {
            era: 'agent1-era',
            runs: ['b-coop'],
            merge_outcomes: { 'solo-agent1': 1, identical: 1, missing: 1 },
            solo_agent1_passes: 1,
            steps: [
              { step: 'naive', added: 0, successes: 0, total: n },
              { step: 'identical', added: 1, successes: 1, total: n },
              { step: 'solo-agent1', added: 1, successes: 2, total: n },
            ],
            final: { successes: solo_agent1 === 'pass' ? 2 : 1, total: n },
            paper_column: 'naive',
          },
        ]);
      }
    }
  }, TIMEOUT);
});

// ---- tree 2: model-c has coop-msg runs in both eval eras ----
//
// model-c  solo: P1 pass, P2 fail
//          coop-msg c-coop-old (0.0.14, union era): P1 union pass
//          coop-msg c-coop-new (0.0.19, agent1 era): P1 clean pass, P2 naive conflict (nothing tested) fail
// model-d  coop-msg d-coop (0.0.19): P1 clean pass (one era only: never named)

function treeTwo() {
  return buildTree('cb-policies-tree2-', {
    'c-solo': { arm: 'solo', seed: 1, model: 'model-c', solo: [true, false] },
    'c-coop-old': { arm: 'coop-msg', seed: 1, upstream_version: '0.0.14', model: 'model-c', coop: [EVAL.unionPass] },
    'c-coop-new': { arm: 'coop-msg', seed: 1, upstream_version: '0.0.19', model: 'model-c', coop: [EVAL.cleanPass, EVAL.naiveConflict] },
    'd-coop': { arm: 'coop-msg', seed: 1, upstream_version: '0.0.19', model: 'model-d', coop: [EVAL.cleanPass] },
  });
}

describe('tree 2: one model with runs in both eval eras', () => {
  const t = collectedBeforeAll(treeTwo);
  const base = { unknown_outcomes: 'exclude', solo_agent1: 'pass' } as const;

  it('the collector tells the eras apart', () => {
    expect(t.records.get(`c-coop-old/coop/${pairDir(P1)}`)).toMatchObject({ eval_format: 'naive-union', upstream_version: '0.0.14' });
    expect(t.records.get(`c-coop-new/coop/${pairDir(P1)}`)).toMatchObject({ eval_format: 'identical-naive', upstream_version: '0.0.19' });
  });

  it('eras refuse-mixed: both stages exit 1, write nothing and name the runs of each era', () => {
    for (const r of [difficulty(t.store, { ...base, eras: 'refuse-mixed' }), outcomes(t.store, { ...base, eras: 'refuse-mixed' })]) {
      expect(r.status).toBe(1);
      expect(r.written).toBe(false);
      expect(r.stderr).toMatch(/^error: eras: refuse-mixed: /);
      expect(r.stderr).toMatch(/\n {2}model-c \/ coop-msg: (union-era: c-coop-old; agent1-era: c-coop-new|agent1-era: c-coop-new; union-era: c-coop-old)\n/);
      expect(r.stderr).not.toContain('model-d');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, TIMEOUT);

  it('eras split: one row per era', () => {
    const d = ok(difficulty(t.store, { ...base, eras: 'split' }));
    expect(d.options.eras).toBe('split');
    // (sorted by era name: the order of the rows is not what is tested)
    expect(overall(d, 'model-c', 'coop-msg').map((o) => [o.era, o.successes, o.total]).sort()).toEqual([
      ['agent1-era', 1, 2],
      ['union-era', 1, 1],
    ]);
    expect(d.inputs.eras).toEqual(expect.arrayContaining([{ era: 'union-era', runs: ['c-coop-old'] }]));
    const o = ok(outcomes(t.store, { ...base, eras: 'split' }));
    expect(ladder(o, 'model-c')).toMatchObject([
      { era: 'union-era', runs: ['c-coop-old'], steps: [{ step: 'naive', added: 0 }, { step: 'union', added: 1 }], final: { successes: 1, total: 1 }, paper_column: 'union' },
      { era: 'agent1-era', runs: ['c-coop-new'], merge_outcomes: { clean: 1, conflict: 1 }, final: { successes: 1, total: 2 }, paper_column: 'naive' },
    ]);
  }, TIMEOUT);

  it('eras allow-mixed: one pooled row, named as such', () => {
    const d = ok(difficulty(t.store, { ...base, eras: 'allow-mixed' }));
    expect(overall(d, 'model-c', 'coop-msg')).toMatchObject([{ era: 'all-eras', successes: 2, total: 3 }]);
    const o = ok(outcomes(t.store, { ...base, eras: 'allow-mixed' }));
    expect(ladder(o, 'model-c')).toMatchObject([
      {
        era: 'mixed',
        runs: ['c-coop-new', 'c-coop-old'],
        steps: [
          { step: 'naive', added: 1 },
          { step: 'union', added: 1 },
          { step: 'identical', added: 0 },
          { step: 'solo-agent1', added: 0, successes: 2, total: 3 },
        ],
        final: { successes: 2, total: 3 },
        paper_column: null,
      },
    ]);
  }, TIMEOUT);
});
