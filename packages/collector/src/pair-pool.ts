import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runClaimedChunks, shareJobs, type SharedJobs } from './job-share.js';
import { runPairJob, type PairJob, type PairJobResult } from './pair-job.js';
import type { Progress } from '@cooperbench-repro/contracts';
import type { RunContext } from './run-context.js';
import type { WorkerReply } from './pair-worker.js';

export interface PoolOptions {
  /** Worker threads besides the main one; 0 runs everything on the main thread. Default: one per further core (up to 3). */
  workers?: number;
  /** Below this many jobs, in-process is faster than starting workers. */
  minJobsForWorkers?: number;
  /** false: the main thread claims no job while workers run (a test of the workers' path). Default true. */
  mainThreadClaims?: boolean;
}

/** Replaced by `true` in the bundles (tools/build/bundle-cli.mjs, an esbuild define); not defined in dist/ or the sources. */
declare const __COOPERBENCH_BUNDLED__: true | undefined;

/**
 * The worker thread's file, of the same build as the code running: in a bundle, bundle/pair-worker.js (one
 * file and its shared chunks, which a thread loads ~70 ms faster than the compiled modules of dist/); else
 * ./pair-worker.js beside this module. Null when it is not there (the sources under a TypeScript test
 * runner). A bundle's import.meta.url points at dist/, so ../bundle/ is the package's folder from both.
 */
function pairWorkerFile(): string | null {
  const bundled = typeof __COOPERBENCH_BUNDLED__ !== 'undefined';
  const file = fileURLToPath(new URL(bundled ? '../bundle/pair-worker.js' : './pair-worker.js', import.meta.url));
  return existsSync(file) ? file : null;
}

/** How long the main thread works on its share before it lets worker replies (progress) in. */
const YIELD_EVERY_MS = 30;

/** Pair jobs under way: `finish` runs the main thread's share and resolves to every result, in job order. */
export interface PairWork {
  finish(): Promise<PairJobResult[]>;
}

/**
 * Runs pair jobs on the main thread and, when there are enough of them, worker threads (the collector
 * is CPU-bound on JSON parsing, hashing and stat calls): one worker per further core, all claiming
 * chunks of one shared job list (job-share.ts). The workers can be started before the jobs are known
 * (`startEarly`), so that their start-up (a V8 isolate and the bundle) overlaps the index load and the
 * directory scan.
 */
export class PairPool {
  private readonly wanted: number;
  private readonly minJobs: number;
  private readonly mainThreadClaims: boolean;
  private workers: PoolWorker[] | null = null;

  constructor(opts: PoolOptions = {}) {
    this.wanted = opts.workers ?? Math.min(availableParallelism(), 4) - 1;
    this.minJobs = opts.minJobsForWorkers ?? 2000;
    this.mainThreadClaims = opts.mainThreadClaims ?? true;
  }

  /** Starts the workers now if `expectedJobs` (the previous collection's pair count) would use them. */
  startEarly(expectedJobs: number): void {
    if (this.workers === null && this.wanted > 0 && expectedJobs >= this.minJobs) this.workers = this.startWorkers();
  }

  /** Hands the jobs to the workers (they begin at once); the main thread joins in on `finish()`. */
  start(root: string, jobs: PairJob[], contexts: Map<string, RunContext>, listedSince: number, progress: Progress): PairWork {
    if (this.workers === null && this.wanted > 0 && jobs.length >= this.minJobs) this.workers = this.startWorkers();
    const shared = shareJobs(root, jobs, contexts, listedSince);
    const results: PairJobResult[] = new Array(jobs.length);
    const record = (start: number, chunk: PairJobResult[]) => {
      chunk.forEach((r, i) => (results[start + i] = r));
      progress.tick(chunk.length);
    };
    const helpers = this.workers ?? [];
    const helperRuns = helpers.map((w) => runOnWorker(w, shared, record));
    for (const run of helperRuns) run.catch(() => {}); // settled in finish(); this only keeps a failure before that from going unhandled
    const jobAt = (i: number) => jobs[i]!;
    return {
      finish: async () => {
        try {
          if (this.mainThreadClaims || helpers.length === 0) await runMainShare(shared, jobAt, record, helpers.length > 0);
          const failures = (await Promise.allSettled(helperRuns)).flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error).message ?? r.reason)] : []));
          if (failures.length > 0) finishOnMainThread(results, jobAt, shared, record, failures);
          return results;
        } finally {
          this.close();
        }
      },
    };
  }

  /**
   * Ends the workers without waiting for them: their teardown overlaps what follows, and unref'd they
   * do not hold the process open. Safe to call again, and on a path where no work ran (an error).
   */
  close(): void {
    for (const { worker } of this.workers ?? []) {
      worker.unref();
      void worker.terminate();
    }
    this.workers = [];
  }

  private startWorkers(): PoolWorker[] | null {
    const file = pairWorkerFile();
    if (file === null) return null;
    const started: PoolWorker[] = [];
    try {
      for (let i = 0; i < this.wanted; i++) {
        const w: PoolWorker = { worker: new Worker(file), failure: null, exited: false };
        // Listened from the start: a worker started early can fail before it is given work.
        w.worker.on('error', (err) => (w.failure ??= err));
        w.worker.on('exit', () => (w.exited = true));
        started.push(w);
      }
    } catch (err) {
      for (const { worker } of started) void worker.terminate();
      throw err;
    }
    return started;
  }
}

interface PoolWorker {
  worker: Worker;
  failure: Error | null;
  exited: boolean;
}

/** The main thread's share: chunks claimed until none is left, pausing now and then for worker replies. */
async function runMainShare(shared: SharedJobs, jobAt: (i: number) => PairJob, record: (start: number, chunk: PairJobResult[]) => void, yieldToWorkers: boolean): Promise<void> {
  for (;;) {
    const sliceStart = performance.now();
    if (runClaimedChunks(shared, jobAt, record, () => yieldToWorkers && performance.now() - sliceStart > YIELD_EVERY_MS)) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * A worker stopped before its last reply (out of memory, a thread limit, a bug): the jobs it had
 * claimed but not reported run here, so the collection still completes; a job that made it fail
 * fails here too, with its own error.
 */
function finishOnMainThread(results: PairJobResult[], jobAt: (i: number) => PairJob, shared: SharedJobs, record: (start: number, chunk: PairJobResult[]) => void, failures: string[]): void {
  process.stderr.write(`warning: ${failures.join('; ')}; its pairs are collected on the main thread\n`);
  for (let i = 0; i < results.length; i++) {
    if (results[i] !== undefined) continue;
    const job = jobAt(i);
    record(i, [runPairJob(job, shared.contexts[job.run]!, shared.listedSince)]);
  }
}

/** One worker's share: resolves on its last reply, rejects if it fails or stops before that. */
function runOnWorker(w: PoolWorker, shared: SharedJobs, record: (start: number, chunk: PairJobResult[]) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stopped = () => reject(new Error(`collector worker stopped: ${w.failure?.message ?? 'exited'}`));
    if (w.exited) return stopped();
    w.worker.on('message', (m: WorkerReply) => {
      if (!m.ok) return reject(new Error(`collector worker failed: ${m.error}`));
      for (const [start, chunk] of m.chunks) record(start, chunk);
      if (m.done) resolve();
    });
    w.worker.on('exit', stopped); // after an error too; ignored once this worker's share is done
    w.worker.postMessage(shared);
  });
}
