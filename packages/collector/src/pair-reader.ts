import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { z } from 'zod';
import { DataFileError, DuplicateJsonKeyError, parseJsonText, validate, type Problem } from '@cooperbench-repro/contracts';
import type { PairDirRef } from './discover.js';
import { decodeUtf8, readGuarded } from './guarded-read.js';

/**
 * The files of one pair directory, read through the guarded reader: every file read is hashed and
 * listed (the record's provenance), and anything wrong with a file becomes a PairError naming it.
 */

export type PairProblem = Omit<Problem, 'severity' | 'run' | 'pair' | 'rejected_pairs'>;

/** Rejects the pair: the problem names the file, field and what was expected. */
export class PairError extends Error {
  constructor(readonly problem: PairProblem) {
    super(problem.message);
  }
}

function fromDataFileError(err: DataFileError, code: string): PairError {
  const issue = err.issues[0]!;
  return new PairError({ code, file: err.file, field: issue.field, expected: issue.expected, message: issue.message || 'value not accepted' });
}

export interface PairReader {
  /** Names in the pair directory. */
  names: ReadonlySet<string>;
  /** `<relDir>/<name>`: how a file is named in problems and provenance. */
  rel(name: string): string;
  text(name: string): string;
  json(name: string): unknown;
  check<S extends z.ZodType>(name: string, shape: S, value: unknown): z.infer<S>;
  /** Files read so far (relative to the log root) and the sha256 over their names and bytes. */
  provenance(): { files: string[]; sha256: string };
}

export function pairReader(ref: PairDirRef, names: ReadonlySet<string>, warn: (p: PairProblem) => void): PairReader {
  const hash = createHash('sha256');
  const filesRead: string[] = [];
  const rel = (name: string) => `${ref.relDir}/${name}`;
  const text = (name: string): string => {
    // Transient: the bytes are decoded and hashed here, before the next file is read.
    const got = readGuarded(ref.root, join(ref.absDir, name), { transient: true });
    if (!got.ok) throw new PairError({ code: got.refusal.code, file: rel(name), field: null, expected: got.refusal.expected, message: got.refusal.message });
    let decoded = decodeUtf8(got.bytes);
    if (decoded === null) {
      warn({ code: 'invalid-utf8', file: rel(name), field: null, expected: 'UTF-8 text', message: 'bytes that are not valid UTF-8 were read as U+FFFD' });
      decoded = got.bytes.toString('utf8');
    }
    hash.update(name).update('\0').update(got.bytes).update('\0');
    filesRead.push(rel(name));
    return decoded;
  };
  return {
    names,
    rel,
    text,
    json(name) {
      try {
        return parseJsonText(rel(name), text(name));
      } catch (err) {
        if (err instanceof DataFileError) throw fromDataFileError(err, err instanceof DuplicateJsonKeyError ? 'duplicate-json-key' : 'invalid-json');
        throw err;
      }
    },
    check(name, shape, value) {
      try {
        return validate(rel(name), shape, value);
      } catch (err) {
        if (err instanceof DataFileError) throw fromDataFileError(err, 'invalid-field');
        throw err;
      }
    },
    provenance: () => ({ files: [...filesRead], sha256: hash.digest('hex') }),
  };
}
