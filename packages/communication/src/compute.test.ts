import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CommunicationFileSchema, SPEECH_ACTS, type CommunicationFile, type RunRecord } from '@cooperbench-repro/contracts';
import { importLegacyFile } from '@cooperbench-repro/collector';
import { computeCommunication } from './compute.js';
import { DEFAULT_OPTIONS } from './config.js';
import { PUBLIC_LOCAL_PATHS, paperNumbers, publicPath } from '@cooperbench-repro/public-data';

let records: RunRecord[];
let file: CommunicationFile;

beforeAll(() => {
  records = importLegacyFile(publicPath(PUBLIC_LOCAL_PATHS.commandALiteResults), { displayPath: 'x', agentFramework: null }).records;
  file = CommunicationFileSchema.parse(computeCommunication(records, DEFAULT_OPTIONS));
});

describe('compute on the 500 real Command A records', () => {
  it('counts inputs: 200 coop records, 100 coop-msg conversations, coop-nomsg conversations all empty', () => {
    expect(file.inputs).toMatchObject({ records: 500, synthetic_records: 0, coop_records: 200, conversations_with_messages: 100, missing_pairs: 0 });
    expect(records.filter((r) => r.arm === 'coop-nomsg').every((r) => r.messages.length === 0)).toBe(true);
    expect(file.parameters.messages_in_no_messaging_arms).toBe(0);
    const nomsg = file.communication_share.find((c) => c.arm === 'coop-nomsg')!;
    expect([nomsg.messages, nomsg.conversations, nomsg.share]).toEqual([0, 0, 0]);
  });

  it('speech-act counts cover every message and shares sum to 1', () => {
    const msg = file.speech_acts.find((s) => s.arm === 'coop-msg')!;
    const total = records.filter((r) => r.arm === 'coop-msg').reduce((s, r) => s + r.messages.length, 0);
    expect(msg.messages).toBe(total);
    expect(SPEECH_ACTS.reduce((s, a) => s + msg.counts[a], 0)).toBe(total);
    expect(SPEECH_ACTS.reduce((s, a) => s + (msg.shares[a] ?? 0), 0)).toBeCloseTo(1, 12);
    expect(msg.counts.Plan).toBeGreaterThan(msg.counts.Question); // Command A mostly announces plans
  });

  it('communication share = messages / total steps, and by_act sums to it', () => {
    const c = file.communication_share.find((x) => x.arm === 'coop-msg')!;
    const steps = records.filter((r) => r.arm === 'coop-msg').reduce((s, r) => s + r.total_steps, 0);
    expect(c.steps).toBe(steps);
    expect(c.share).toBeCloseTo(c.messages / steps, 15);
    expect(SPEECH_ACTS.reduce((s, a) => s + (c.by_act[a] ?? 0), 0)).toBeCloseTo(c.share!, 12);
  });

  it('conflict counts on matched pairs equal the records’ merge.naive_conflict counts', () => {
    const row = file.comm_vs_nocomm.find((r) => r.with_arm === 'coop-msg' && r.without_arm === 'coop-nomsg')!;
    const key = (r: RunRecord) => `${r.repo}/${r.task_id}/${r.features.join('_')}`;
    const known = (arm: string) => new Map(records.filter((r) => r.arm === arm && r.merge.naive_conflict !== null).map((r) => [key(r), r]));
    const w = known('coop-msg');
    const wo = known('coop-nomsg');
    const both = [...w.keys()].filter((k) => wo.has(k));
    expect(row.conflict.with.total).toBe(both.length);
    expect(row.conflict.with.successes).toBe(both.filter((k) => w.get(k)!.merge.naive_conflict).length);
    expect(row.conflict.without.successes).toBe(both.filter((k) => wo.get(k)!.merge.naive_conflict).length);
    // No coop record of Command A passes: success rates are 0 and the test cannot tell them apart.
    expect(row.success.with.successes + row.success.without.successes).toBe(0);
    expect(row.success.test.p_value).toBe(1);
    // Transcript groups: conflict + no-conflict = coop-msg transcripts with a known naive merge.
    const turns = file.qualitative.find((q) => q.measure === 'turns')!;
    const conflicts = records.filter((r) => r.arm === 'coop-msg' && r.messages.length > 0 && r.merge.naive_conflict === true).length;
    expect(turns.groups.conflict!.n).toBe(conflicts);
    expect(turns.groups.conflict!.n + turns.groups['no-conflict']!.n).toBe(records.filter((r) => r.arm === 'coop-msg' && r.merge.naive_conflict !== null).length);
  });

  it('puts the paper’s values beside ours, read from paper_reference_numbers.csv', () => {
    const paper = paperNumbers();
    const all = (metric: string) => paper.value(metric, 'all');
    expect(file.plan_question_ratio.paper).toEqual({ no_conflict: all('plan_question_ratio_conflict_free'), conflict: all('plan_question_ratio_conflict') });
    expect(file.qualitative.find((q) => q.measure === 'line_mentions')!.paper).toEqual({ success: all('line_number_mentions_success'), failure: all('line_number_mentions_failure') });
    expect(file.qualitative.find((q) => q.measure === 'first_turn_plan_conflict_rate')!.paper).toEqual({
      with_plan: all('conflict_rate_first_turn_plan') / 100,
      without_plan: all('conflict_rate_no_first_turn_plan') / 100,
    });
    // Figure 5(c): the CSV's percents as rates, keyed by this file's labels in the figure's axis order.
    expect(file.qualitative.find((q) => q.measure === 'communication_share_by_model')!.paper).toEqual({
      claude: paper.value('fig5c_comm_events_share', 'claude') / 100,
      'gpt-5': paper.value('fig5c_comm_events_share', 'gpt5') / 100,
      minimax: paper.value('fig5c_comm_events_share', 'minimax') / 100,
      'qwen-instruct': paper.value('fig5c_comm_events_share', 'qwen') / 100,
      'qwen-coder': paper.value('fig5c_comm_events_share', 'qwen_coder') / 100,
    });
  });
});
