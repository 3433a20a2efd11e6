import { writeTempJson } from './temp-json.js';
import type { CommunicationFile, Interval, SpeechAct } from '@cooperbench-repro/contracts';
import { wilson } from './fixture.js';

/**
 * A small hand-written data/communication.json: two models (model-a, model-b), each run with messaging
 * (coop-msg) and without (coop-nomsg) on the same pairs. Counts are hand-written; rates and Wilson 95%
 * intervals are derived from them; the test statistics and p-values are plausible hand-written numbers
 * (the figures only display them). Per-act shares in `communication_share.by_act` are shares of all steps
 * and sum to `share`. One qualitative measure has a description full of LaTeX special characters.
 */

/** A success rate as the communication stage counts it (nothing missing, no solo-agent1 pass). */
const counted = (k: number, n: number, unknown = 0) => ({ ...interval(k, n, unknown), missing: 0, solo_agent1: 0 });

function interval(k: number, n: number, unknown = 0): Interval {
  return { successes: k, total: n, unknown, ...wilson(k, n) };
}

function acts(values: Partial<Record<SpeechAct, number>>): Record<SpeechAct, number> {
  return { Plan: 0, Question: 0, Answer: 0, Update: 0, Ack: 0, Other: 0, ...values };
}

function nullActs(): Record<SpeechAct, number | null> {
  return { Plan: null, Question: null, Answer: null, Update: null, Ack: null, Other: null };
}

/** model -> message counts per act, steps (with messaging). */
export const FIXTURE_ACT_COUNTS: Record<string, { counts: Record<SpeechAct, number>; steps: number; conversations: number }> = {
  'model-a': { counts: acts({ Plan: 20, Question: 12, Answer: 10, Update: 12, Ack: 4, Other: 2 }), steps: 400, conversations: 20 },
  'model-b': { counts: acts({ Plan: 6, Question: 4, Answer: 3, Update: 4, Ack: 2, Other: 1 }), steps: 500, conversations: 20 },
};

