import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FailureModesFileSchema, type FailureModesFile, type JudgeOutcome, type RunFailureModes } from '@cooperbench-repro/contracts';
import { describe, expect, it } from 'vitest';
import { aggregateFailureModes } from '../aggregate/aggregate.js';
import { compareWithHuman, judgeLabel, testRetest } from './compare.js';
import { HumanLabelsSchema, type HumanLabels } from './human-labels.js';
import { runValidate } from './run-validate.js';

const outcome = (status: JudgeOutcome['status']): JudgeOutcome => ({ status, reason: null, cache_key: status === 'not-judged' ? null : 'k', truncated: false });

function run(id: string, comm: [JudgeOutcome['status'], RunFailureModes['comm_error']['code']], primary: RunFailureModes['symptoms']['labels'][number]['symptom'] | null = null): RunFailureModes {
  return {
    record_id: id,
    model: 'm',
    arm: 'coop-comm',
    outcome: 'fail',
    naive_conflict: null,
    turns: 3,
    heuristics: {},
    comm_error: { judge: outcome(comm[0]), code: comm[1], description: null, evidence: [] },
    symptoms:
      primary === null
        ? { judge: outcome('no-issue'), labels: [], implementation_failure_only: true }
        : {
            judge: outcome('labelled'),
            labels: [
              { symptom: 'repetition', primary: false, artifact: 'conversation', quotes: ['a'] },
              { symptom: primary, primary: true, artifact: 'conversation', quotes: ['b'] },
            ],
            implementation_failure_only: false,
          },
  };
}

function resultsFile(runs: RunFailureModes[]): FailureModesFile {
  return FailureModesFileSchema.parse({
    schema: 'cooperbench-repro/failure-modes@1',
    parameters: {},
    inputs: { records: runs.length, synthetic_records: 0, coop_records: runs.length, conversations: runs.length, failed_coop_runs: runs.length },
    judge: { status: 'complete', note: '', mode: 'replay-only', model: 'command-a-03-2025', rubric_versions: {}, calls: 0, cache_hits: 0, input_tokens: 0, output_tokens: 0, rejected: {}, not_judged: {} },
    ...aggregateFailureModes(runs, []),
    gold_validation: null,
    human_coded: null,
    runs,
  });
}

// Judge: r1 C4a, r2 C4a, r3 none (no-issue), r4 none (rejected), r5 not judged, r6 C1a.
const RUNS = [
  run('r1', ['labelled', 'C4a'], 'work_overlap'),
  run('r2', ['labelled', 'C4a']),
  run('r3', ['no-issue', null], 'divergent_architecture'),
  run('r4', ['rejected', null]),
  run('r5', ['not-judged', null]),
  run('r6', ['labelled', 'C1a'], 'work_overlap'),
];
// Human: r1 C4a, r2 C4b, r3 none, r4 C1a, r5 none (not judged), r6 C1a, r9 none (not in results).
const HUMAN: HumanLabels = {
  schema: 'cooperbench-repro/human-labels@1',
  rubric: 'comm-errors',
  annotator: 'A. Reader',
  items: [
    { record_id: 'r1', label: 'C4a' },
    { record_id: 'r2', label: 'C4b', notes: 'near-duplicate status blocks' },
    { record_id: 'r3', label: 'none' },
    { record_id: 'r4', label: 'C1a' },
    { record_id: 'r5', label: 'none' },
    { record_id: 'r6', label: 'C1a' },
    { record_id: 'r9', label: 'none' },
  ],
};

describe('judgeLabel', () => {
  it('maps statuses to the rubric scale: rejected is none, not judged is null, symptoms give the primary', () => {
    expect(RUNS.map((r) => judgeLabel(r, 'comm-errors'))).toEqual(['C4a', 'C4a', 'none', 'none', null, 'C1a']);
    expect(RUNS.map((r) => judgeLabel(r, 'symptoms'))).toEqual(['work_overlap', 'none', 'divergent_architecture', 'none', 'none', 'work_overlap']);
  });
});

