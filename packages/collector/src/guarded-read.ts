import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';

/**
 * The one way the collector opens a file under a log root. It refuses what reading could not survive
 * or should not see: anything but a regular file (a FIFO would block forever, a directory or device
 * throws), a symbolic link whose target leaves the root (or loops), a file above the size cap (a string
 * over ~512 MB cannot even be built), and a file it may not read. A refusal names the reason; the
 * caller turns it into a problem for that file's pair and the collection goes on.
 */

/** Above this a log file is not read (upstream's JSON files are kilobytes; trajectories are not read). */
export const MAX_LOG_FILE_BYTES = 256 * 1024 * 1024;

export interface ReadRefusal {
  code: 'not-a-regular-file' | 'symlink-outside-root' | 'file-too-large' | 'unreadable-file';
  expected: string;
  message: string;
}

export type GuardedRead = { ok: true; bytes: Buffer } | { ok: false; refusal: ReadRefusal };

const errnoOf = (err: unknown): string => (err as { code?: string }).code ?? (err as Error).message;

function refuse(code: ReadRefusal['code'], expected: string, message: string): GuardedRead {
  return { ok: false, refusal: { code, expected, message } };
}

const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpathSync(root);
    realRoots.set(root, real);
  }
  return real;
}

export function readGuarded(root: string, path: string, maxBytes = MAX_LOG_FILE_BYTES): GuardedRead {
  let stat;
  try {
    stat = lstatSync(path);
    if (stat.isSymbolicLink()) {
      const target = realpathSync(path); // ELOOP for a link loop
      if (!target.startsWith(realRoot(root) + sep)) return refuse('symlink-outside-root', 'a file inside the log root', `symbolic link to ${target}, outside the log root; not read`);
      stat = statSync(target);
    }
  } catch (err) {
    return refuse('unreadable-file', 'a readable regular file', `${errnoOf(err)}; not read`);
  }
  if (!stat.isFile()) {
    const kind = stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : 'a device or special file';
    return refuse('not-a-regular-file', 'a regular file', `${kind}; not read`);
  }
  if (stat.size > maxBytes) return refuse('file-too-large', `a file of at most ${maxBytes} bytes`, `${stat.size} bytes; not read`);
  try {
    return { ok: true, bytes: readFileSync(path) };
  } catch (err) {
    return refuse('unreadable-file', 'a readable regular file', `${errnoOf(err)}; not read`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text, or null when the bytes are not valid UTF-8 (the caller reports it rather than reading U+FFFD). */
export function decodeUtf8(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
