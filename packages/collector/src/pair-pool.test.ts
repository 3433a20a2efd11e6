import { describe, expect, it, vi } from 'vitest';
import { pairDirRefOf } from './discover.js';
import type { PairJob, PairJobResult } from './pair-job.js';
import type { PairPool as PairPoolType } from './pair-pool.js';
import { tempDir } from './test-support/fixture-tree.js';

// The compiled package: the worker file exists only there (under the TypeScript runner the pool runs in-process).
const { PairPool } = (await import(new URL('../dist/pair-pool.js', import.meta.url).href)) as { PairPool: typeof PairPoolType };
const quiet = { start() {}, tick() {}, stop() {} };

/** Jobs for pair directories that do not exist: each result names its own directory (unreadable-pair-dir). */
function missingPairJobs(root: string, n: number): PairJob[] {
  return Array.from({ length: n }, (_, i) => ({ ref: pairDirRefOf(root, `run/solo/repo_task/${i}/f1_f2`), run: 'run', previous: null }));
}
const namedDir = (r: PairJobResult) => (r.reused ? null : r.entry.problems[0]?.file);

describe('PairPool', () => {
  it('gives every result in job order from the worker threads alone (the main thread claiming nothing)', async () => {
    const root = tempDir();
    const jobs = missingPairJobs(root, 500);
    const pool = new PairPool({ workers: 2, minJobsForWorkers: 0, mainThreadClaims: false });
    const results = await pool.start(root, jobs, new Map(), 0, quiet).finish();
    expect(results.map(namedDir)).toEqual(jobs.map((j) => j.ref.relDir));
  });

  it('collects on the main thread what a worker that stopped never reported, and says so', async () => {
    const root = tempDir();
    const jobs = missingPairJobs(root, 300);
    const pool = new PairPool({ workers: 1, minJobsForWorkers: 0, mainThreadClaims: false });
    pool.startEarly(jobs.length);
    const [worker] = (pool as unknown as { workers: { worker: import('node:worker_threads').Worker }[] }).workers;
    await worker!.worker.terminate(); // as if it had run out of memory before its first reply
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const results = await pool.start(root, jobs, new Map(), 0, quiet).finish();
      expect(results.map(namedDir)).toEqual(jobs.map((j) => j.ref.relDir));
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(/^warning: collector worker stopped: .*; its pairs are collected on the main thread\n$/);
    } finally {
      stderr.mockRestore();
    }
  });
});