describe('compareWithHuman', () => {
  const report = compareWithHuman(HUMAN, resultsFile(RUNS));

  it('compares judged runs only and lists the others', () => {
    expect(report.items).toBe(7);
    expect(report.compared).toBe(5);
    expect(report.not_in_results).toEqual(['r9']);
    expect(report.not_judged).toEqual(['r5']);
  });

  it('per-label one-vs-rest counts and statistics (hand-computed)', () => {
    const row = (l: string) => report.per_label.find((r) => r.label === l)!;
    // Pairs (human, judge): C4a/C4a, C4b/C4a, none/none, C1a/none, C1a/C1a.
    expect(row('C4a')).toMatchObject({ tp: 1, fp: 1, fn: 0, tn: 3, precision: 0.5, recall: 1 });
    expect(row('C1a')).toMatchObject({ tp: 1, fp: 0, fn: 1, tn: 3, precision: 1, recall: 0.5 });
    expect(row('none')).toMatchObject({ tp: 1, fp: 1, fn: 0, tn: 3 });
    expect(row('C2')).toMatchObject({ tp: 0, fp: 0, fn: 0, tn: 5, precision: null, recall: null, kappa: null });
    // C4a: p_o 0.8, p_ref 0.2, p_cand 0.4, p_e 0.08 + 0.48 = 0.56, kappa 0.24 / 0.44 = 0.545455.
    expect(row('C4a').kappa).toBeCloseTo(0.545455, 6);
    expect(report.per_label).toHaveLength(9);
  });

  it('overall exact agreement 3/5 with kappa over the nine-label scale', () => {
    // ref: C4a .2, C4b .2, none .2, C1a .4; judge: C4a .4, none .4, C1a .2.
    // p_e = .2*.4 + .2*0 + .2*.4 + .4*.2 = .24; kappa = (.6 - .24) / .76 = 0.473684.
    expect(report.overall.agreement).toMatchObject({ successes: 3, total: 5, rate: 0.6 });
    expect(report.overall.kappa).toBeCloseTo(0.473684, 6);
  });
});

describe('testRetest', () => {
  it('agreement between two judge runs on the same record_ids', () => {
    const second = RUNS.map((r) => (r.record_id === 'r2' ? run('r2', ['no-issue', null]) : r.record_id === 'r5' ? run('r5', ['labelled', 'C2']) : r));
    const rt = testRetest(resultsFile(RUNS), resultsFile([...second, run('r7', ['no-issue', null])]), 'comm-errors');
    // First judged r1-r4, r6; second judged r1-r7: 5 in both, r2 changed C4a -> none.
    expect(rt).toMatchObject({ compared: 5, only_in_first: 0, only_in_second: 2, changed: [{ record_id: 'r2', first: 'C4a', second: 'none' }] });
    expect(rt.agreement).toMatchObject({ successes: 4, total: 5 });
    // first C4a .4 none .4 C1a .2; second C4a .2 none .6 C1a .2: p_e = .08 + .24 + .04 = .36; kappa = .44 / .64.
    expect(rt.kappa).toBeCloseTo(0.6875, 10);
  });
});

