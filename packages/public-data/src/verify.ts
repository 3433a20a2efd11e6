import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { resolveInside, type PublicDataFile } from '@cooperbench-repro/contracts';
import type { HashMemo } from './hash-memo.js';

/** Why a file under a root does not count as the manifest's file (null: it does). */
export type FileProblem = null | 'missing' | 'not a regular file' | 'outside the root' | 'wrong size' | 'wrong sha256';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Checks one manifest file under a root: present, a regular file (a symlink is followed only when its
 * target stays inside the root), the right size and, with `hash`, the right sha256 (not read again when
 * `memo` saw this very file, by stat, with that sha256).
 */
export function checkFile(root: string, file: PublicDataFile, opts: { hash: boolean; memo?: HashMemo }): FileProblem {
  const path = resolveInside(root, ...file.local_path.split('/'));
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return 'missing';
  }
  if (stat.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return 'missing';
    }
    if (!real.startsWith(realpathSync(root) + sep)) return 'outside the root';
    stat = lstatSync(real);
  }
  if (!stat.isFile()) return 'not a regular file';
  if (stat.size !== file.bytes) return 'wrong size';
  if (!opts.hash || opts.memo?.knows(path, stat, file.sha256)) return null;
  if (sha256Hex(readFileSync(path)) !== file.sha256) return 'wrong sha256';
  opts.memo?.remember(path, stat, file.sha256);
  return null;
}
