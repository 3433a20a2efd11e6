import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { OutcomeSchema, ProblemSchema, statKey, validate } from '@cooperbench-repro/contracts';

/**
 * The incremental index under data/: for every pair directory, a cheap stat fingerprint of its files,
 * the content hash of what was parsed, and what came out (a record id or problems). A re-collect
 * re-parses only pairs whose fingerprint or run context changed and copies the other records' lines
 * from the previous store verbatim, so an unchanged tree gives a byte-identical store.
 */
export const CollectIndexSchema = z.object({
  schema: z.literal('cooperbench-repro/collect-index@2'),
  /** Hash of the collector's own code: a new parser invalidates every entry. */
  collector: z.string(),
  log_root: z.string(),
  mapping: z.string(),
  /** sha256 of the results store the entries' record ids point into. */
  store_sha256: z.string(),
  /** The store's stat fingerprint when this index was written: while it holds, the store need not be hashed again. */
  store_stat: z.string(),
  runs: z.record(z.string(), z.string()),
  pairs: z.record(
    z.string(),
    z.object({
      stat: z.string(),
      sha256: z.string().nullable(),
      record_id: z.string().nullable(),
      /** What the run summary needs, so reused records need not be parsed again. */
      brief: z.object({ outcome: OutcomeSchema, total_cost: z.number(), model: z.string() }).nullable(),
      warnings: z.array(ProblemSchema),
      problems: z.array(ProblemSchema),
    }),
  ),
});
export type CollectIndex = z.infer<typeof CollectIndexSchema>;
export type PairIndexEntry = CollectIndex['pairs'][string];

/**
 * Names, sizes, modification and change times of a pair directory's files: changes whenever upstream
 * rewrites one (ctime also catches a same-size rewrite within the mtime's resolution). Returns the
 * names too, so the parser need not list the directory again.
 */
export function statFingerprint(absDir: string): { stat: string; names: string[] } {
  const names = readdirSync(absDir).sort();
  const parts: string[] = [];
  for (const name of names) {
    // lstat: a symlink (even a looping one) is fingerprinted as itself; the guarded reader decides about it.
    const st = lstatSync(join(absDir, name));
    parts.push(`${name}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`);
  }
  // Stored as a short hash: the index holds one per pair directory and is read on every collection.
  return { stat: createHash('sha1').update(parts.join('|')).digest('base64url'), names };
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Loads the previous index, or null when it is absent, unreadable, or made by other code/inputs. */
export function loadIndex(file: string, expect: { collector: string; log_root: string; mapping: string }): CollectIndex | null {
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

/** Whether the store lines, in order, are exactly the previous store's bytes (then nothing need be written or hashed). */
function isPreviousStore(lines: readonly StoreLine[], previous: StoreLines): boolean {
  let offset = previous.bytes.byteOffset;
  for (const line of lines) {
    if (typeof line === 'string' || line.buffer !== previous.bytes.buffer || line.byteOffset !== offset) return false;
    offset += line.length + 1;
  }
  return offset === previous.bytes.byteOffset + previous.bytes.length;
}

/**
 * The store's bytes (one line per record, each ended by a newline), or null when the previous store
 * already holds exactly them: then it is neither hashed nor rewritten. Reused lines in their old order
 * are recognised without building anything; lines parsed or imported again are compared byte for byte.
 */
export function changedStoreBytes(lines: readonly StoreLine[], previous: StoreLines | null): Buffer | null {
  if (previous && isPreviousStore(lines, previous)) return null;
  const bytes = Buffer.concat(lines.flatMap((line) => [typeof line === 'string' ? Buffer.from(line) : line, NEWLINE]));
  return previous?.bytes.equals(bytes) ? null : bytes;
}
