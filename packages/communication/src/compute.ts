import { paperNumbers, type PaperNumbers } from '@cooperbench-repro/public-data';
import { SPEECH_ACTS, policyObservations, type CommunicationFile, type Interval, type Observation, type ReferenceSubset, type RunRecord, type SpeechAct, type TestResult, wilsonInterval } from '@cooperbench-repro/contracts';
import { commVsNocomm } from './comm-vs-nocomm.js';
import { classifyConversation, type ConversationAnalysis } from './speech-acts.js';
import type { CommunicationOptions } from './config.js';
import { SPEECH_ACT_RULES } from './speech-act-rules.js';
import { fisherExact, mannWhitneyU } from './statistics.js';
import { FILE_EXTENSIONS, LINE_MENTION } from './text-features.js';

/** Percent in the CSV, a rate here. */
const rate = (percent: number) => percent / 100;

/**
 * Labels of the paper's five models in `communication_share_by_model`'s paper entry, by CSV model
 * key, in Figure 5(c)'s axis order (claude, gpt-5, minimax, qwen-instruct, qwen-coder).
 */
export const PAPER_SHARE_MODELS: readonly { key: string; label: string }[] = [
  { key: 'claude', label: 'claude' },
  { key: 'gpt5', label: 'gpt-5' },
  { key: 'minimax', label: 'minimax' },
  { key: 'qwen', label: 'qwen-instruct' },
  { key: 'qwen_coder', label: 'qwen-coder' },
];

/**
 * The paper's values (paper-definitions.md section 5), read from the one file that holds them
 * (data/reference/paper/paper_reference_numbers.csv, through paperNumbers()); percents become rates
 * where this stage reports rates.
 */
export function paperValues(numbers: PaperNumbers = paperNumbers()) {
  const all = (metric: string) => numbers.value(metric, 'all');
  return {
    plan_question_ratio: { no_conflict: all('plan_question_ratio_conflict_free'), conflict: all('plan_question_ratio_conflict') },
    first_turn_plan_conflict_rate: { with_plan: rate(all('conflict_rate_first_turn_plan')), without_plan: rate(all('conflict_rate_no_first_turn_plan')) },
    line_mentions: { success: all('line_number_mentions_success'), failure: all('line_number_mentions_failure') },
    path_mentions: { success: all('file_path_mentions_success'), failure: all('file_path_mentions_failure') },
    /** Figure 5(c) bar labels (communication events as a share of all execution events). */
    communication_share: Object.fromEntries(PAPER_SHARE_MODELS.map((m) => [m.label, rate(numbers.value('fig5c_comm_events_share', m.key))])),
  };
}
export type PaperValues = ReturnType<typeof paperValues>;

/** Runs behind the output by eval era. */
function erasOf(observations: readonly Observation[]): CommunicationFile['inputs']['eras'] {
  const eras = new Map<string, Set<string>>();
  for (const o of observations) eras.set(o.era, (eras.get(o.era) ?? new Set()).add(o.run));
  return [...eras.entries()].map(([era, runs]) => ({ era, runs: [...runs].sort() })).sort((a, b) => (a.era < b.era ? -1 : 1));
}

export const GROUPS = {
  conflict_vs_no_conflict: ['conflict', 'no-conflict'],
  success_vs_failure: ['success', 'failure'],
} as const;

/** One coop transcript with messages, in a messaging arm: the unit of the qualitative measures. */
export interface Transcript {
  record: RunRecord;
  analysis: ConversationAnalysis;
  counts: Record<SpeechAct, number>;
}

const zeroCounts = (): Record<SpeechAct, number> => Object.fromEntries(SPEECH_ACTS.map((a) => [a, 0])) as Record<SpeechAct, number>;

/** Sum of the agents' steps; legacy imports carry no per-agent runs, so their total_steps is used. */
export function stepsOf(r: RunRecord): number {
  return r.agents.length > 0 ? r.agents.reduce((s, a) => s + a.steps, 0) : r.total_steps;
}

const pairKey = (r: RunRecord) => `${r.repo}/${r.task_id}/${r.features[0]}_${r.features[1]}`;

