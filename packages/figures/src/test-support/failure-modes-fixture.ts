import { writeTempJson } from './temp-json.js';
import { CAUSES, SYMPTOMS, type CommErrorCode, type CommErrorGroup, type FailureModesFile, type Interval, type Symptom } from '@cooperbench-repro/contracts';
import { wilson } from './fixture.js';
import { paperCsv } from './paper-csv.js';

/**
 * A small hand-written data/failure-modes.json: two models (model-a with 40 conversations, model-b with
 * 30), judged by an LLM judge (`judge: 'complete'`) or not (`judge: 'not-run'`: every judge-based number
 * is null, the heuristic estimates stay). Counts are hand-written; rates and Wilson 95% intervals derive
 * from them. One model name and one mapping cause are full of LaTeX/Markdown special characters only in
 * the tests that ask for them.
 */

export type FixtureJudge = 'complete' | 'not-run' | 'partial';

function interval(k: number, n: number, unknown = 0): Interval {
  return { successes: k, total: n, unknown, ...wilson(k, n) };
}

/** model -> conversations, average turns, judge counts per code, heuristic counts per group. */
export const FM_FIXTURE: Record<
  string,
  { conversations: number; avg_turns: number; codes: Partial<Record<CommErrorCode, number>>; heuristic: { repetition: number; unresponsiveness: number } }
> = {
  'model-a': { conversations: 40, avg_turns: 12.25, codes: { C4a: 6, C4b: 4, C1a: 2, C1b: 1, C2: 1, plan_drift: 1, C3a: 2, C3b: 1 }, heuristic: { repetition: 12, unresponsiveness: 5 } },
  'model-b': { conversations: 30, avg_turns: 4.5, codes: { C4a: 1, C1a: 4, C2: 2, C3a: 1 }, heuristic: { repetition: 2, unresponsiveness: 8 } },
};

const GROUP_CODES: Record<CommErrorGroup, CommErrorCode[]> = {
  repetition: ['C4a', 'C4b'],
  unresponsiveness: ['C1a', 'C1b', 'C2'],
  hallucination: ['plan_drift', 'C3a', 'C3b'],
};

/** Primary-symptom counts over the 60 failed runs with a coordination label (judge complete). */
const PRIMARY: Record<Symptom, number> = {
  work_overlap: 20,
  divergent_architecture: 17,
  repetition: 9,
  unresponsiveness: 5,
  unverifiable_claims: 3,
  broken_commitment: 2,
  dependency_access: 1,
  placeholder_misuse: 1,
  parameter_flow: 1,
  timing_dependency: 1,
};
/** The paper's Table 1 percent per symptom, from the committed paper_reference_numbers.csv. */
const PAPER = Object.fromEntries(SYMPTOMS.map((s) => [s, paperCsv().get('table1_symptom_share', s)])) as Record<Symptom, number>;
const HEURISTIC_SYMPTOMS: Partial<Record<Symptom, number>> = { work_overlap: 30, repetition: 14, unresponsiveness: 13 };
const FAILED_RUNS = 80;
const FAILED_JUDGED = 72;
const IMPL_ONLY = 12; // 72 judged - 60 with a coordination label

export const FIXTURE_MAPPING: FailureModesFile['table2']['mapping'] = [
  { symptom: 'work_overlap', cause: 'expectation', provenance: 'paper' },
  { symptom: 'divergent_architecture', cause: 'expectation', provenance: 'ours' },
  { symptom: 'repetition', cause: 'communication', provenance: 'paper' },
  { symptom: 'unresponsiveness', cause: 'communication', provenance: 'paper' },
  { symptom: 'unverifiable_claims', cause: 'commitment', provenance: 'paper' },
  { symptom: 'broken_commitment', cause: 'commitment', provenance: 'paper' },
  { symptom: 'dependency_access', cause: 'communication', provenance: 'ours' },
  { symptom: 'placeholder_misuse', cause: 'commitment', provenance: 'ours' },
  { symptom: 'parameter_flow', cause: 'communication', provenance: 'ours' },
  { symptom: 'timing_dependency', cause: 'commitment', provenance: 'ours' },
];

/**
 * A human-coded series (gold set) for model-a only, 36 coded conversations: repetition 5 (C4a 4, C4b 1),
 * unresponsiveness 7 (C1a 6, C1b 1), hallucination 3 (C3b 1, plan drift 3, one conversation with both);
 * Table 1 over 30 coded failed runs, 20 with a coordination symptom, 6 failed runs without messages.
 */
