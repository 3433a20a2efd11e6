import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CollectReportSchema, DifficultyFileSchema, OutcomesFileSchema, type AnalysisPolicy, type CollectReport, type DifficultyFile, type OutcomesFile, type RunRecord } from '@cooperbench-repro/contracts';
import { WORKSPACE } from './temp-workspace.js';

/**
 * The analysis policies (packages/contracts/src/analysis-policy.ts) on hand-built upstream log trees with
 * known answers: the real collector CLI turns each tree into a store, the real difficulty and outcomes CLIs
 * count it under every policy setting. The built CLIs come from the test target's dependsOn (package.json).
 * Pair names are not in any reference subset, so each run's plan is its own pairs (no planned pair missing).
 * The upstream files are written here from upstream-cooperbench.md (the collector's own fixture helpers are
 * not part of its public index, nor of the inputs Nx hashes for this target).
 */

const CLI = {
  collect: join(WORKSPACE, 'packages/collector/dist/cli.js'),
  difficulty: join(WORKSPACE, 'packages/difficulty/dist/cli.js'),
  outcomes: join(WORKSPACE, 'packages/outcomes/dist/cli.js'),
};
const TIMEOUT = 600_000; // several node processes per test: generous, so a loaded machine does not fail it

type Pair = [repo: string, task: number, a: number, b: number];
const P1: Pair = ['alpha_task', 1, 1, 2];
const P2: Pair = ['alpha_task', 1, 1, 3];
const P3: Pair = ['beta_task', 2, 1, 2];
const key = ([repo, task, a, b]: Pair) => `${repo}/${task}/f${a}_f${b}`;

// ---- upstream files, in the shapes of upstream-cooperbench.md sections 2.5 and 2.6 ----

const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

function writeFile(root: string, rel: string, content: unknown): string {
  const abs = join(root, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return abs;
}

const PATCH = 'diff --git a/src/app.py b/src/app.py\n--- a/src/app.py\n+++ b/src/app.py\n@@ -1,1 +1,2 @@\n a = 1\n+b = 2\n';
const agent = (extra: object = {}) => ({ status: 'Submitted', cost: 0.25, steps: 10, patch_lines: 2, error: null, ...extra });
const resultHead = ([repo, task, a, b]: Pair, run: string, setting: string) => ({ repo, task_id: task, features: [a, b], setting, run_name: run, agent_framework: 'mini_swe_agent_v2', model: 'upstream/model', total_cost: 0.5, total_steps: 20 });

const tested = (fid: number, passed: boolean) => ({ feature_id: fid, passed, exit_code: passed ? 0 : 1, tests_passed: passed ? 3 : 0, tests_failed: passed ? 0 : 2, test_output: passed ? '3 passed' : '2 failed' });
const untested = { feature_id: null, passed: false, exit_code: null, tests_passed: 0, tests_failed: 0, test_output: '' };

function coopEval([repo, task, a, b]: Pair, merge: object, f: [object, object], passed: boolean, over: object = {}) {
  return { repo, task_id: task, features: [a, b], setting: 'coop', merge, feature1: f[0], feature2: f[1], both_passed: passed, error: null, evaluated_at: '2026-03-01T11:00:00', apply_status: { agent1: 'applied', agent2: 'applied' }, ...over };
}

/** Coop eval.json of each merge path of both eras (<= 0.0.15 naive -> union; >= 0.0.16 identical -> naive -> agent 1 alone). */
const EVAL = {
  cleanPass: (p: Pair) => coopEval(p, { status: 'clean', strategy: 'naive', diff: 'x' }, [tested(p[2], true), tested(p[3], true)], true),
  unionPass: (p: Pair) => coopEval(p, { status: 'conflicts', strategy: 'union', diff: 'x' }, [tested(p[2], true), tested(p[3], true)], true),
  unmergeable: (p: Pair) =>
    coopEval(p, { status: 'error', strategy: null, diff: '' }, [untested, untested], false, {
      apply_status: { agent1: 'unknown', agent2: 'unknown' },
      error: 'Both naive and union merge strategies failed. Naive: conflicts. Union: Union merge still has conflicts',
    }),
  identicalPass: (p: Pair) => {
    const f = { passed: true, output: '3 passed', exit_code: 0, tests_passed: 3, tests_failed: 0 };
    return coopEval(p, { status: 'identical', strategy: 'skip-merge-identical', diff: 'x' }, [f, f], true);
  },
  soloAgent1Pass: (p: Pair) => coopEval(p, { status: 'conflicts', strategy: 'solo-agent1', diff: 'x' }, [tested(p[2], true), tested(p[3], true)], true),
  naiveConflict: (p: Pair) => coopEval(p, { status: 'conflicts', strategy: 'naive', diff: 'x' }, [{ ...tested(p[2], false), exit_code: null }, { ...tested(p[3], false), exit_code: null }], false),
};

/** Solo: `pass`/`fail` both features, or `null` for a pair whose eval never ran (no eval.json). */
function soloPair(root: string, run: string, pair: Pair, outcome: boolean | null) {
  const [repo, task, a, b] = pair;
  const dir = `${run}/solo/${key(pair)}`;
  writeFile(root, `${dir}/result.json`, { ...resultHead(pair, run, 'solo'), agent: agent() });
  writeFile(root, `${dir}/solo.patch`, PATCH);
  if (outcome === null) return;
  const f = { passed: outcome, test_output: outcome ? '3 passed' : '2 failed' };
  writeFile(root, `${dir}/eval.json`, { repo, task_id: task, features: [a, b], setting: 'solo', merge: null, feature1: f, feature2: f, both_passed: outcome, error: null, evaluated_at: '2026-03-01T11:00:00' });
}

/** Coop pair with the given eval.json, or none (the eval never ran). */
function coopPair(root: string, run: string, pair: Pair, ev: object | null) {
  const [, , a, b] = pair;
  const dir = `${run}/coop/${key(pair)}`;
  writeFile(root, `${dir}/result.json`, { ...resultHead(pair, run, 'coop'), agents: { agent1: agent({ feature_id: a }), agent2: agent({ feature_id: b }) }, messages_sent: 0 });
  writeFile(root, `${dir}/conversation.json`, []);
  writeFile(root, `${dir}/agent${a}.patch`, PATCH);
  writeFile(root, `${dir}/agent${b}.patch`, PATCH);
  if (ev !== null) writeFile(root, `${dir}/eval.json`, ev);
}

// ---- the CLIs ----

function run(cli: string, args: string[], cwd: string) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
}