function interval(successes: number, total: number, unknown: number, confidence: number): Interval {
  const w = wilsonInterval(successes, total, confidence);
  return { successes, total, unknown, rate: w.rate, ci_low: w.low, ci_high: w.high };
}

function shares(counts: Record<SpeechAct, number>, denom: number): Record<SpeechAct, number | null> {
  return Object.fromEntries(SPEECH_ACTS.map((a) => [a, denom > 0 ? counts[a] / denom : null])) as Record<SpeechAct, number | null>;
}

const byModelArm = (a: { model: string; arm: string }, b: { model: string; arm: string }) =>
  a.model < b.model ? -1 : a.model > b.model ? 1 : a.arm < b.arm ? -1 : a.arm > b.arm ? 1 : 0;

function groupOf(t: Transcript, split: keyof typeof GROUPS): string | null {
  if (split === 'conflict_vs_no_conflict') return t.record.merge.naive_conflict === null ? null : t.record.merge.naive_conflict ? 'conflict' : 'no-conflict';
  return t.record.outcome === 'unknown' ? null : t.record.outcome === 'pass' ? 'success' : 'failure';
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);

interface Measure {
  measure: string;
  description: string;
  kind: 'count' | 'rate';
  /** Per transcript value (null: not defined for this transcript, left out). */
  value: (t: Transcript) => number | null;
  paper: ((paper: PaperValues) => Record<string, number>) | null;
}

const MEASURES: Measure[] = [
  { measure: 'turns', description: 'Messages in the transcript.', kind: 'count', value: (t) => t.analysis.messages.length, paper: null },
  {
    measure: 'messages_per_agent',
    description: 'Messages divided by the number of agents who sent at least one.',
    kind: 'count',
    value: (t) => t.analysis.messages.length / Math.max(1, t.analysis.messagesBySender.size),
    paper: null,
  },
  { measure: 'one_sided', description: 'Share of transcripts where only one agent sent messages (Fisher between groups).', kind: 'rate', value: (t) => (t.analysis.messagesBySender.size === 1 ? 1 : 0), paper: null },
  { measure: 'plans', description: 'Messages labelled Plan.', kind: 'count', value: (t) => t.counts.Plan, paper: null },
  { measure: 'questions', description: 'Messages labelled Question.', kind: 'count', value: (t) => t.counts.Question, paper: null },
  { measure: 'answers', description: 'Messages labelled Answer.', kind: 'count', value: (t) => t.counts.Answer, paper: null },
  { measure: 'updates', description: 'Messages labelled Update.', kind: 'count', value: (t) => t.counts.Update, paper: null },
  { measure: 'acks', description: 'Messages labelled Ack.', kind: 'count', value: (t) => t.counts.Ack, paper: null },
  {
    measure: 'plan_question_ratio_per_transcript',
    description: 'Mean over transcripts with at least one Question of Plans / Questions (the per-transcript reading; the pooled ratio is plan_question_ratio_pooled).',
    kind: 'count',
    value: (t) => (t.counts.Question > 0 ? t.counts.Plan / t.counts.Question : null),
    paper: null,
  },
  {
    measure: 'line_mentions',
    description: 'Line-number mentions per transcript (regex matches over all message texts, code included).',
    kind: 'count',
    value: (t) => t.analysis.messages.reduce((s, m) => s + m.features.lineMentions, 0),
    paper: (p) => ({ ...p.line_mentions }),
  },
  {
    measure: 'path_mentions',
    description: 'File-path mentions per transcript (regex matches over all message texts, URLs masked).',
    kind: 'count',
    value: (t) => t.analysis.messages.reduce((s, m) => s + m.features.pathMentions, 0),
    paper: (p) => ({ ...p.path_mentions }),
  },
  { measure: 'unanswered_questions', description: 'Questions (messages that ask) that no later reply of the partner answered or acknowledged.', kind: 'count', value: (t) => t.analysis.unansweredQuestions, paper: null },
  {
    measure: 'first_turn_plan',
    description: 'Share of transcripts whose first message is a Plan (untimed transcripts per untimed_first_turn).',
    kind: 'rate',
    value: (t) => (t.analysis.firstTurnPlan === null ? null : t.analysis.firstTurnPlan ? 1 : 0),
    paper: null,
  },
];

