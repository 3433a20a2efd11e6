import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectRecords } from '@cooperbench-repro/collector';
import { FailureModesFileSchema, StageCheckError, type FailureModesFile, type RunFailureModes } from '@cooperbench-repro/contracts';
import { aggregateFailureModes } from './aggregate/index.js';
import { checkFailureModes } from './checks.js';
import { classifyRuns, NOT_A_CONVERSATION } from './classify-runs.js';
import { FailureModesConfigSchema } from './config.js';
import { goldSet } from './gold/gold-set.js';
import { HEURISTICS } from './heuristics/index.js';
import { commandARecords, racsoRecords, REAL_LOGS } from './test-support/real-data.js';

/**
 * The automatic checks of data/failure-modes.json: silent on the stage's own output for the real runs
 * (heuristics, human-coded series, gold validation) and on the same runs with judge verdicts; each
 * hand-corrupted field fails with a message naming the field and what was expected.
 */

const WORKSPACE = join(import.meta.dirname, '../../..');
const CONFIG = FailureModesConfigSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '../config.json'), 'utf8')));

/** The real runs' file with a scripted judge verdict on every run, aggregated as the stage does. */
function withJudge(file: FailureModesFile): FailureModesFile {
  const codes = ['C4a', 'C1a', 'C3b', 'plan_drift', null] as const;
  const runs: RunFailureModes[] = file.runs.map((r, i) => {
    const answered = (status: 'labelled' | 'no-issue' | 'failed') => ({ status, reason: status === 'failed' ? 'HTTP 500' : null, cache_key: `k${i}`, truncated: false });
    const code = codes[i % codes.length]!;
    const comm = r.comm_error.judge.reason === NOT_A_CONVERSATION ? r.comm_error : i % 7 === 0 ? { ...r.comm_error, judge: answered('failed') } : { judge: answered(code ? 'labelled' : 'no-issue'), code, description: code && 'scripted', evidence: [] };
    const labels = i % 3 === 0 ? [] : [{ symptom: i % 2 ? ('work_overlap' as const) : ('repetition' as const), primary: true, artifact: 'conversation' as const, quotes: ['q'] }, { symptom: 'unresponsiveness' as const, primary: false, artifact: 'conversation' as const, quotes: ['q'] }];
    const symptoms = r.outcome !== 'fail' || r.turns === 0 ? r.symptoms : { judge: answered(labels.length ? 'labelled' : 'no-issue'), labels, implementation_failure_only: labels.length === 0 };
    return { ...r, comm_error: comm, symptoms };
  });
  const ids = (f: (r: RunFailureModes) => boolean) => new Set(runs.filter(f).map((r) => r.record_id));
  const conversations = ids((r) => r.comm_error.judge.reason !== NOT_A_CONVERSATION);
  const failed = ids((r) => r.outcome === 'fail');
  const aggregated = aggregateFailureModes(runs, HEURISTICS, CONFIG.confidence, { isConversation: (r) => conversations.has(r.record_id), isFailedCoopRun: (r) => failed.has(r.record_id) });
  const notJudged = runs.flatMap((r) => [r.comm_error.judge, r.symptoms.judge]).filter((j) => j.status === 'not-judged' || j.status === 'failed').length;
  return { ...file, ...aggregated, runs, judge: { ...file.judge, status: 'partial', not_judged: { scripted: notJudged } } };
}

let real: FailureModesFile;
beforeAll(async () => {
  const records = [...commandARecords(), ...(await racsoRecords())];
  real = FailureModesFileSchema.parse(await classifyRuns({ records, config: CONFIG, logRoot: REAL_LOGS, heuristics: HEURISTICS, judge: null, mode: 'off', allowPartial: false, gold: goldSet() }));
}, 120_000);

const problems = (file: FailureModesFile) => checkFailureModes(file).problems;
/** A deep copy to corrupt. */
const copy = (file: FailureModesFile): FailureModesFile => structuredClone(file);

describe('failure-modes checks pass on correct outputs', () => {
  it('the real runs (heuristics, human-coded series, gold validation; judge not run)', () => {
    expect(real.human_coded).not.toBeNull();
    expect(real.gold_validation).not.toBeNull();
    expect(problems(real)).toEqual([]);
  });

  it('the demo runs (the synthetic logs under data/logs, collected here)', async () => {
    const logRoot = join(WORKSPACE, 'data/logs');
    const records = await collectRecords({ logRoot, mappingFile: join(WORKSPACE, 'data/run-arms.json') });
    const demo = FailureModesFileSchema.parse(await classifyRuns({ records, config: CONFIG, logRoot, heuristics: HEURISTICS, judge: null, mode: 'off', allowPartial: false, gold: goldSet() }));
    expect(demo.inputs).toMatchObject({ records: 500, synthetic_records: 500 });
    expect(problems(demo)).toEqual([]);
    expect(problems(withJudge(demo))).toEqual([]);
  });

  it('the same runs with judge verdicts (labelled, no issue, failed calls) in every section', () => {
    const judged = withJudge(real);
    expect(judged.table1.source).toBe('judge');
    expect(judged.fig6.every((m) => m.groups.every((g) => g.source === 'judge'))).toBe(true);
    expect(problems(judged)).toEqual([]);
  });
});

