import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { OutcomeSchema, ProblemSchema, statKey, validate } from '@cooperbench-repro/contracts';

/**
 * The incremental index under data/: for every pair directory, a cheap stat fingerprint of its files,
 * its listing, and what came out (a record id or problems; the hash of what was parsed is in the
 * record's sources). A re-collect re-parses only pairs whose fingerprint or run context changed and
 * copies the other records' lines from the previous store verbatim, so an unchanged tree gives a
 * byte-identical store.
 */
export const CollectIndexSchema = z.object({
  schema: z.literal('cooperbench-repro/collect-index@3'),
  /** Hash of the collector's own code: a new parser invalidates every entry. */
  collector: z.string(),
  log_root: z.string(),
  mapping: z.string(),
  /** sha256 of the results store the entries' record ids point into. */
  store_sha256: z.string(),
  /** The store's stat fingerprint when this index was written: while it holds, the store need not be hashed again. */
  store_stat: z.string(),
  /**
   * When the collection that wrote this index began (ms since the epoch; pair-fingerprint.ts). A listing
   * it carried over from an earlier collection is older, but was trusted or checked by this one.
   */
  started_at: z.number(),
  runs: z.record(z.string(), z.string()),
  pairs: z.record(
    z.string(),
    z.object({
      /** statFingerprint of the directory's files. */
      stat: z.string(),
      /** The directory's own stat key and its sorted file names ('/'-joined): reused without listing it again while the key holds. */
      dir: z.string(),
      names: z.string(),
      record_id: z.string().nullable(),
      /** What the run summary needs, so reused records need not be parsed again. */
      brief: z.object({ outcome: OutcomeSchema, total_cost: z.number(), model: z.string() }).nullable(),
      warnings: z.array(ProblemSchema),
      problems: z.array(ProblemSchema),
    }),
  ),
});
export type CollectIndex = z.infer<typeof CollectIndexSchema>;
/** What an index must have been made by and from to be trusted. */
export type CollectIdentity = Pick<CollectIndex, 'collector' | 'log_root' | 'mapping'>;
export type PairIndexEntry = CollectIndex['pairs'][string];

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Loads the previous index, or null when it is absent, unreadable, or made by other code/inputs. */
export function loadIndex(file: string, expect: CollectIdentity): CollectIndex | null {
  if (!existsSync(file)) return null;
  try {
    // The index can be tens of MB and is this code's own cache: plain JSON.parse (no duplicate-key pass), the
    // envelope checked with zod, the entries trusted (the collector fingerprint below guarantees their writer).
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const envelope = validate(file, CollectIndexSchema.omit({ pairs: true }), raw);
    if (typeof raw.pairs !== 'object' || raw.pairs === null) return null;
    const index = { ...envelope, pairs: raw.pairs as CollectIndex['pairs'] };
    if (index.collector !== expect.collector || index.log_root !== expect.log_root || index.mapping !== expect.mapping) return null;
    return index;
  } catch {
    return null; // a damaged index only costs a full re-parse
  }
}

/**
 * The index file's text with its `pairs` (nearly all of it) stringified beforehand, so that this can be
 * done while the store is still being written; `pairs` comes last, as in the index collect() builds.
 */
export function indexText(index: CollectIndex, pairsText: string): string {
  const { pairs: _pairs, ...head } = index;
  return `${JSON.stringify(head).slice(0, -1)},"pairs":${pairsText}}\n`;
}

const RECORD_ID_PREFIX = /^\{"record_id":"((?:[^"\\]|\\.)*)"/;
const NEWLINE = Buffer.from('\n');
/** Bytes of a line decoded to find its record id; a longer id decodes the whole line. */
const ID_PREFIX_BYTES = 1024;

/** One store line: as the parser made it, or the previous store's bytes reused verbatim. */
export type StoreLine = string | Buffer;

/** A previous store as bytes and its lines by record id (views into those bytes, never decoded as a whole). */
export interface StoreLines {
  bytes: Buffer;
  lines: Map<string, Buffer>;
}

/** The stat key (contracts) of a file by name. */
export const fileStat = (file: string): string => statKey(statSync(file));

/**
 * Splits a previous store into its lines by record id, if it is the store the index expects: untouched
 * since the index was written (same stat fingerprint) or, failing that, the same content (sha256).
 * Kept as bytes: a re-collect copies reused lines verbatim, so decoding tens of MB to a string (and
 * encoding them back) would only cost time.
 */
export function loadStoreLines(storeFile: string, expected: { sha256: string; stat: string }): StoreLines | null {
  if (!existsSync(storeFile)) return null;
  const statBefore = fileStat(storeFile);
  const bytes = readFileSync(storeFile);
  // Untouched before and after the read; otherwise the content decides.
  const untouched = statBefore === expected.stat && fileStat(storeFile) === statBefore;
  if (!untouched && sha256(bytes) !== expected.sha256) return null;
  const lines = new Map<string, Buffer>();
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(NEWLINE, start); // a Buffer needle: node 20's indexOf(number) is ~15x slower
    const end = newline === -1 ? bytes.length : newline;
    const line = bytes.subarray(start, end);
    const m = RECORD_ID_PREFIX.exec(line.toString('utf8', 0, ID_PREFIX_BYTES)) ?? RECORD_ID_PREFIX.exec(line.toString('utf8'));
    if (m) lines.set(JSON.parse(`"${m[1]}"`) as string, line);
    start = end + 1;
  }
  return { bytes, lines };
}

/**
 * The store's bytes as pieces: runs of lines reused from the previous store in their old order become
 * one view of its bytes (newlines included), so a one-run change copies a few large pieces rather than
 * tens of thousands of small ones.
 */
function storePieces(lines: readonly StoreLine[], previous: Buffer | null): Buffer[] {
  const pieces: Buffer[] = [];
  let runStart = -1; // [runStart, runEnd): previous-store bytes not yet pushed
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0) pieces.push(previous!.subarray(runStart, runEnd));
    runStart = runEnd = -1;
  };
  for (const line of lines) {
    const offset = typeof line === 'string' || previous === null || line.buffer !== previous.buffer ? -1 : line.byteOffset - previous.byteOffset;
    // A view of the previous store, followed there by its newline (small buffers can share a pool).
    if (offset >= 0 && offset + line.length < previous!.length && previous![offset + line.length] === NEWLINE[0]) {
      if (offset !== runEnd) {
        flush();
        runStart = offset;
      }
      runEnd = offset + line.length + 1;
      continue;
    }
    flush();
    pieces.push(typeof line === 'string' ? Buffer.from(line) : line, NEWLINE);
  }
  flush();
  return pieces;
}

/**
 * The store's bytes (one line per record, each ended by a newline), or null when the previous store
 * already holds exactly them: then it is neither hashed nor rewritten. Reused lines in their old order
 * are recognised without copying anything; otherwise the new bytes are compared with the old.
 */
export function changedStoreBytes(lines: readonly StoreLine[], previous: StoreLines | null): Buffer | null {
  const pieces = storePieces(lines, previous?.bytes ?? null);
  if (previous && pieces.length === 1 && pieces[0]!.length === previous.bytes.length) return null; // one view of it all
  const bytes = Buffer.concat(pieces);
  return previous?.bytes.equals(bytes) ? null : bytes;
}