describe('human labels file', () => {
  it('refuses labels outside the rubric scale and repeated record_ids, naming the field', () => {
    const bad = HumanLabelsSchema.safeParse({ ...HUMAN, rubric: 'symptoms' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['items', 0, 'label']);
    const dup = HumanLabelsSchema.safeParse({ ...HUMAN, items: [HUMAN.items[0], HUMAN.items[0]] });
    expect(dup.error!.issues[0]!.path).toEqual(['items', 1, 'record_id']);
  });
});

describe('validate command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fm-validate-'));
  const write = (name: string, value: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };
  const results = write('results.json', resultsFile(RUNS));
  const labels = write('labels.json', HUMAN);

  it('prints the per-label table, test-retest, and writes the --out report', async () => {
    const out = join(dir, 'report.json');
    const r = await runValidate(['--labels', labels, '--results', results, '--retest', results, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('comm-errors: judge vs A. Reader');
    expect(r.stdout).toMatch(/overall: agreement 60\.0% \[\d+\.\d%, \d+\.\d%\] \(3\/5\), kappa 0\.474/);
    expect(r.stdout).toMatch(/^C4a +1 +2 +1 +1 +0 +3 +80\.0%/m);
    expect(r.stdout).toContain('test-retest comm-errors: 5 runs judged in both');
    expect(r.stdout).toContain('test-retest symptoms: 6 runs judged in both');
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.human.compared).toBe(5);
    expect(written.retest.rubrics).toHaveLength(2);
  });

  it('exits 2 naming file, field and expectation on bad input', async () => {
    const badLabel = write('bad-label.json', { ...HUMAN, items: [HUMAN.items[0], { record_id: 'r2', label: 'C5' }] });
    let r = await runValidate(['--labels', badLabel, '--results', results]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(badLabel);
    expect(r.stderr).toContain('field items[1].label: expected one of "none", "C1a"');

    r = await runValidate(['--labels', write('bad-schema.json', { ...HUMAN, schema: 'x' }), '--results', results]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/field schema: expected one of "cooperbench-repro\/human-labels@1"/);

    r = await runValidate(['--labels', labels, '--results', write('broken.json', '{')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.json: expected valid JSON/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    r = await runValidate(['--labels', labels, '--results', write('broken.json', '{'), '--debug']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.json: expected valid JSON/);
    expect(r.stderr).toMatch(/\n\s+at /);

    r = await runValidate(['--labels', write('unmatched.json', { ...HUMAN, items: [{ record_id: 'zz', label: 'none' }] }), '--results', results]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/field items: expected record_ids of runs judged on comm-errors/);

    expect((await runValidate(['--labels', labels, '--confidence', '2'])).code).toBe(2);
    expect((await runValidate(['--labels', labels, '--bogus'])).code).toBe(2);
  });
});

describe('validate against the gold set (the default)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fm-validate-gold-'));
  const write = (name: string, value: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  // Gold: r1 C4a / work_overlap, r2 plan drift only / implementation failure, r3 none (a pass), r6 C1b / work_overlap.
  const hcRun = (record_id: string, comm_error: string, plan_drift: boolean, primary: string | null) => ({ record_id, comm_error, plan_drift, primary, secondary: [] });
  const humanCoded = {
    label: 'human-coded (gold set)',
    gold: 'test gold',
    matched_runs: 4,
    runs: [hcRun('r1', 'C4a', false, 'work_overlap'), hcRun('r2', 'plan_drift', true, 'implementation_failure'), hcRun('r3', 'none', false, null), hcRun('r6', 'C1b', false, 'work_overlap')],
    fig6: [],
    table1: { failed_runs_coded: 0, failed_runs_without_messages: 0, implementation_failure_only: 0, rows: [], models: [] },
    table2: { derived: true, rows: [] },
  };

  it('without --labels compares the judge with the gold codes on both rubrics', async () => {
    const results = write('with-gold.json', { ...resultsFile(RUNS), human_coded: humanCoded });
    const out = join(dir, 'report.json');
    const r = await runValidate(['--results', results, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('comm-errors: judge vs the human-coded gold set (packages/failure-modes/gold)');
    // comm-errors pairs (gold, judge): r1 C4a/C4a, r2 plan_drift/C4a, r3 none/none, r6 C1b/C1a -> 2 of 4.
    expect(r.stdout).toMatch(/overall: agreement 50\.0% \[\d+\.\d%, \d+\.\d%\] \(2\/4\)/);
    // symptoms pairs on failed runs coded: r1 work_overlap/work_overlap, r2 none/none, r6 work_overlap/work_overlap -> 3 of 3.
    expect(r.stdout).toContain('symptoms: judge vs the human-coded gold set');
    expect(r.stdout).toMatch(/overall: agreement 100\.0% .*\(3\/3\)/);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.gold.map((g: { rubric: string; compared: number }) => [g.rubric, g.compared])).toEqual([
      ['comm-errors', 4],
      ['symptoms', 3],
    ]);
  });

  it('says plainly when the judge did not run, and exits 1 when the gold set codes none of the runs', async () => {
    const base = resultsFile(RUNS);
    const notRun = write('not-run.json', { ...base, judge: { ...base.judge, status: 'not-run' }, human_coded: humanCoded });
    let r = await runValidate(['--results', notRun]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("LLM judge not run in");
    expect(r.stdout).toContain("nothing to check against the gold set's 4 coded runs");
    r = await runValidate(['--results', write('no-gold.json', base)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('field human_coded: expected runs coded by the human-coded gold set');
  });
});

describe('the validate target', () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'));
  const target = pkg.nx.targets.validate;

  it('re-reads the gold set and a current classification: gold files among its inputs, classify first, real configuration', () => {
    expect(target.dependsOn).toEqual(['build', 'classify']);
    expect(target.inputs).toContain('{projectRoot}/gold/**/*');
    expect(target.inputs).toContainEqual({ dependentTasksOutputFiles: '**/failure-modes.json' });
    expect(target.options.results).toBe(pkg.nx.targets.classify.options.out);
    expect(target.configurations.real.results).toBe(pkg.nx.targets.classify.configurations.real.out);
  });
});
