import { statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFileError, issuesFromZod, JUDGE_CACHE_ENTRY_SCHEMA_ID, JudgeCacheEntrySchema, parseJsonText, writeJsonAtomic, type JudgeCacheEntry } from '@cooperbench-repro/contracts';

/** The entry's schema lives in the contracts package (`JudgeCacheEntrySchema`), like every file a stage writes. */
export const CACHE_ENTRY_SCHEMA_ID = JUDGE_CACHE_ENTRY_SCHEMA_ID;
export const CacheEntrySchema = JudgeCacheEntrySchema;
export type CacheEntry = JudgeCacheEntry;

/** What a look-up found: an entry, none, or a file that is there but cannot be used (named, with why). */
export type CacheLookup = { kind: 'hit'; entry: CacheEntry } | { kind: 'missing' } | { kind: 'unreadable'; file: string; reason: string };

/** False only when nothing is at `file` (ENOENT); a stat that fails otherwise (EACCES, ENOTDIR) says maybe. */
function entryMayExist(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true;
  }
}

/** Content-addressed files `<dir>/<first 2 hex>/<key>.json`: diffable, one per call, safe to commit. */
export class ResponseCache {
  constructor(readonly dir: string) {}

  pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The entry, or null when absent. A present but unreadable or invalid entry throws, naming the file and field. */
  async read(key: string): Promise<CacheEntry | null> {
    const found = await this.lookup(key);
    if (found.kind === 'unreadable') throw new Error(`${found.file}: ${found.reason}`);
    return found.kind === 'hit' ? found.entry : null;
  }

  /**
   * Looks an entry up without throwing: truncated, empty, of the wrong shape, stored under another key,
   * a directory or unreadable all come back as `unreadable` with the file and the reason, so the judge
   * can treat them like a missing entry (re-ask, or report) instead of failing one call silently.
   */
  async lookup(key: string): Promise<CacheLookup> {
    const file = this.pathOf(key);
    const unreadable = (reason: string): CacheLookup => ({ kind: 'unreadable', file, reason });
    // Most look-ups of a replayed run miss: a failed read costs an error object and a pool round trip each
    // (~25 ms per 370), a stat without one does not. Any other stat error is left to the read to name.
    if (!entryMayExist(file)) return { kind: 'missing' };
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { kind: 'missing' };
      return unreadable(`expected a readable judge cache entry (${code === 'EISDIR' ? 'a directory' : (err as Error).message})`);
    }
    let value: unknown;
    try {
      value = parseJsonText(file, text);
    } catch (err) {
      // parseJsonText names an empty file, invalid JSON and duplicate keys.
      const issue = err instanceof DataFileError ? err.issues[0] : undefined;
      return unreadable(issue ? `${issue.field ? `field ${issue.field}: ` : ''}expected ${issue.expected} (${issue.message})` : (err as Error).message);
    }
    const parsed = CacheEntrySchema.safeParse(value);
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error).map((i) => `field ${i.field ?? '(entry)'}: expected ${i.expected}`);
      return unreadable(`not a ${CACHE_ENTRY_SCHEMA_ID} (${issues.join('; ')})`);
    }
    if (parsed.data.key !== key) return unreadable(`field key: expected ${key}, found ${parsed.data.key}`);
    return { kind: 'hit', entry: parsed.data };
  }

  /** Atomic (temp file + rename): an interrupted run leaves either the whole entry or none. */
  async write(entry: CacheEntry): Promise<void> {
    const file = this.pathOf(entry.key);
    await mkdir(join(this.dir, entry.key.slice(0, 2)), { recursive: true });
    await writeJsonAtomic(file, entry);
  }
}