/** Every coop conversation classified once, in every arm (messages in a no-messaging arm are classified too, and kept apart). */
function classifyAll(coop: readonly RunRecord[], opts: CommunicationOptions) {
  const classifyOpts = { ackMaxWords: opts.ack_max_words, nonLatinMax: opts.non_latin_letter_share_max, untimedFirstTurn: opts.untimed_first_turn };
  const analyses = new Map<RunRecord, ConversationAnalysis>();
  let unexpectedMessages = 0;
  let unexpectedConversations = 0;
  let untimed = 0;
  for (const r of coop) {
    if (r.messages.length === 0) continue;
    const a = classifyConversation(r.messages, classifyOpts);
    analyses.set(r, a);
    if (!a.timed) untimed++;
    if (!r.messaging_enabled) {
      unexpectedMessages += r.messages.length;
      unexpectedConversations++;
    }
  }
  const countsOf = (r: RunRecord) => {
    const c = zeroCounts();
    for (const m of analyses.get(r)?.messages ?? []) c[m.act]++;
    return c;
  };
  return { analyses, countsOf, unexpectedMessages, unexpectedConversations, untimed };
}

type ModelArmGroup = { model: string; arm: string; records: RunRecord[] };

/** Speech acts and communication share per (model, arm), for every non-solo arm. */
function speechActsAndShare(coop: readonly RunRecord[], countsOf: (r: RunRecord) => Record<SpeechAct, number>) {
  const groups = new Map<string, ModelArmGroup>();
  for (const r of coop) {
    const key = `${r.model}\0${r.arm}`;
    const g = groups.get(key) ?? { model: r.model, arm: r.arm, records: [] };
    g.records.push(r);
    groups.set(key, g);
  }
  const speech_acts: CommunicationFile['speech_acts'] = [];
  const communication_share: CommunicationFile['communication_share'] = [];
  for (const g of [...groups.values()].sort(byModelArm)) {
    const counts = zeroCounts();
    let messages = 0;
    let steps = 0;
    let conversations = 0;
    for (const r of g.records) {
      const c = countsOf(r);
      for (const a of SPEECH_ACTS) counts[a] += c[a];
      messages += r.messages.length;
      if (r.messages.length > 0) conversations++;
      steps += stepsOf(r);
    }
    speech_acts.push({ model: g.model, arm: g.arm, messages, counts, shares: shares(counts, messages) });
    communication_share.push({ model: g.model, arm: g.arm, conversations, messages, steps, share: steps > 0 ? messages / steps : null, by_act: shares(counts, steps) });
  }
  return { groups, speech_acts, communication_share };
}

type QualitativeRow = CommunicationFile['qualitative'][number];

/** One per-transcript measure compared between the groups of each split. */
function measureRow(m: Measure, transcripts: readonly Transcript[], opts: CommunicationOptions, paper: PaperValues): QualitativeRow {
  const groupsOut: Record<string, { mean: number | null; n: number }> = {};
  const tests: Record<string, TestResult> = {};
  for (const split of Object.keys(GROUPS) as (keyof typeof GROUPS)[]) {
    const [g1, g2] = GROUPS[split];
    const vals: Record<string, number[]> = { [g1]: [], [g2]: [] };
    for (const t of transcripts) {
      const g = groupOf(t, split);
      const v = m.value(t);
      if (g !== null && v !== null) vals[g]!.push(v);
    }
    const x = vals[g1]!;
    const y = vals[g2]!;
    groupsOut[g1] = { mean: mean(x), n: x.length };
    groupsOut[g2] = { mean: mean(y), n: y.length };
    if (m.kind === 'rate') {
      const kx = x.filter((v) => v === 1).length;
      const ky = y.filter((v) => v === 1).length;
      tests[split] = fisherExact(kx, x.length - kx, ky, y.length - ky, opts.fisher_relative_tolerance);
    } else tests[split] = mannWhitneyU(x, y, opts.mann_whitney_continuity_correction);
  }
  return { measure: m.measure, description: m.description, groups: groupsOut, tests, paper: m.paper ? m.paper(paper) : null };
}

