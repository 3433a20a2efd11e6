import { RunRecordSchema, validate } from '@cooperbench-repro/contracts';
import type { PairIndexEntry } from './collect-index.js';
import { statFingerprint, type KnownListing } from './pair-fingerprint.js';
import type { PairDirRef } from './discover.js';
import { parsePairDir } from './parse-pair.js';
import type { RunContext } from './run-context.js';

/** One pair directory to bring up to date: its previous index entry (if still trusted) and whether the old store has its line. */
export interface PairJob {
  ref: PairDirRef;
  run: string;
  /** The previous entry's fingerprint and listing, when that entry may be reused (its run context is unchanged). */
  previous: { stat: string; listing: KnownListing } | null;
}

/** `reused`: the caller keeps its previous entry and line (not sent back: worker messages stay small). */
export type PairJobResult = { reused: true } | { reused: false; entry: PairIndexEntry; line: string | null };

/**
 * Checks one pair directory's fingerprint and re-parses it only if it changed. Pure apart from reading
 * the directory, so it runs the same in-process and in the worker threads. `listedSince`: when the
 * collection that made the previous entries began (0 for none; see statFingerprint).
 */
export function runPairJob(job: PairJob, ctx: RunContext, listedSince: number): PairJobResult {
  let fingerprint;
  try {
    fingerprint = statFingerprint(job.ref.absDir, job.previous?.listing ?? null, listedSince);
  } catch (err) {
    // The directory cannot be listed (permissions, vanished): this pair is rejected, the collection goes on.
    const e = err as NodeJS.ErrnoException;
    const problem = { severity: 'error' as const, code: 'unreadable-pair-dir', file: job.ref.relDir, field: null, expected: 'a readable pair directory', message: `${e.code ?? ''} ${e.message}`.trim(), run: job.ref.run, pair: job.ref.relDir, rejected_pairs: 1 };
    return { reused: false, entry: { stat: 'unreadable', dir: '', names: '', record_id: null, brief: null, warnings: [], problems: [problem] }, line: null };
  }
  const { stat, dir, names } = fingerprint;
  if (job.previous?.stat === stat) return { reused: true };
  const listing = { stat, dir, names: names.join('/') };
  const parsed = parsePairDir(job.ref, ctx, names);
  if (!parsed.ok) return { reused: false, entry: { ...listing, record_id: null, brief: null, warnings: [], problems: parsed.problems }, line: null };
  const record = validate(`record for ${job.ref.relDir}`, RunRecordSchema, parsed.record);
  return {
    reused: false,
    line: JSON.stringify(record),
    entry: { ...listing, record_id: record.record_id, brief: { outcome: record.outcome, total_cost: record.total_cost, model: record.model }, warnings: parsed.warnings, problems: [] },
  };
}
