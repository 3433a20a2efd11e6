import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import writeFileAtomicImpl from 'write-file-atomic';
import type { z } from 'zod';
import { duplicateJsonKeys } from './json-duplicate-keys.js';

/** One thing wrong with a data file: where (field path) and what was expected there. */
export interface FieldIssue {
  field: string | null;
  expected: string;
  message: string;
}

/** Raised when a data file cannot be read, parsed or validated; its message names file, field and expectation. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: FieldIssue[],
  ) {
    super(
      `${file}: ${issues
        .map((i) => `${i.field ? `field ${i.field}: ` : ''}expected ${i.expected}${i.message ? ` (${i.message})` : ''}`)
        .join('; ')}`,
    );
    this.name = 'DataFileError';
  }
}

/** A JSON file with the same key twice in one object (JSON.parse would keep the last silently). */
export class DuplicateJsonKeyError extends DataFileError {
  override name = 'DuplicateJsonKeyError';
}

/** `agents.agent1.status` style path, with `[3]` for array indices. */
export function formatFieldPath(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Turns zod issues into field issues with a human "expected" (zod 4 issue shapes). */
export function issuesFromZod(error: z.ZodError, pathPrefix: readonly PropertyKey[] = []): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = formatFieldPath([...pathPrefix, ...issue.path]);
    let expected: string;
    switch (issue.code) {
      case 'invalid_type':
        expected = String(issue.expected);
        break;
      case 'invalid_value':
        expected = `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'too_small':
      case 'too_big': {
        const op = issue.code === 'too_small' ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        expected = issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint' ? `a number ${op} ${String(bound)}` : issue.message;
        break;
      }
      case 'unrecognized_keys':
        expected = `no keys ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
        break;
      default:
        expected = issue.message;
    }
    return { field, expected, message: issue.code === 'invalid_type' || issue.code === 'invalid_value' ? issue.message : '' };
  });
}

export function parseJsonText(file: string, text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new DataFileError(file, [
      { field: null, expected: text.trim() === '' ? 'a JSON document (the file is empty)' : 'valid JSON', message: reason },
    ]);
  }
  // JSON.parse keeps the last of two equal keys silently; a file that says two things is an error.
  const duplicates = duplicateJsonKeys(text, value);
  if (duplicates.length > 0) {
    throw new DuplicateJsonKeyError(
      file,
      duplicates.map((d) => ({ field: formatFieldPath([...d.object, d.key]), expected: 'each key once per object', message: `duplicate key ${JSON.stringify(d.key)}` })),
    );
  }
  return value;
}

export function validate<S extends z.ZodType>(file: string, schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new DataFileError(file, issuesFromZod(result.error));
  return result.data;
}

export async function readJsonFile<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new DataFileError(file, [{ field: null, expected: 'a readable file', message: (err as Error).message }]);
  }
  return validate(file, schema, parseJsonText(file, text));
}

export function readJsonFileSync<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataFileError(file, [{ field: null, expected: 'a readable file', message: (err as Error).message }]);
  }
  return validate(file, schema, parseJsonText(file, text));
}

/** Reads a JSON Lines file; an error names the line (as field `line N`). */
export async function readJsonlFile<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new DataFileError(file, [{ field: null, expected: 'a readable file', message: (err as Error).message }]);
  }
  return parseJsonlText(file, text, schema);
}

export function parseJsonlText<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S>[] {
  const out: z.infer<S>[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const where = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new DataFileError(file, [{ field: where, expected: 'one JSON object per line', message: (err as Error).message }]);
    }
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new DataFileError(
        file,
        issuesFromZod(result.error).map((issue) => ({ ...issue, field: `${where}: ${issue.field ?? '(record)'}` })),
      );
    }
    out.push(result.data);
  }
  return out;
}

/**
 * Write to a temp file in the same directory, fsync, rename: readers never see a half-written file.
 * `durable: false` leaves out the fsync, for a file that is rebuilt from others whenever it cannot be
 * vouched for (a cache; the collector's store, which its index checks by stat and sha256): the write is
 * still atomic for readers and for an interrupted process, and does not wait for the disk (an fsync
 * also waits for other files' dirty pages in the same journal commit: 50-150 ms after a re-evaluation
 * rewrote a run's logs). Bytes are written as given, not copied: leave them unchanged until it resolves.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: { durable?: boolean } = {}): Promise<void> {
  // A Buffer view of the same bytes, not Buffer.from(data): that copies (20 ms for the collector's 45 MB store).
  const bytes = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  await writeFileAtomicImpl(file, bytes, { fsync: opts.durable ?? true });
}

/** writeFileAtomic for synchronous callers (a small cache written on the way out of a sync function). */
export function writeFileAtomicSync(file: string, data: string): void {
  writeFileAtomicImpl.sync(file, data);
}

/** Stable JSON (2-space indent, trailing newline) written atomically. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Validates every record before writing, so a stage can never publish a file its readers would reject. */
export async function writeJsonlAtomic<S extends z.ZodType>(file: string, schema: S, records: readonly unknown[]): Promise<void> {
  const lines = records.map((r, i) => JSON.stringify(validate(`${file} (record ${i})`, schema, r)));
  await writeFileAtomic(file, lines.length ? `${lines.join('\n')}\n` : '');
}
