import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import { statKey } from '@cooperbench-repro/contracts';

/**
 * A pair directory's file names as an earlier collection listed them, with the directory's own stat key
 * then. Adding, removing or renaming an entry changes a directory's ctime, so while the key holds the
 * names need not be listed again (an lstat costs about a third of a readdir, and a re-collect
 * checks every pair directory). Files rewritten in place do not change the directory: every file is
 * still lstat'ed.
 */
export interface KnownListing {
  dir: string;
  /** Sorted names, '/'-joined (a name never contains '/'). */
  names: string;
}

/**
 * A listing is trusted only if the directory's ctime (which, unlike the mtime, cannot be set back)
 * is this much older than the start of the collection that made it: a later change then always gets a
 * different ctime, even with coarse timestamps (the kernel's clock tick; FAT keeps 2 s) or a file
 * server whose clock differs from this one by a few seconds.
 */
export const LISTING_TRUST_MARGIN_MS = 10_000;

export interface PairFingerprint {
  /** Hash of the names, sizes, modification and change times of the directory's files. */
  stat: string;
  /** The directory's stat key and sorted names, to store for the next collection. */
  dir: string;
  names: string[];
}

/**
 * Fingerprints a pair directory's files: changes whenever upstream rewrites one (ctime also catches a
 * same-size rewrite within the mtime's resolution). Returns the names too, so the parser need not list
 * the directory again. `known` (or null) is the previous listing; `listedSince` when it was made.
 */
export function statFingerprint(absDir: string, known: KnownListing | null = null, listedSince = 0): PairFingerprint {
  const dirStat = lstatSync(absDir);
  const dir = statKey(dirStat);
  const trusted = known !== null && known.dir === dir && dirStat.ctimeMs < listedSince - LISTING_TRUST_MARGIN_MS;
  const names = trusted ? (known.names === '' ? [] : known.names.split('/')) : readdirSync(absDir).sort();
  const parts: string[] = [];
  for (const name of names) {
    // lstat: a symlink (even a looping one) is fingerprinted as itself; the guarded reader decides about it.
    // A plain concatenation (absDir is already normal, a name has no separator): path.join costs ~20 % here.
    const st = lstatSync(`${absDir}/${name}`);
    parts.push(`${name}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`);
  }
  // Stored as a short hash: the index holds one per pair directory and is read on every collection.
  return { stat: createHash('sha1').update(parts.join('|')).digest('base64url'), dir, names };
}