describe('failure-modes checks fail on a corrupted output, naming the field', () => {
  it('an interval that does not contain its estimate; a rate outside [0, 1]', () => {
    const f = copy(real);
    const h = f.fig6[0]!.groups[0]!.heuristic!;
    h.ci_low = h.rate! + 0.1;
    const row = f.table1.rows.find((r) => r.heuristic !== null)!;
    row.heuristic!.rate = 1.5;
    const p = problems(f);
    expect(p).toContainEqual(expect.stringMatching(new RegExp(`^fig6 ${f.fig6[0]!.model} repetition heuristic: interval \\[[0-9.]+, [0-9.]+\\] does not contain`)));
    expect(p).toContainEqual(`table1 ${row.symptom} heuristic rate: 1.5 outside [0, 1]`);
  });

  it('counts per code above n, and a group whose codes do not add up', () => {
    const f = withJudge(real);
    const g = f.fig6[0]!.groups.find((x) => x.group === 'repetition')!;
    g.by_code.C4a!.successes = g.share!.total + 1;
    const p = problems(f);
    expect(p).toContainEqual(`fig6 ${f.fig6[0]!.model} repetition by_code C4a: successes ${g.share!.total + 1} > total ${g.share!.total}`);
    expect(p).toContainEqual(`fig6 ${f.fig6[0]!.model} repetition by_code successes summed: ${g.share!.total + 1 + g.by_code.C4b!.successes}, expected ${g.share!.successes} (the group share, one code per conversation)`);
  });

  it('conversations and failed runs that do not reconcile with the runs they cover', () => {
    const f = copy(real);
    f.inputs.conversations += 1;
    f.fig6[1]!.conversations -= 1;
    f.inputs.failed_coop_runs -= 2;
    const p = problems(f);
    expect(p).toContainEqual(`inputs.conversations: ${real.inputs.conversations + 1}, expected ${real.inputs.conversations} (runs in Figure 6's population)`);
    expect(p).toContainEqual(`fig6 ${f.fig6[1]!.model} conversations: ${f.fig6[1]!.conversations}, expected ${real.fig6[1]!.conversations} (the model's runs in Figure 6's population)`);
    expect(p).toContainEqual(`inputs.failed_coop_runs: ${real.inputs.failed_coop_runs - 2}, expected ${real.inputs.failed_coop_runs} (runs with outcome fail)`);
  });

  it('Table 1 shares over the wrong population; Table 2 not derived from Table 1', () => {
    const f = withJudge(real);
    f.table1.rows[0]!.any_label!.unknown += 3;
    f.table2.rows[0]!.share!.successes += 1;
    const p = problems(f);
    const any = f.table1.rows[0]!.any_label!;
    expect(p).toContainEqual(`table1 work_overlap any_label: total + unknown: ${any.total + any.unknown}, expected ${f.inputs.failed_coop_runs} (the population it is counted over)`);
    expect(p).toContainEqual(expect.stringMatching(/^table2 expectation: successes: \d+, expected \d+ \(Table 1 primaries of work_overlap, divergent_architecture, parameter_flow\)$/));
  });

  it('the human-coded section: counts that do not reconcile with the coded runs and the failed runs', () => {
    const f = copy(real);
    const hc = f.human_coded!;
    hc.table1.failed_runs_coded += 1;
    hc.fig6[0]!.groups[0]!.share.successes += 1;
    hc.matched_runs += 1;
    const p = problems(f);
    expect(p).toContainEqual(`human_coded.table1.failed_runs_coded: ${hc.table1.failed_runs_coded}, expected ${hc.table1.failed_runs_coded - 1} (coded failed runs with a primary)`);
    expect(p).toContainEqual(expect.stringMatching(new RegExp(`^human_coded.fig6 ${hc.fig6[0]!.model} repetition: successes: \\d+, expected \\d+ \\(coded runs in the group\\)$`)));
    expect(p).toContainEqual(`human_coded.matched_runs: ${hc.matched_runs}, expected ${real.human_coded!.runs.length} (coded runs listed in human_coded.runs)`);
  });

  it('the gold validation and the judge counters', () => {
    const f = copy(real);
    const h = f.gold_validation!.heuristics[0]!;
    h.tp += 1;
    f.judge.rejected = { 'quote not in transcript': 2 };
    const p = problems(f);
    expect(p).toContainEqual(`gold_validation ${h.heuristic}: tp + fp + fn + tn: ${h.tp + h.fp + h.fn + h.tn}, expected ${h.compared} (compared)`);
    expect(p).toContainEqual(expect.stringMatching(new RegExp(`^gold_validation ${h.heuristic}: precision [0-9.]+, expected tp/\\(tp\\+fp\\)`)));
    expect(p).toContainEqual('judge.rejected summed over reasons: 2, expected 0 (verdicts of the runs with status rejected)');
  });

  it('assert() throws a StageCheckError listing every violation', () => {
    const f = copy(real);
    f.inputs.failed_coop_runs += 1;
    expect(() => checkFailureModes(f, 'failure-modes (data/failure-modes.json, nothing written)').assert()).toThrow(StageCheckError);
    expect(() => checkFailureModes(f, 'failure-modes (x.json)').assert()).toThrow(/^failure-modes \(x\.json\): \d+ checks? failed:\n {2}- inputs\.failed_coop_runs/);
  });
});
