import { classifyConversation, DEFAULT_CLASSIFY_OPTIONS, type ClassifyOptions } from '@cooperbench-repro/communication';
import type { CommunicationFile, FailureModesFile, RunFailureModes, RunRecord } from '@cooperbench-repro/contracts';
import type { StoreView } from './store-view.js';

/** Columns of a runs-table row (the index loaded up front); one array per record keeps the index small. */
export const INDEX_COLUMNS = ['record_id', 'run', 'model', 'arm', 'seed', 'repo', 'task', 'pair', 'outcome', 'merge', 'bucket', 'era', 'flags', 'messages', 'cost', 'steps'] as const;

/**
 * Failure-mode flags of a record: heuristics that fired ("heuristic:repetition"), the judge's
 * communication-error code ("judge:C4a") and symptoms ("symptom:work_overlap").
 */
export function failureFlags(fm: RunFailureModes | undefined): string[] {
  if (!fm) return [];
  const flags = Object.entries(fm.heuristics)
    .filter(([, h]) => h.detected)
    .map(([name]) => `heuristic:${name}`);
  if (fm.comm_error.code) flags.push(`judge:${fm.comm_error.code}`);
  for (const l of fm.symptoms.labels) flags.push(`symptom:${l.symptom}`);
  return flags;
}

export function failureIndex(data: FailureModesFile): Map<string, RunFailureModes> {
  return new Map(data.runs.map((r) => [r.record_id, r]));
}

export function indexRow(view: StoreView, i: number, fm: RunFailureModes | undefined): unknown[] {
  const r = view.records[i]!;
  return [r.record_id, r.run, r.model, r.arm, r.seed, r.repo, r.task_id, r.pair, r.outcome, r.merge.outcome, view.bucket[i], view.era[i], failureFlags(fm), r.message_count, Math.round(r.total_cost * 1e4) / 1e4, r.total_steps];
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
