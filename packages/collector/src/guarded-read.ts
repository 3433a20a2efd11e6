import { closeSync, lstatSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
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

/**
 * `transient`: the bytes are read into a buffer this thread reuses, so they are only good until its next
 * transient read (for a caller that hashes and decodes them at once). A re-collect reads a re-evaluated
 * run's logs (130 MB on the benchmark tree): a fresh buffer per file costs a page fault per 4 KB.
 */
export function readGuarded(root: string, path: string, opts: { maxBytes?: number; transient?: boolean } = {}): GuardedRead {
  const maxBytes = opts.maxBytes ?? MAX_LOG_FILE_BYTES;
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
    return { ok: true, bytes: opts.transient ? readIntoScratch(path, stat.size) : readFileSync(path) };
  } catch (err) {
    return refuse('unreadable-file', 'a readable regular file', `${errnoOf(err)}; not read`);
  }
}

/** Kept between reads up to this size; a larger file gets a buffer of its own (nothing large stays allocated). */
const SCRATCH_KEPT_BYTES = 16 * 2 ** 20;
let scratch = Buffer.allocUnsafeSlow(1 << 20);

/**
 * The file's `size` bytes (as its stat said; fewer if it shrank), into `scratch` when they fit; an
 * empty-looking file (a pseudo-file may say 0) or a large one is read as readFileSync reads it.
 */
function readIntoScratch(path: string, size: number): Buffer {
  if (size === 0 || size > SCRATCH_KEPT_BYTES) return readFileSync(path);
  if (scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.max(size, scratch.length * 2));
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    while (length < size) {
      const n = readSync(fd, scratch, length, size - length, null);
      if (n === 0) break;
      length += n;
    }
    return scratch.subarray(0, length);
  } finally {
    closeSync(fd);
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
