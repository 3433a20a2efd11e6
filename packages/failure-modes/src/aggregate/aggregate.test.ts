import { FailureModesFileSchema, type HeuristicResult, type JudgeOutcome, type RunFailureModes } from '@cooperbench-repro/contracts';
import { paperNumbers } from '@cooperbench-repro/public-data';
import { describe, expect, it } from 'vitest';
import { aggregateFailureModes } from './aggregate.js';
import { figure6 } from './fig6-numbers.js';
import { table1 } from './table1.js';
import { table2 } from './table2.js';

const judge = (status: JudgeOutcome['status'], cached = true): JudgeOutcome => ({ status, reason: null, cache_key: cached && status !== 'not-judged' ? 'k' : null, truncated: false });
const NOT = judge('not-judged');
const h = (detected: boolean | 'skipped'): HeuristicResult => ({ detected: detected === true, score: null, evidence: [], skipped: detected === 'skipped' ? 'no messages' : null });

function run(id: string, over: Partial<RunFailureModes>): RunFailureModes {
  return {
    record_id: id,
    model: 'A',
    arm: 'coop-comm',
    outcome: 'pass',
    naive_conflict: false,
    turns: 1,
    heuristics: {},
    comm_error: { judge: NOT, code: null, description: null, evidence: [] },
    symptoms: { judge: NOT, labels: [], implementation_failure_only: null },
    ...over,
  };
}
const comm = (status: JudgeOutcome['status'], code: RunFailureModes['comm_error']['code'] = null): RunFailureModes['comm_error'] => ({ judge: judge(status), code, description: null, evidence: [] });
type Label = RunFailureModes['symptoms']['labels'][number];
const lab = (symptom: Label['symptom'], primary: boolean): Label => ({ symptom, primary, artifact: 'conversation', quotes: ['q'] });
const sym = (status: JudgeOutcome['status'], labels: Label[] = [], cached = true): RunFailureModes['symptoms'] => ({
  judge: judge(status, cached),
  labels,
  implementation_failure_only: status === 'not-judged' ? null : labels.length === 0,
});

const HEURISTICS = [
  { name: 'rep', estimates: { group: 'repetition' as const, symptom: 'repetition' as const } },
  { name: 'unans', estimates: { group: 'unresponsiveness' as const } },
  { name: 'unans2', estimates: { group: 'unresponsiveness' as const } },
  { name: 'overlap', estimates: { symptom: 'work_overlap' as const } },
];

// Model A: 5 conversations, 20 turns. Judge: C4a, C1a, rejected, no-issue, failed -> 4 judged, 1 unknown.
const conversationsA = [
  run('a1', { turns: 4, comm_error: comm('labelled', 'C4a'), heuristics: { rep: h(true), unans: h(false), unans2: h('skipped') } }),
  run('a2', { turns: 6, comm_error: comm('labelled', 'C1a'), heuristics: { rep: h(false), unans: h('skipped'), unans2: h(true) } }),
  run('a3', { turns: 2, comm_error: comm('rejected'), heuristics: { rep: h('skipped'), unans: h('skipped'), unans2: h('skipped') } }),
  run('a4', { turns: 3, comm_error: comm('no-issue'), heuristics: { rep: h(false), unans: h(false) } }),
  run('a5', { turns: 5, comm_error: comm('failed'), heuristics: { rep: h(true), unans: h(false), unans2: h(false) } }),
];
// Model B: never judged.
const conversationsB = [run('b1', { model: 'B', turns: 2 }), run('b2', { model: 'B', turns: 3 })];

