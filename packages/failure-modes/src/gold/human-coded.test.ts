import { FailureModesFileSchema, minimalRunRecord, type RunRecord } from '@cooperbench-repro/contracts';
import { describe, expect, it } from 'vitest';
import type { GoldConversation } from './gold-set.js';
import { goldCommLabel, humanCoded } from './human-coded.js';

const FILE = 'command-a-lite-results/results.json';
const msg = (text: string) => ({ from: 'agent1', to: 'agent2', feature_id: 1, text, timestamp: null });

/** A coop record imported from the legacy file at `index`, with `messages` messages. */
function rec(index: number, model: string, outcome: 'pass' | 'fail', messages: number): RunRecord {
  return minimalRunRecord('coop-msg', model, ['r', index, 1, 2], outcome, {
    messages: Array.from({ length: messages }, (_, i) => msg(`m${i}`)),
    message_count: messages,
    sources: { dir: null, files: [], sha256: null, legacy: { file: FILE, index } },
  });
}

function gold(index: number, over: Partial<GoldConversation>): [string, GoldConversation] {
  const key = `${FILE}#${index}`;
  return [key, { source: 'command-a', key, outcome: 'fail', messages: 2, comm_error: 'none', plan_drift: false, primary: 'implementation_failure', secondary: [], double_coded: false, ...over }];
}

// Model A: 4 conversations, 3 coded (#4 has 3 messages, the gold set 2: not matched). Model B: one coded pass.
const A = [rec(1, 'A', 'fail', 2), rec(2, 'A', 'fail', 2), rec(3, 'A', 'fail', 2), rec(4, 'A', 'fail', 3)];
const B = [rec(5, 'B', 'pass', 2)];
const NO_MESSAGES = rec(6, 'A', 'fail', 0);
const GOLD = new Map([
  gold(1, { comm_error: 'C3b', plan_drift: true, primary: 'work_overlap', secondary: ['unresponsiveness'] }),
  gold(2, { comm_error: 'C1a', primary: 'unresponsiveness' }),
  gold(3, { plan_drift: true, secondary: ['repetition'] }),
  gold(4, { comm_error: 'C4a' }),
  gold(5, { outcome: 'pass', comm_error: 'C4b', primary: null }),
]);

describe('humanCoded', () => {
  const hc = humanCoded({ conversations: [...A, ...B], failedCoopRuns: [...A, NO_MESSAGES] }, GOLD, 0.95)!;

  it('matches runs by locator and message count, and labels the series', () => {
    expect(hc.label).toBe('human-coded (gold set)');
    expect(hc.matched_runs).toBe(4);
    expect(hc.runs.map((r) => [r.comm_error, r.primary])).toEqual([
      ['C3b', 'work_overlap'],
      ['C1a', 'unresponsiveness'],
      ['plan_drift', 'implementation_failure'],
      ['C4b', null],
    ]);
  });

  it('Figure 6: per model over coded conversations; plan drift joins hallucination beside an App. F code', () => {
    const a = hc.fig6.find((m) => m.model === 'A')!;
    expect(a.conversations).toBe(3);
    const g = (name: string) => a.groups.find((x) => x.group === name)!;
    // #1 (C3b + drift) and #3 (drift) are hallucination: 2 of 3; the codes count 1 C3b and 2 drifts.
    expect(g('hallucination').share).toMatchObject({ successes: 2, total: 3, unknown: 1 });
    expect(g('hallucination').by_code).toMatchObject({ C3a: { successes: 0 }, C3b: { successes: 1 }, plan_drift: { successes: 2 } });
    expect(g('unresponsiveness').share).toMatchObject({ successes: 1, total: 3 });
    expect(g('repetition').share).toMatchObject({ successes: 0, total: 3 });
    expect(hc.fig6.find((m) => m.model === 'B')!.groups[0]!.share).toMatchObject({ successes: 1, total: 1, unknown: 0 });
  });

  it('Table 1 over coded failed runs, runs without messages apart; Table 2 derived through the mapping', () => {
    const t = hc.table1;
    expect(t).toMatchObject({ failed_runs_coded: 3, failed_runs_without_messages: 1, implementation_failure_only: 1 });
    const row = (s: string) => t.rows.find((r) => r.symptom === s)!;
    expect(row('work_overlap').primary_share).toMatchObject({ successes: 1, total: 2, unknown: 1 });
    expect(row('unresponsiveness').any_label).toMatchObject({ successes: 2, total: 3 });
    // A secondary symptom of an implementation failure still counts as a label.
    expect(row('repetition').any_label).toMatchObject({ successes: 1, total: 3 });
    expect(t.models).toHaveLength(1);
    expect(t.models[0]).toMatchObject({ model: 'A', failed_runs_coded: 3, implementation_failure_only: 1 });
    expect(t.models[0]!.rows.find((r) => r.symptom === 'work_overlap')!.primary_share).toMatchObject({ successes: 1, total: 2, unknown: 1 });
    expect(hc.table2.rows.map((r) => [r.cause, r.share.successes, r.share.total])).toEqual([
      ['expectation', 1, 2],
      ['commitment', 0, 2],
      ['communication', 1, 2],
    ]);
    expect(FailureModesFileSchema.shape.human_coded.safeParse(hc).success).toBe(true);
  });

  it('null without a gold set or without any coded run', () => {
    expect(humanCoded({ conversations: A, failedCoopRuns: A }, null, 0.95)).toBeNull();
    expect(humanCoded({ conversations: [A[3]!], failedCoopRuns: [] }, GOLD, 0.95)).toBeNull();
  });

  it('the one-label scale: an App. F code first, then plan drift, then none', () => {
    expect(goldCommLabel(GOLD.get(`${FILE}#1`)!)).toBe('C3b');
    expect(goldCommLabel(GOLD.get(`${FILE}#3`)!)).toBe('plan_drift');
    expect(goldCommLabel({ ...GOLD.get(`${FILE}#3`)!, plan_drift: false })).toBe('none');
  });
});
