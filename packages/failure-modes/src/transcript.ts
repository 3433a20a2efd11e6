import { readFileSync } from 'node:fs';
import { conversationOrder, resolveInside, type RunRecord } from '@cooperbench-repro/contracts';

/**
 * What the heuristics and the judge look at for one coop run: the conversation in conversation
 * order (conversationOrder of the shared transcript view, @cooperbench-repro/contracts), both patches (text read from the log tree, hunks from the store) and the test outcome.
 */

export interface TranscriptMessage {
  /** Position in conversation order (0-based): the number quotes and evidence locators refer to. */
  index: number;
  from: string;
  to: string;
  text: string;
  timestamp: number | null;
}

export interface TranscriptPatch {
  feature_id: number | null;
  /** Path relative to the log root, as the store records it. */
  file: string;
  /** The unified diff; null when the log tree is not available (legacy imports, which carry no patch files). */
  text: string | null;
  files: { path: string; hunks: { old_start: number; old_lines: number; new_start: number; new_lines: number }[] }[];
  lines_added: number;
  lines_removed: number;
}

export interface Transcript {
  record_id: string;
  model: string;
  arm: string;
  synthetic: boolean;
  repo: string;
  task_id: number;
  features: readonly [number, number];
  /** Every message has a timestamp, so the order across agents is known. */
  timed: boolean;
  messages: TranscriptMessage[];
  patches: TranscriptPatch[];
  outcome: 'pass' | 'fail' | 'unknown';
  naive_conflict: boolean | null;
  merge_outcome: string;
  feature_results: { feature_id: number; passed: boolean }[];
}

export interface TranscriptOptions {
  /** Log root the store's patch paths are relative to; null: do not read patch texts. */
  logRoot: string | null;
}

export class PatchReadError extends Error {
  constructor(
    readonly file: string,
    readonly recordId: string,
    cause: unknown,
  ) {
    super(`${file}: cannot read the patch of record ${recordId} (${(cause as Error).message}); pass --log-root DIR, the log tree the store was collected from (the collector's report names it, relative to the report's folder)`);
  }
}

export function transcriptOf(record: RunRecord, opts: TranscriptOptions): Transcript {
  const { order, timed } = conversationOrder(record.messages);
  const messages = order.map((i, index) => {
    const m = record.messages[i]!;
    return { index, from: m.from, to: m.to, text: m.text, timestamp: m.timestamp };
  });
  const patches = record.patches.map((p) => {
    let text: string | null = null;
    if (opts.logRoot !== null) {
      // The store's paths come from data: keep them inside the log root.
      const file = resolveInside(opts.logRoot, p.file);
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new PatchReadError(file, record.record_id, err);
      }
    }
    return { feature_id: p.feature_id, file: p.file, text, files: p.files, lines_added: p.lines_added, lines_removed: p.lines_removed };
  });
  return {
    record_id: record.record_id,
    model: record.model,
    arm: record.arm,
    synthetic: record.synthetic,
    repo: record.repo,
    task_id: record.task_id,
    features: record.features,
    timed,
    messages,
    patches,
    outcome: record.outcome,
    naive_conflict: record.merge.naive_conflict,
    merge_outcome: record.merge.outcome,
    feature_results: record.feature_results.map((f) => ({ feature_id: f.feature_id, passed: f.passed })),
  };
}

/** Coop records whose conversation the communication-error judge reads (Figure 6's population). */
export const isConversation = (r: RunRecord) => r.setting === 'coop' && r.messaging_enabled && r.messages.length > 0;
/** Failed coop runs (Table 1's population): a known failure, never an unknown outcome. */
export const isFailedCoopRun = (r: RunRecord) => r.setting === 'coop' && r.outcome === 'fail';