export function humanCodedFixture(): NonNullable<FailureModesFile['human_coded']> {
  const n = 36;
  const g = (k: number, codes: Record<string, number>) => ({ share: interval(k, n), by_code: Object.fromEntries(Object.entries(codes).map(([c, x]) => [c, interval(x, n)])) });
  const primary: Partial<Record<Symptom, number>> = { work_overlap: 14, unresponsiveness: 4, repetition: 2 };
  const causes = { expectation: 14, commitment: 0, communication: 6 };
  return {
    label: 'human-coded (gold set)',
    gold: 'fixture gold set',
    matched_runs: 36,
    runs: [],
    fig6: [
      {
        model: 'model-a',
        conversations: n,
        groups: [
          { group: 'repetition', ...g(5, { C4a: 4, C4b: 1 }) },
          { group: 'unresponsiveness', ...g(7, { C1a: 6, C1b: 1, C2: 0 }) },
          { group: 'hallucination', ...g(3, { C3a: 0, C3b: 1, plan_drift: 3 }) },
        ],
      },
    ],
    table1: {
      failed_runs_coded: 30,
      failed_runs_without_messages: 6,
      implementation_failure_only: 10,
      rows: SYMPTOMS.map((symptom) => ({ symptom, primary_share: interval(primary[symptom] ?? 0, 20), any_label: interval((primary[symptom] ?? 0) + (symptom === 'unresponsiveness' ? 3 : 0), 30) })),
      models: [{ model: 'model-a', failed_runs_coded: 30, implementation_failure_only: 10, rows: SYMPTOMS.map((symptom) => ({ symptom, primary_share: interval(primary[symptom] ?? 0, 20) })) }],
    },
    table2: { derived: true, rows: CAUSES.map((cause) => ({ cause, share: interval(causes[cause], 20) })) },
  };
}

type GoldHeuristic = NonNullable<FailureModesFile['gold_validation']>['heuristics'][number];

function goldHeuristic(heuristic: string, estimates: GoldHeuristic['estimates'], c: { tp: number; fp: number; fn: number; tn: number; kappa: number }, reason: string | null): GoldHeuristic {
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  return { heuristic, estimates, gold: `gold positive of ${heuristic}`, compared: c.tp + c.fp + c.fn + c.tn, skipped: 0, ...c, precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn), validated: reason === null, reason };
}

/**
 * The heuristics against a gold set of 70 coded runs: repetition passes the floors (precision 0.50,
 * kappa 0.40); unanswered questions (Figure 6 unresponsiveness, Table 1 unresponsiveness) and
 * overlapping edits (Table 1 work overlap) fail them. Hand-written counts; kappa as stated.
 */
export function goldValidationFixture(): NonNullable<FailureModesFile['gold_validation']> {
  return {
    gold: 'fixture gold set: 70 conversations coded by a person',
    matched_runs: 70,
    floors: { precision: 0.5, kappa: 0.4 },
    heuristics: [
      goldHeuristic('repetition', { group: 'repetition', symptom: 'repetition' }, { tp: 10, fp: 2, fn: 3, tn: 55, kappa: 0.75 }, null),
      goldHeuristic('unanswered_questions', { group: 'unresponsiveness', symptom: 'unresponsiveness' }, { tp: 2, fp: 11, fn: 4, tn: 53, kappa: 0.12 }, 'precision 0.15 < 0.50 (2 of 13 detections right); kappa 0.12 < 0.40'),
      goldHeuristic('overlapping_edits', { group: null, symptom: 'work_overlap' }, { tp: 1, fp: 0, fn: 30, tn: 39, kappa: 0.03 }, 'kappa 0.03 < 0.40'),
    ],
  };
}