export function communicationFixture(opts: { synthetic?: boolean } = {}): CommunicationFile {
  const models = Object.keys(FIXTURE_ACT_COUNTS);
  const speech_acts = models.map((model) => {
    const { counts } = FIXTURE_ACT_COUNTS[model]!;
    const messages = Object.values(counts).reduce((s, c) => s + c, 0);
    const shares = Object.fromEntries(Object.entries(counts).map(([a, c]) => [a, c / messages])) as Record<SpeechAct, number>;
    return { model, arm: 'coop-msg', messages, counts, shares };
  });
  const communication_share = models.flatMap((model) => {
    const { counts, steps, conversations } = FIXTURE_ACT_COUNTS[model]!;
    const messages = Object.values(counts).reduce((s, c) => s + c, 0);
    const by_act = Object.fromEntries(Object.entries(counts).map(([a, c]) => [a, c / steps])) as Record<SpeechAct, number>;
    return [
      { model, arm: 'coop-msg', conversations, messages, steps, share: messages / steps, by_act },
      { model, arm: 'coop-nomsg', conversations, messages: 0, steps: steps - 20, share: 0, by_act: nullActs() },
    ];
  });
  const fisher = (p: number, effect: number, n: [number, number]) => ({ test: 'fisher-exact (two-sided)', statistic: null, p_value: p, effect, n });
  /** One model's comm vs no-comm row over 20 matched pairs in the agent-1 era. */
  type CommRow = CommunicationFile['comm_vs_nocomm'][number];
  const commRow = (model: string, success: CommRow['success'], conflict: CommRow['conflict']): CommRow => ({
    model,
    with_arm: 'coop-msg',
    without_arm: 'coop-nomsg',
    era: 'agent1-era',
    matched_pairs: 20,
    unmatched_pairs: 0,
    success,
    conflict,
  });
  const comm_vs_nocomm = [
    commRow(
      'model-a',
      { with: counted(6, 20), without: counted(7, 20), test: fisher(1, 0.796, [20, 20]) },
      { with: interval(4, 20), without: interval(12, 20), test: fisher(0.0231, 0.167, [20, 20]) },
    ),
    commRow(
      'model-b',
      { with: counted(2, 20), without: counted(2, 19, 1), test: fisher(1, 0.944, [20, 19]) },
      { with: interval(9, 20), without: interval(11, 19, 1), test: fisher(0.0004, 0.597, [20, 19]) },
    ),
  ];
  const mwu = (statistic: number, p: number, n: [number, number]) => ({
    test: 'mann-whitney-u (normal approximation, tie-corrected)',
    statistic,
    p_value: p,
    effect: null,
    n,
  });
  const qualitative: CommunicationFile['qualitative'] = [
    {
      measure: 'line_number_mentions',
      description: 'Line-number mentions per transcript',
      groups: { success: { mean: 30.5, n: 8 }, failure: { mean: 21.25, n: 32 } },
      tests: { 'success vs failure': mwu(170, 0.041, [8, 32]) },
      paper: { success: 32.6, failure: 22.5 },
    },
    {
      measure: 'file_path_mentions',
      description: 'File-path mentions per transcript',
      groups: { success: { mean: 12, n: 8 }, failure: { mean: 9.5, n: 32 } },
      tests: { 'success vs failure': mwu(150, 0.2, [8, 32]) },
      paper: { success: 13.1, failure: 10 },
    },
    {
      measure: 'plan_messages',
      description: 'Plan messages per transcript',
      groups: {
        conflict: { mean: 1.5, n: 13 },
        'no-conflict': { mean: 3.25, n: 27 },
        success: { mean: 3.5, n: 8 },
        failure: { mean: null, n: 0 },
      },
      tests: {
        'conflict vs no-conflict': mwu(95.5, 0.00031, [13, 27]),
        'success vs failure': { test: 'mann-whitney-u', statistic: null, p_value: null, effect: null, n: [8, 0] as [number, number] },
      },
      paper: null,
    },
    {
      measure: 'odd_chars_%',
      description: 'Share of "Plan & Ack" messages (100% = all; #msgs_{plan} ~ $x^2$ \\ {braces})',
      groups: { conflict: { mean: 0.25, n: 13 }, 'no-conflict': { mean: 0.4, n: 27 } },
      tests: { 'conflict vs no-conflict': mwu(140, 0.12, [13, 27]) },
      paper: null,
    },
  ];
  const records = 160;
  return {
    schema: 'cooperbench-repro/communication@1',
    parameters: { speech_act_labeller: 'rules@1', first_turn: 'first message of the conversation', confidence: 0.95, pooled_ratio: true },
    policy: { unknown_outcomes: 'exclude', solo_agent1: 'pass', eras: 'refuse-mixed' },
    inputs: { records, synthetic_records: opts.synthetic ? records : 0, coop_records: 80, conversations_with_messages: 40, plans: [], missing_pairs: 0, eras: [{ era: 'agent1-era', runs: ['coop-msg-0', 'coop-nomsg-0'] }] },
    speech_acts,
    communication_share,
    comm_vs_nocomm,
    qualitative,
    first_turn_plan: {
      with_plan: interval(5, 24),
      without_plan: interval(8, 16),
      test: { test: 'fisher-exact (two-sided)', statistic: null, p_value: 0.0493, effect: 0.263, n: [24, 16] },
    },
    plan_question_ratio: { no_conflict: 2.2, conflict: 1.25, paper: { no_conflict: 2.04, conflict: 1.31 } },
  };
}

/** Writes the fixture to a fresh temp directory and returns the file path. */
export function writeCommunicationFixture(opts: { synthetic?: boolean } = {}, mutate?: (d: Record<string, unknown>) => void): string {
  return writeTempJson('figures-comm-fixture-', 'communication.json', communicationFixture(opts), mutate);
}