describe('figure6', () => {
  const fig = figure6([...conversationsB, ...conversationsA], HEURISTICS, 0.95);
  const a = fig.find((m) => m.model === 'A')!;
  const group = (name: string) => a.groups.find((g) => g.group === name)!;

  it('counts conversations, average turns and models in name order', () => {
    expect(fig.map((m) => m.model)).toEqual(['A', 'B']);
    expect(a.conversations).toBe(5);
    expect(a.avg_turns).toBe(4);
    expect(fig[1]!.avg_turns).toBe(2.5);
  });

  it('shares over conversations judged; a rejected answer counts as no issue; failed is unknown', () => {
    expect(group('repetition').share).toMatchObject({ successes: 1, total: 4, unknown: 1, rate: 0.25 });
    expect(group('unresponsiveness').share).toMatchObject({ successes: 1, total: 4, unknown: 1, rate: 0.25 });
    expect(group('hallucination').share).toMatchObject({ successes: 0, total: 4, unknown: 1, rate: 0 });
    expect(group('repetition').source).toBe('judge');
    // Wilson 95% for 1/4, by hand: centre (0.25 + 1.96^2/8) / (1 + 1.96^2/4) = 0.3725, half 0.3269.
    expect(group('repetition').share!.ci_low).toBeCloseTo(0.0456, 4);
    expect(group('repetition').share!.ci_high).toBeCloseTo(0.6994, 4);
  });

  it('splits each group by code (C2 under unresponsiveness, plan drift under hallucination)', () => {
    expect(Object.keys(group('unresponsiveness').by_code)).toEqual(['C1a', 'C1b', 'C2']);
    expect(Object.keys(group('hallucination').by_code)).toEqual(['C3a', 'C3b', 'plan_drift']);
    expect(group('repetition').by_code.C4a).toMatchObject({ successes: 1, total: 4 });
    expect(group('repetition').by_code.C4b).toMatchObject({ successes: 0, total: 4 });
    expect(group('unresponsiveness').by_code.C1a).toMatchObject({ successes: 1, total: 4 });
  });

  it('heuristics: detected by any heuristic of the group over conversations where one ran', () => {
    // rep ran on a1, a2, a4, a5 (a3 skipped) and fired on a1, a5.
    expect(group('repetition').heuristic).toMatchObject({ successes: 2, total: 4, unknown: 1, rate: 0.5 });
    // unans/unans2: a1 (unans ran), a2 (unans2 ran, fired), a4 (unans ran), a5 (both ran); a3 both skipped.
    expect(group('unresponsiveness').heuristic).toMatchObject({ successes: 1, total: 4, unknown: 1 });
    expect(group('hallucination').heuristic).toBeNull();
  });

  it('a model the judge never answered has source none, no shares, and never invented labels', () => {
    for (const g of fig[1]!.groups) {
      expect(g.source).toBe('none');
      expect(g.share).toBeNull();
      expect(g.by_code).toEqual({});
    }
  });

  it('fits the FailureModesFile schema', () => {
    expect(FailureModesFileSchema.shape.fig6.safeParse(fig).success).toBe(true);
  });
});

// Failed runs: 3 with coordination labels, 3 without (no-issue, rejected, rule-decided without messages), 1 not judged.
const failed = [
  run('f1', { outcome: 'fail', symptoms: sym('labelled', [lab('work_overlap', true), lab('repetition', false)]), heuristics: { overlap: h(true) } }),
  run('f2', { outcome: 'fail', symptoms: sym('labelled', [lab('broken_commitment', true)]), heuristics: { overlap: h('skipped') } }),
  run('f3', { outcome: 'fail', symptoms: sym('labelled', [lab('repetition', false), lab('work_overlap', true)]), heuristics: { overlap: h(true) } }),
  run('f4', { outcome: 'fail', symptoms: sym('no-issue'), heuristics: { overlap: h(false) } }),
  run('f5', { outcome: 'fail', symptoms: sym('rejected'), heuristics: { overlap: h(false) } }),
  run('f6', { outcome: 'fail', turns: 0, symptoms: sym('no-issue', [], false), heuristics: { overlap: h('skipped') } }),
  run('f7', { outcome: 'fail', symptoms: sym('not-judged'), heuristics: { overlap: h(true) } }),
];