export function failureModesFixture(opts: { synthetic?: boolean; judge?: FixtureJudge; human?: boolean; goldValidation?: boolean } = {}): FailureModesFile {
  const judge = opts.judge ?? 'complete';
  const judged = judge !== 'not-run';
  const fig6: FailureModesFile['fig6'] = Object.entries(FM_FIXTURE).map(([model, m]) => {
    // partial: model-b's transcripts were judged only in part (24 of 30)
    const n = judge === 'partial' && model === 'model-b' ? 24 : m.conversations;
    return {
      model,
      conversations: m.conversations,
      avg_turns: m.avg_turns,
      groups: (['repetition', 'unresponsiveness', 'hallucination'] as const).map((group) => {
        const codes = GROUP_CODES[group];
        const k = codes.reduce((s, c) => s + (m.codes[c] ?? 0), 0);
        const h = group === 'hallucination' ? null : interval(m.heuristic[group], m.conversations);
        return {
          group,
          source: judged ? ('judge' as const) : h ? ('heuristic' as const) : ('none' as const),
          share: judged ? interval(k, n) : null,
          by_code: judged ? Object.fromEntries(codes.map((c) => [c, interval(m.codes[c] ?? 0, n)])) : {},
          heuristic: h,
        };
      }),
    };
  });
  const labelled = Object.values(PRIMARY).reduce((s, x) => s + x, 0);
  const table1: FailureModesFile['table1'] = {
    source: judged ? 'judge' : 'heuristic',
    failed_runs_judged: judged ? FAILED_JUDGED : 0,
    implementation_failure_only: judged ? IMPL_ONLY : 0,
    rows: SYMPTOMS.map((symptom) => ({
      symptom,
      primary_share: judged ? interval(PRIMARY[symptom], labelled) : null,
      any_label: judged ? interval(Math.min(FAILED_JUDGED, PRIMARY[symptom] + 4), FAILED_JUDGED) : null,
      heuristic: HEURISTIC_SYMPTOMS[symptom] === undefined ? null : interval(HEURISTIC_SYMPTOMS[symptom]!, FAILED_RUNS),
      paper_percent: PAPER[symptom],
    })),
  };
  const causeCount = (cause: string) => FIXTURE_MAPPING.filter((r) => r.cause === cause).reduce((s, r) => s + PRIMARY[r.symptom], 0);
  const table2: FailureModesFile['table2'] = {
    source: judged ? 'judge' : 'none',
    mapping: FIXTURE_MAPPING,
    rows: CAUSES.map((cause) => ({
      cause,
      share: judged ? interval(causeCount(cause), labelled) : null,
      paper_percent: paperCsv().get('table2_root_cause_share', cause),
    })),
  };
  const records = 200;
  const conversations = Object.values(FM_FIXTURE).reduce((s, m) => s + m.conversations, 0);
  return {
    schema: 'cooperbench-repro/failure-modes@1',
    parameters: { confidence: 0.95, repetition_similarity: 0.8, truncation: 'head 40 + tail 40 messages' },
    inputs: { records, synthetic_records: opts.synthetic ? records : 0, coop_records: 120, conversations, failed_coop_runs: FAILED_RUNS },
    judge: judged
      ? {
          status: judge,
          note:
            judge === 'partial'
              ? 'LLM judge partial: 6 of 70 conversations were not judged (no cached answer in replay-only mode).'
              : 'LLM judge complete: every conversation and failed run was judged (answers replayed from the cache).',
          mode: judge === 'partial' ? 'replay-only' : 'read-write',
          model: 'gpt-5-2025-08-07',
          rubric_versions: { comm_error: 'comm-error@2', symptoms: 'symptoms@1' },
          calls: judge === 'partial' ? 0 : 14,
          cache_hits: judge === 'partial' ? 136 : 128,
          input_tokens: 512_000,
          output_tokens: 31_000,
          rejected: { 'quote not in transcript': 3, 'fewer than two quotes': 1 },
          not_judged: judge === 'partial' ? { 'no cached answer (replay-only)': 6 } : {},
        }
      : {
          status: 'not-run',
          note: 'LLM judge not run: no API key and no cached answers; judge-based numbers are absent, heuristic estimates only.',
          mode: 'off',
          model: 'gpt-5-2025-08-07',
          rubric_versions: { comm_error: 'comm-error@2', symptoms: 'symptoms@1' },
          calls: 0,
          cache_hits: 0,
          input_tokens: 0,
          output_tokens: 0,
          rejected: {},
          not_judged: { 'judge off': 150 },
        },
    fig6,
    table1,
    table2,
    gold_validation: opts.goldValidation ? goldValidationFixture() : null,
    human_coded: opts.human ? humanCodedFixture() : null,
    runs: [],
  };
}

/** Writes the fixture to a fresh temp directory and returns the file path. */
export function writeFailureModesFixture(opts: { synthetic?: boolean; judge?: FixtureJudge; human?: boolean; goldValidation?: boolean } = {}, mutate?: (d: Record<string, unknown>) => void): string {
  return writeTempJson('figures-fm-fixture-', 'failure-modes.json', failureModesFixture(opts), mutate);
}
