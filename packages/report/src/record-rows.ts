import { classifyConversation, DEFAULT_CLASSIFY_OPTIONS, type ClassifyOptions } from '@cooperbench-repro/communication';
import type { CommunicationFile, FailureModesFile, HumanCoded, RunFailureModes, RunRecord } from '@cooperbench-repro/contracts';
import type { StoreView } from './store-view.js';

/** Columns of a runs-table row (the index loaded up front); one array per record keeps the index small. */
export const INDEX_COLUMNS = ['record_id', 'run', 'model', 'arm', 'seed', 'repo', 'task', 'pair', 'outcome', 'merge', 'bucket', 'era', 'flags', 'messages', 'cost', 'steps'] as const;

type HumanRun = HumanCoded['runs'][number];

/**
 * Failure-mode flags of a record: heuristics that fired ("heuristic:repetition"), the judge's
 * communication-error code ("judge:C4a") and symptoms ("symptom:work_overlap"), and the gold set's
 * human communication-error codes ("human:C4a", "human:plan_drift"; plan drift may come beside a code).
 */
export function failureFlags(fm: RunFailureModes | undefined, human?: HumanRun): string[] {
  const flags = fm
    ? Object.entries(fm.heuristics)
        .filter(([, h]) => h.detected)
        .map(([name]) => `heuristic:${name}`)
    : [];
  if (fm?.comm_error.code) flags.push(`judge:${fm.comm_error.code}`);
  for (const l of fm?.symptoms.labels ?? []) flags.push(`symptom:${l.symptom}`);
  if (human && human.comm_error !== 'none') flags.push(`human:${human.comm_error}`);
  if (human?.plan_drift && human.comm_error !== 'plan_drift') flags.push('human:plan_drift');
  return flags;
}

/** Per record id: the stage's failure modes and, where the gold set codes the run, its human codes. */
export interface FailureIndex {
  get(recordId: string): RunFailureModes | undefined;
  human(recordId: string): HumanRun | undefined;
}

export function failureIndex(data: FailureModesFile): FailureIndex {
  const runs = new Map(data.runs.map((r) => [r.record_id, r]));
  const human = new Map((data.human_coded?.runs ?? []).map((r) => [r.record_id, r]));
  return { get: (id) => runs.get(id), human: (id) => human.get(id) };
}

export function indexRow(view: StoreView, i: number, fm: RunFailureModes | undefined, human?: HumanRun): unknown[] {
  const r = view.records[i]!;
  return [r.record_id, r.run, r.model, r.arm, r.seed, r.repo, r.task_id, r.pair, r.outcome, r.merge.outcome, view.bucket[i], view.era[i], failureFlags(fm, human), r.message_count, Math.round(r.total_cost * 1e4) / 1e4, r.total_steps];
}

/** Speech-act options as the communication stage recorded them in its parameters. */
export function classifyOptionsOf(data: CommunicationFile): ClassifyOptions {
  const p = data.parameters;
  const num = (k: string, d: number) => (typeof p[k] === 'number' ? (p[k] as number) : d);
  const first = p['untimed_first_turn'];
  return {
    ackMaxWords: num('ack_max_words', DEFAULT_CLASSIFY_OPTIONS.ackMaxWords),
    nonLatinMax: num('non_latin_letter_share_max', DEFAULT_CLASSIFY_OPTIONS.nonLatinMax),
    untimedFirstTurn: first === 'stored-order' || first === 'either-agent-first' || first === 'exclude' ? first : DEFAULT_CLASSIFY_OPTIONS.untimedFirstTurn,
  };
}

export interface SourceFile {
  path: string;
  /** sha256 of the file's bytes, or null when the log tree is not readable here. */
  sha256: string | null;
}

/** Everything a pair page shows beyond the index row, loaded on demand in chunks. */
export interface PairDetail {
  record: RunRecord;
  bucket: number | null;
  /** Messages in conversation order (stored index), with their speech act and the rule that gave it. */
  conversation: { timed: boolean; order: { index: number; act: string; rule: string }[] };
  failure: RunFailureModes | null;
  sources: SourceFile[];
}

export function pairDetail(view: StoreView, i: number, fm: RunFailureModes | undefined, classify: ClassifyOptions, sources: SourceFile[]): PairDetail {
  const record = view.records[i]!;
  const analysis = record.messages.length > 0 ? classifyConversation(record.messages, classify) : null;
  return {
    record,
    bucket: view.bucket[i] ?? null,
    conversation: {
      timed: analysis?.timed ?? false,
      order: analysis ? analysis.messages.map((m) => ({ index: m.index, act: m.act, rule: m.rule })) : [],
    },
    failure: fm ?? null,
    sources,
  };
}