interface Tree {
  store: string;
  records: Map<string, RunRecord>;
  report: CollectReport;
}

/** Collects a tree with the real collector CLI; returns the store, its records by record id and the report. */
function collectTree(root: string, mapping: object): Tree {
  const dir = tempDir('cb-policies-');
  const mappingFile = writeFile(dir, 'run-arms.json', mapping);
  const store = join(dir, 'results.jsonl');
  const r = run(CLI.collect, ['collect', '--log-root', root, '--mapping', mappingFile, '--imported', join(dir, 'no-imported'), '--out', store, '--report', join(dir, 'collect-report.json'), '--index', join(dir, 'collect-index.json'), '--quiet'], dir);
  expect(r.status, r.stderr).toBe(0);
  const records = new Map<string, RunRecord>();
  for (const line of readFileSync(store, 'utf8').split('\n').filter(Boolean)) {
    const rec = JSON.parse(line) as RunRecord;
    records.set(rec.record_id, rec);
  }
  return { store, records, report: CollectReportSchema.parse(JSON.parse(readFileSync(join(dir, 'collect-report.json'), 'utf8'))) };
}

/** The run -> arm/seed/model/upstream version mapping (contracts' ArmMappingSchema). */
function arms(runs: Record<string, { arm: string; seed: number; model: string; upstream_version?: string }>) {
  return { schema: 'cooperbench-repro/run-arms@1', runs: Object.entries(runs).map(([match, v]) => ({ match, upstream_version: null, ...v })) };
}

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

function stage<T>(cli: string, schema: { parse(x: unknown): T }, store: string, config: object) {
  const dir = tempDir('cb-policies-stage-');
  const configFile = writeFile(dir, 'config.json', config);
  const out = join(dir, 'out.json');
  const r = run(cli, ['--store', store, '--config', configFile, '--out', out], dir);
  return { status: r.status, stderr: r.stderr, written: existsSync(out), file: () => schema.parse(JSON.parse(readFileSync(out, 'utf8'))) };
}

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
    expect(t.report.problems.filter((p) => p.code === 'missing-eval').map((p) => p.file).sort()).toEqual([`b-coop/coop/${key(P3)}/eval.json`, `b-solo-s1/solo/${key(P2)}/eval.json`]);
    const rec = (run: string, setting: string, p: Pair) => t.records.get(`${run}/${setting}/${key(p)}`)!;
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
    expect(t.records.get(`c-coop-old/coop/${key(P1)}`)).toMatchObject({ eval_format: 'naive-union', upstream_version: '0.0.14' });
    expect(t.records.get(`c-coop-new/coop/${key(P1)}`)).toMatchObject({ eval_format: 'identical-naive', upstream_version: '0.0.19' });
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
