import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pLimit from 'p-limit';
import { resolveInside, type Progress, type PublicDataFile, type PublicDataManifest } from '@cooperbench-repro/contracts';
import { checkFile, sha256Hex } from './verify.js';

/** GitHub's public raw-file address: <base>/<owner>/<name>/<commit>/<path>. */
export const DEFAULT_MIRROR = 'https://raw.githubusercontent.com';

export interface FetchOptions {
  manifest: PublicDataManifest;
  /** Where the files go (data/public/files). */
  dest: string;
  /** Base address; `${mirror}/${owner}/${name}/${commit}/${path}`. */
  mirror: string;
  concurrency: number;
  /** Further attempts after a transient failure (5xx, 429, reset connection, timeout). */
  retries: number;
  /** Before the first retry; doubled after each. */
  retryDelayMs: number;
  timeoutMs: number;
  progress: Progress;
}

export type FetchFailureKind = 'not found' | 'hash mismatch' | 'size mismatch' | 'no network' | 'http error' | 'unsafe destination';

export interface FetchFailure {
  local_path: string;
  url: string;
  kind: FetchFailureKind;
  detail: string;
}

export interface FetchSummary {
  files: number;
  /** Already present and verified: not downloaded again. */
  verified: number;
  downloaded: number;
  downloadedBytes: number;
  failures: FetchFailure[];
}

export function fileUrl(mirror: string, file: PublicDataFile): string {
  const encoded = file.path.split('/').map(encodeURIComponent).join('/');
  return `${mirror.replace(/\/+$/, '')}/${file.repository}/${file.commit}/${encoded}`;
}

class FetchFailed extends Error {
  constructor(
    readonly kind: FetchFailureKind,
    detail: string,
    readonly transient: boolean,
  ) {
    super(detail);
  }
}

const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

/** Node's fetch wraps the socket error in `cause` (sometimes twice). */
function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

async function download(url: string, file: PublicDataFile, timeoutMs: number): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (err) {
    const code = errorCode(err);
    if (code && UNREACHABLE.has(code)) throw new FetchFailed('no network', `cannot reach ${new URL(url).host} (${code})`, false);
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new FetchFailed('http error', timedOut ? `no answer within ${timeoutMs / 1000} s` : `${code ?? (err as Error).message}`, true);
  }
  if (response.status === 404) throw new FetchFailed('not found', `HTTP 404 for ${url}`, false);
  if (!response.ok) {
    await response.body?.cancel();
    const transient = response.status === 429 || response.status >= 500;
    throw new FetchFailed('http error', `HTTP ${response.status} for ${url}`, transient);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length !== file.bytes) throw new FetchFailed('size mismatch', `got ${bytes.length} bytes, expected ${file.bytes}`, false);
  const got = sha256Hex(bytes);
  if (got !== file.sha256) throw new FetchFailed('hash mismatch', `sha256 ${got}, expected ${file.sha256}`, false);
  return bytes;
}

async function downloadWithRetries(url: string, file: PublicDataFile, opts: FetchOptions): Promise<Buffer> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await download(url, file, opts.timeoutMs);
    } catch (err) {
      if (!(err instanceof FetchFailed) || !err.transient || attempt >= opts.retries) throw err;
      await new Promise((r) => setTimeout(r, opts.retryDelayMs * 2 ** attempt));
    }
  }
}

/** Temp file beside the target, then rename: the final name only ever holds verified bytes. */
function writeAtomically(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.part-${process.pid}`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Downloads every manifest file that is not already present and verified under `dest`. Files that
 * fail are named in the summary and never written; when the network is unreachable the remaining
 * downloads are abandoned at once instead of each timing out.
 */
export async function fetchPublicData(opts: FetchOptions): Promise<FetchSummary> {
  const summary: FetchSummary = { files: opts.manifest.files.length, verified: 0, downloaded: 0, downloadedBytes: 0, failures: [] };
  const limit = pLimit(opts.concurrency);
  let offline = false;
  opts.progress.start(opts.manifest.files.length, 'fetch-data');
  const fetchOne = async (file: PublicDataFile): Promise<void> => {
    const url = fileUrl(opts.mirror, file);
    try {
      const target = resolveInside(opts.dest, ...file.local_path.split('/'));
      if (isSymlink(target)) throw new FetchFailed('unsafe destination', `${target} is a symlink; refusing to write through it`, false);
      if (checkFile(opts.dest, file, { hash: true }) === null) {
        summary.verified++;
        return;
      }
      if (offline) throw new FetchFailed('no network', 'not tried: the network was unreachable', false);
      const bytes = await downloadWithRetries(url, file, opts);
      writeAtomically(target, bytes);
      summary.downloaded++;
      summary.downloadedBytes += bytes.length;
    } catch (err) {
      const failure = err instanceof FetchFailed ? err : new FetchFailed('http error', (err as Error).message, false);
      if (failure.kind === 'no network') offline = true;
      summary.failures.push({ local_path: file.local_path, url, kind: failure.kind, detail: failure.message });
    } finally {
      opts.progress.tick();
    }
  };
  await Promise.all(opts.manifest.files.map((file) => limit(() => fetchOne(file))));
  opts.progress.stop();
  summary.failures.sort((a, b) => (a.local_path < b.local_path ? -1 : 1));
  return summary;
}