describe('table1', () => {
  const t = table1(failed, HEURISTICS, 0.95);
  const row = (s: string) => t.rows.find((r) => r.symptom === s)!;

  it('counts failed runs judged and implementation failures (rejected and rule-decided included)', () => {
    expect(t.source).toBe('judge');
    expect(t.failed_runs_judged).toBe(6);
    expect(t.implementation_failure_only).toBe(3);
    expect(t.rows.map((r) => r.symptom)[0]).toBe('work_overlap');
  });

  it('primary shares over runs with a coordination label; the explicit primary flag wins over position', () => {
    expect(row('work_overlap').primary_share).toMatchObject({ successes: 2, total: 3, unknown: 1 });
    expect(row('broken_commitment').primary_share).toMatchObject({ successes: 1, total: 3 });
    expect(row('repetition').primary_share).toMatchObject({ successes: 0, total: 3 });
    expect(t.rows.reduce((s, r) => s + r.primary_share!.successes, 0)).toBe(3);
  });

  it('any-label prevalence over failed runs judged', () => {
    expect(row('work_overlap').any_label).toMatchObject({ successes: 2, total: 6, unknown: 1 });
    expect(row('repetition').any_label).toMatchObject({ successes: 2, total: 6 });
    expect(row('timing_dependency').any_label).toMatchObject({ successes: 0, total: 6, rate: 0 });
  });

  it('heuristic rate over failed runs not skipped, paper percent beside', () => {
    expect(row('work_overlap').heuristic).toMatchObject({ successes: 3, total: 5, unknown: 2, rate: 0.6 });
    expect(row('repetition').heuristic).toMatchObject({ successes: 0, total: 0, unknown: 7, rate: null });
    expect(row('divergent_architecture').heuristic).toBeNull();
    expect(row('work_overlap').paper_percent).toBe(paperNumbers().value('table1_symptom_share', 'work_overlap'));
    expect(FailureModesFileSchema.shape.table1.safeParse(t).success).toBe(true);
  });

  it('without any judge answer: source none and no judge numbers, even with rule-decided runs', () => {
    const blank = table1([failed[5]!, failed[6]!], HEURISTICS, 0.95);
    expect(blank.source).toBe('none');
    expect(blank.failed_runs_judged).toBe(0);
    expect(blank.implementation_failure_only).toBe(0);
    expect(blank.rows.every((r) => r.primary_share === null && r.any_label === null)).toBe(true);
  });
});

describe('table2', () => {
  it('derives cause shares from primary symptoms through the mapping, with the paper 42/32/26', () => {
    const t = table2(failed, 0.95);
    expect(t.rows.map((r) => [r.cause, r.share!.successes, r.share!.total, r.share!.unknown, r.paper_percent])).toEqual([
      ['expectation', 2, 3, 1, 42],
      ['commitment', 1, 3, 1, 32],
      ['communication', 0, 3, 1, 26],
    ]);
    expect(t.mapping).toHaveLength(10);
    expect(t.mapping.find((m) => m.symptom === 'work_overlap')).toEqual({ symptom: 'work_overlap', cause: 'expectation', provenance: 'paper' });
    expect(t.mapping.find((m) => m.symptom === 'parameter_flow')!.provenance).toBe('ours');
    expect(FailureModesFileSchema.shape.table2.safeParse(t).success).toBe(true);
    expect(table2([failed[6]!], 0.95).rows.every((r) => r.share === null)).toBe(true);
  });
});

describe('aggregateFailureModes', () => {
  it('splits populations by default (conversations: turns > 0; failed: outcome fail) and honours the confidence', () => {
    const out = aggregateFailureModes([...conversationsA, ...failed], HEURISTICS, 0.9);
    // f1..f5 and f7 have a turn, so they are conversations of model A too (comm-error not judged there).
    expect(out.fig6[0]!.conversations).toBe(11);
    expect(out.table1.failed_runs_judged).toBe(6);
    const rep = out.fig6[0]!.groups.find((g) => g.group === 'repetition')!.share!;
    expect(rep).toMatchObject({ successes: 1, total: 4, unknown: 7 });
    // A 90% interval is narrower than the 95% one above.
    expect(rep.ci_high!).toBeLessThan(0.6994);
    const only = aggregateFailureModes(failed, HEURISTICS, 0.95, { isConversation: () => false, isFailedCoopRun: (r) => r.record_id !== 'f7' });
    expect(only.fig6).toEqual([]);
    expect(only.table1.rows[0]!.primary_share!.unknown).toBe(0);
  });
});
