import { existsSync, mkdirSync, readFileSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { statKey, writeFileAtomicSync } from '@cooperbench-repro/contracts';
import { WORKSPACE_ROOT } from './workspace.js';

/** A cache, not data: deleting it only costs one round of hashing. */
const HASH_MEMO_FILE = resolve(WORKSPACE_ROOT, 'node_modules/.cache/cooperbench-repro/public-data-hashes.json');

/**
 * The public files found to have their manifest sha256, by path and stat. Every stage of the real
 * profile resolves the public data, which hashed all 1,088 files (8.9 MB, ~0.14 s) in every process; a
 * file whose stat is unchanged since it was hashed is not read again. The memo is only ever consulted for
 * the sha256 the manifest expects, so a stale or edited memo can make a check slower, never pass a file
 * with other bytes.
 */
export class HashMemo {
  /** Path -> the stat key and sha256 it was last found right with (one entry per file: a rewrite replaces it). */
  private readonly entries: Map<string, string>;
  private changed = false;

  private constructor(
    private readonly file: string,
    entries: Record<string, string>,
  ) {
    this.entries = new Map(Object.entries(entries));
  }

  static load(file: string = HASH_MEMO_FILE): HashMemo {
    if (!existsSync(file)) return new HashMemo(file, {});
    try {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const ok = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
      return new HashMemo(file, ok ? (value as Record<string, string>) : {});
    } catch {
      return new HashMemo(file, {}); // unreadable memo: hash everything again
    }
  }

  private static seen(st: Stats, sha256: string): string {
    return `${statKey(st)}\0${sha256}`;
  }

  /** Whether `path` with this stat was hashed to `sha256` before. */
  knows(path: string, st: Stats, sha256: string): boolean {
    return this.entries.get(path) === HashMemo.seen(st, sha256);
  }

  remember(path: string, st: Stats, sha256: string): void {
    const seen = HashMemo.seen(st, sha256);
    if (this.entries.get(path) === seen) return;
    this.entries.set(path, seen);
    this.changed = true;
  }

  /** Writes the memo if it learned something; a failure (read-only checkout) only means hashing again next time. */
  save(): void {
    if (!this.changed) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileAtomicSync(this.file, `${JSON.stringify(Object.fromEntries(this.entries))}\n`);
      this.changed = false;
    } catch {
      // a cache that cannot be written is only slower
    }
  }
}
