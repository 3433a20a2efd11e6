import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublicDataManifest } from '@cooperbench-repro/contracts';
import { fetchPublicData, type FetchOptions } from './fetch.js';
import { loadManifest } from './manifest.js';
import { checkFile } from './verify.js';
import { closedPort, LocalMirror, type MirrorBehaviour } from './test-support/mirror.js';
import { WORKSPACE_ROOT } from './workspace.js';

const manifest = loadManifest();
const silent = { start() {}, tick() {}, stop() {} };
const mirrors: LocalMirror[] = [];
afterEach(async () => {
  await Promise.all(mirrors.splice(0).map((m) => m.close()));
});

async function mirror(behaviour: MirrorBehaviour = {}, m: PublicDataManifest = manifest): Promise<LocalMirror> {
  const started = await LocalMirror.start(m, behaviour);
  mirrors.push(started);
  return started;
}

function options(base: string, dest: string, extra: Partial<FetchOptions> = {}): FetchOptions {
  return { manifest, dest, mirror: base, concurrency: 8, retries: 2, retryDelayMs: 10, timeoutMs: 30_000, progress: silent, ...extra };
}

const tempDest = () => mkdtempSync(join(tmpdir(), 'cb-fetch-'));
const verifiedCount = (dest: string) => manifest.files.filter((f) => checkFile(dest, f, { hash: true }) === null).length;
const partFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.includes('.part-'));

describe('fetch-data from a local mirror', () => {
  it('gets every file of the manifest, each verified by sha256', async () => {
    const m = await mirror();
    const dest = tempDest();
    const summary = await fetchPublicData(options(m.base, dest));
    expect(summary.failures).toEqual([]);
    expect(summary.downloaded).toBe(manifest.files.length);
    expect(summary.downloadedBytes).toBe(manifest.files.reduce((n, f) => n + f.bytes, 0));
    expect(verifiedCount(dest)).toBe(manifest.files.length);
    expect(partFiles(dest)).toEqual([]);
  });

  it('refuses a corrupted file and names it; the file is not written', async () => {
    const bad = manifest.files[5]!.local_path;
    const m = await mirror({ corrupt: new Set([bad]) });
    const dest = tempDest();
    const summary = await fetchPublicData(options(m.base, dest));
    expect(summary.failures).toHaveLength(1);
    expect(summary.failures[0]).toMatchObject({ local_path: bad, kind: 'hash mismatch' });
    expect(summary.failures[0]!.detail).toMatch(/^sha256 [0-9a-f]{64}, expected [0-9a-f]{64}$/);
    expect(existsSync(join(dest, bad))).toBe(false);
    expect(summary.downloaded).toBe(manifest.files.length - 1);
  });

  it('names a file the mirror does not have (404) and does not retry it', async () => {
    const gone = manifest.files[0]!.local_path;
    const m = await mirror({ missing: new Set([gone]) });
    const summary = await fetchPublicData(options(m.base, tempDest()));
    expect(summary.failures).toEqual([expect.objectContaining({ local_path: gone, kind: 'not found' })]);
    expect(summary.failures[0]!.detail).toContain('HTTP 404');
    expect(m.requests.filter((r) => r === gone)).toHaveLength(1);
  });

  it('retries transient errors (503) and then succeeds', async () => {
    const flaky = manifest.files[3]!.local_path;
    const m = await mirror({ flaky: new Map([[flaky, 2]]) });
    const summary = await fetchPublicData(options(m.base, tempDest()));
    expect(summary.failures).toEqual([]);
    expect(m.requests.filter((r) => r === flaky)).toHaveLength(3);
  });

  it('gives up on a transient error after --retries and names the file', async () => {
    const flaky = manifest.files[3]!.local_path;
    const m = await mirror({ flaky: new Map([[flaky, 10]]) });
    const summary = await fetchPublicData(options(m.base, tempDest(), { retries: 1 }));
    expect(summary.failures).toEqual([expect.objectContaining({ local_path: flaky, kind: 'http error', detail: expect.stringContaining('HTTP 503') })]);
  });

  it('with no network: every file is named as not fetched, after one failed attempt each at most', async () => {
    const port = await closedPort();
    const dest = tempDest();
    const summary = await fetchPublicData(options(`http://127.0.0.1:${port}`, dest));
    expect(summary.downloaded).toBe(0);
    expect(summary.failures).toHaveLength(manifest.files.length);
    expect(new Set(summary.failures.map((f) => f.kind))).toEqual(new Set(['no network']));
    expect(summary.failures.some((f) => f.detail.includes('ECONNREFUSED'))).toBe(true);
    expect(readdirSync(dest)).toEqual([]);
  });

  it('resumes an interrupted fetch (the process killed part-way) without downloading verified files again', async () => {
    const m = await mirror();
    const dest = tempDest();
    // First run in a child process, killed once the mirror has served a third of the files.
    const cli = join(WORKSPACE_ROOT, 'packages/public-data/dist/cli.js');
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [cli, 'fetch', '--dest', dest, '--concurrency', '2', '--quiet'], {
      env: { ...process.env, COOPERBENCH_MIRROR: m.base },
      stdio: 'ignore',
    });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (m.requests.length >= manifest.files.length / 3 || child.exitCode !== null) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const before = verifiedCount(dest);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(manifest.files.length);
    m.requests.length = 0;
    const summary = await fetchPublicData(options(m.base, dest));
    expect(summary.failures).toEqual([]);
    expect(summary.verified).toBe(before);
    expect(summary.downloaded).toBe(manifest.files.length - before);
    expect(m.requests).toHaveLength(manifest.files.length - before);
    expect(verifiedCount(dest)).toBe(manifest.files.length);
    rmSync(dest, { recursive: true, force: true });
  });

  it('replaces a damaged local copy and keeps verified ones', async () => {
    const m = await mirror();
    const dest = tempDest();
    await fetchPublicData(options(m.base, dest));
    const damaged = manifest.files[7]!;
    execFileSync('truncate', ['-s', '1', join(dest, damaged.local_path)]);
    m.requests.length = 0;
    const summary = await fetchPublicData(options(m.base, dest));
    expect(summary).toMatchObject({ verified: manifest.files.length - 1, downloaded: 1, failures: [] });
    expect(m.requests).toEqual([damaged.local_path]);
  });
});

describe('data/public/files', () => {
  it('is ignored by git, and nothing under it is tracked', () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: WORKSPACE_ROOT, encoding: 'utf8' });
    expect(git('check-ignore', 'data/public/files/command-a-lite-results/results.json').trim()).toBe(
      'data/public/files/command-a-lite-results/results.json',
    );
    expect(git('ls-files', 'data/public/files')).toBe('');
  });
});