/** Plan:Question ratio, pooled per group (sum of Plans / sum of Questions). */
function pooledRatio(transcripts: readonly Transcript[], g: string) {
  let plans = 0;
  let questions = 0;
  let n = 0;
  for (const t of transcripts) {
    if (groupOf(t, 'conflict_vs_no_conflict') !== g) continue;
    plans += t.counts.Plan;
    questions += t.counts.Question;
    n++;
  }
  return { plans, questions, n, ratio: questions > 0 ? plans / questions : null };
}

function planQuestionRow(transcripts: readonly Transcript[], opts: CommunicationOptions, paper: PaperValues) {
  const pqConflict = pooledRatio(transcripts, 'conflict');
  const pqNoConflict = pooledRatio(transcripts, 'no-conflict');
  const row: QualitativeRow = {
    measure: 'plan_question_ratio_pooled',
    description:
      'Total Plans / total Questions over the transcripts of each group (pooled). Test: Fisher on the 2x2 table of Plan vs Question message counts by group (treats messages as independent; indicative only).',
    groups: { conflict: { mean: pqConflict.ratio, n: pqConflict.n }, 'no-conflict': { mean: pqNoConflict.ratio, n: pqNoConflict.n } },
    tests: { conflict_vs_no_conflict: fisherExact(pqConflict.plans, pqConflict.questions, pqNoConflict.plans, pqNoConflict.questions, opts.fisher_relative_tolerance) },
    paper: { 'no-conflict': paper.plan_question_ratio.no_conflict, conflict: paper.plan_question_ratio.conflict },
  };
  return { row, pqConflict, pqNoConflict };
}

/** First-turn planning vs naive-merge conflict. */
function firstTurnPlanOf(transcripts: readonly Transcript[], opts: CommunicationOptions, paper: PaperValues) {
  const withPlan = { k: 0, n: 0, unknown: 0 };
  const withoutPlan = { k: 0, n: 0, unknown: 0 };
  for (const t of transcripts) {
    const ftp = t.analysis.firstTurnPlan;
    if (ftp === null) continue;
    const cell = ftp ? withPlan : withoutPlan;
    const c = t.record.merge.naive_conflict;
    if (c === null) cell.unknown++;
    else {
      cell.n++;
      if (c) cell.k++;
    }
  }
  const first_turn_plan = {
    with_plan: interval(withPlan.k, withPlan.n, withPlan.unknown, opts.confidence),
    without_plan: interval(withoutPlan.k, withoutPlan.n, withoutPlan.unknown, opts.confidence),
    test: fisherExact(withPlan.k, withPlan.n - withPlan.k, withoutPlan.k, withoutPlan.n - withoutPlan.k, opts.fisher_relative_tolerance),
  };
  const row: QualitativeRow = {
    measure: 'first_turn_plan_conflict_rate',
    description: 'Naive-merge conflict rate of transcripts whose first message is a Plan (with_plan) vs not (without_plan). Test: Fisher.',
    groups: { with_plan: { mean: first_turn_plan.with_plan.rate, n: withPlan.n }, without_plan: { mean: first_turn_plan.without_plan.rate, n: withoutPlan.n } },
    tests: { with_vs_without: first_turn_plan.test },
    paper: { ...paper.first_turn_plan_conflict_rate },
  };
  return { first_turn_plan, row };
}

