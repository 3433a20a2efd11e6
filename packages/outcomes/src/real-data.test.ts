import type { OutcomesOptions, RunRecord } from '@cooperbench-repro/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkOutcomes } from './checks.js';
import { computeOutcomes } from './compute.js';
import { claudeCodeRecords, commandARecords, referenceSubsets } from './test-support/real-data.js';

/** The real public runs: known counts under both unknown_outcomes settings. */
const OPTS: OutcomesOptions = { unknown_outcomes: 'count-as-failure', solo_agent1: 'pass', eras: 'split', confidence: 0.95 };
const EXCLUDE: OutcomesOptions = { ...OPTS, unknown_outcomes: 'exclude' };

let claude: RunRecord[];
beforeAll(async () => {
  claude = await claudeCodeRecords();
});

const final = (file: ReturnType<typeof computeOutcomes>, model: string, arm: string) => file.ladder.find((l) => l.model === model && l.arm === arm)!;
const total = (file: ReturnType<typeof computeOutcomes>, model: string, arm: string) => file.totals.find((t) => t.model === model && t.arm === arm)!;

describe('Command A lite (union era, imported)', () => {
  const records = commandARecords();
  const model = records[0]!.model;

  it('no coop pair passes at any merge step; 4 and 12 eval errors are failures of n = 100, or leave n = 96 and 88', () => {
    for (const [opts, msg, nomsg] of [[OPTS, 100, 100], [EXCLUDE, 96, 88]] as const) {
      const file = computeOutcomes(records, opts, referenceSubsets());
      expect(checkOutcomes(file).violations).toEqual([]);
      const m = final(file, model, 'coop-msg');
      expect(m.era).toBe('union-era');
      expect(m.steps.map((s) => [s.step, s.successes, s.total])).toEqual([['naive', 0, msg], ['union', 0, msg]]);
      expect(m).toMatchObject({ paper_column: 'union', final: { successes: 0, total: msg, unknown: 4 } });
      expect(final(file, model, 'coop-nomsg').final).toMatchObject({ successes: 0, total: nomsg, unknown: 12 });
      expect(file.inputs.plans.every((p) => p.subset === 'lite' && p.missing === 0)).toBe(true);
    }
  });

  it('solo: 3 passes over 300 records (three seeds of the 100 lite pairs), 11 unknown; all in samuelcolvin_dirty_equals', () => {
    const file = computeOutcomes(records, OPTS, referenceSubsets());
    expect(total(file, model, 'solo')).toMatchObject({ successes: 3, total: 300, unknown: 11, repos: 12 });
    const passes = file.repositories.filter((r) => r.model === model && r.arm === 'solo' && r.successes > 0);
    expect(passes.map((r) => [r.repo, r.successes, r.total])).toEqual([['samuelcolvin_dirty_equals_task', 3, 15]]);
  });
});

describe('claude_code (agent-1 era, collected from the public logs)', () => {
  it('coop-msg: 11 naive passes, one agent-1-alone pass; 5 missing evals in n (101) or out of it (96)', () => {
    const file = computeOutcomes(claude, OPTS, referenceSubsets());
    expect(checkOutcomes(file).violations).toEqual([]);
    const model = claude[0]!.model;
    const m = final(file, model, 'coop-msg');
    expect(m.steps.map((s) => [s.step, s.added, s.successes, s.total])).toEqual([
      ['naive', 11, 11, 101],
      ['identical', 0, 11, 101],
      ['solo-agent1', 1, 12, 101],
    ]);
    expect(m).toMatchObject({ era: 'agent1-era', paper_column: 'naive', solo_agent1_passes: 1, final: { successes: 12, total: 101, unknown: 5 } });
    const excluded = computeOutcomes(claude, EXCLUDE, referenceSubsets());
    expect(final(excluded, model, 'coop-msg').final).toMatchObject({ successes: 12, total: 96 });
    const separate = computeOutcomes(claude, { ...OPTS, solo_agent1: 'separate' }, referenceSubsets());
    expect(final(separate, model, 'coop-msg').final).toMatchObject({ successes: 11, total: 101 });
    // The git runs' two passes are one identical and one agent-1-alone pass: none came from a merge.
    expect(final(file, model, 'coop-msg-git').steps.map((s) => s.added)).toEqual([0, 1, 1]);
  });
});