export function computeCommunication(records: readonly RunRecord[], opts: CommunicationOptions, paper: PaperValues = paperValues(), subsets: readonly ReferenceSubset[] = []): CommunicationFile {
  const coop = records.filter((r) => r.setting !== 'solo');
  const { analyses, countsOf, unexpectedMessages, unexpectedConversations, untimed } = classifyAll(coop, opts);
  const { groups, speech_acts, communication_share } = speechActsAndShare(coop, countsOf);

  // Comm vs no-comm per model and era on matched pairs, counted under the analysis policies.
  const { observations, plans } = policyObservations(records, opts, subsets);
  const comm_vs_nocomm = commVsNocomm(observations, opts);

  // Qualitative measures over coop transcripts with messages in messaging arms.
  const transcripts: Transcript[] = coop.filter((r) => r.messaging_enabled && analyses.has(r)).map((r) => ({ record: r, analysis: analyses.get(r)!, counts: countsOf(r) }));
  const qualitative: CommunicationFile['qualitative'] = MEASURES.map((m) => measureRow(m, transcripts, opts, paper));
  const { row: pqRow, pqConflict, pqNoConflict } = planQuestionRow(transcripts, opts, paper);
  qualitative.push(pqRow);
  const { first_turn_plan, row: ftpRow } = firstTurnPlanOf(transcripts, opts, paper);
  qualitative.push(ftpRow);

  // Communication share beside the paper's per-model bars (the models differ; the keys say which is which).
  qualitative.push({
    measure: 'communication_share_by_model',
    description: 'Messages / agent steps per model in messaging arms (groups keyed "model/arm"); paper: Figure 5(c) bar labels for its five models.',
    groups: Object.fromEntries(communication_share.filter((c) => groups.get(`${c.model}\0${c.arm}`)!.records.some((r) => r.messaging_enabled)).map((c) => [`${c.model}/${c.arm}`, { mean: c.share, n: c.conversations }])),
    tests: {},
    paper: { ...paper.communication_share },
  });

  return {
    schema: 'cooperbench-repro/communication@1',
    policy: { unknown_outcomes: opts.unknown_outcomes, solo_agent1: opts.solo_agent1, eras: opts.eras },
    parameters: {
      ...opts,
      speech_act_rules: SPEECH_ACT_RULES.map((r) => r.name).join(' > '),
      speech_act_method: 'deterministic ordered rules on the message prose (src/speech-act-rules.ts); first matching rule wins',
      message_order: 'timestamp order (stable) when every timestamp is present; stored order otherwise (untimed)',
      self_prefix: 'leading "agentN:" / "[agentN]" / "agentN here:" stripped before classification',
      steps: 'sum of agents[].steps; total_steps when a record has no per-agent runs (legacy imports)',
      communication_share_by_act: 'by_act[act] = messages of that act / steps, so by_act sums to share',
      matching: 'per model and era, pairs keyed repo/task_id/features present in both arms; success uses pairs with a counted outcome (under unknown_outcomes) in both arms, conflict pairs with a known naive_conflict in both',
      transcripts: 'records in messaging arms (messaging_enabled) with at least one message; messages in no-messaging arms are counted in speech_acts and communication_share only',
      mann_whitney: 'U of the first group from simple-statistics wilcoxonRankSum; two-sided normal approximation with tie-corrected variance; effect = U / (n1 n2)',
      fisher: 'two-sided, sum of hypergeometric pmf (stdlib) of tables with p <= p_obs * (1 + tol); effect = sample odds ratio',
      line_mention_regex: LINE_MENTION.source,
      path_mention_rule: `token with a slash whose last segment has an extension, or two or more slashes, or a bare name with extension in {${FILE_EXTENSIONS.join(',')}}; URLs masked`,
      messages_in_no_messaging_arms: unexpectedMessages,
      conversations_in_no_messaging_arms: unexpectedConversations,
      untimed_conversations: untimed,
    },
    inputs: {
      records: records.length,
      synthetic_records: records.filter((r) => r.synthetic).length,
      coop_records: coop.length,
      conversations_with_messages: analyses.size,
      plans,
      missing_pairs: plans.reduce((sum, p) => sum + p.missing, 0),
      eras: erasOf(observations),
    },
    speech_acts,
    communication_share,
    comm_vs_nocomm,
    qualitative,
    first_turn_plan,
    plan_question_ratio: { no_conflict: pqNoConflict.ratio, conflict: pqConflict.ratio, paper: { ...paper.plan_question_ratio } },
  };
}
