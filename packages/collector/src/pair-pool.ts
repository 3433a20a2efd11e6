import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runPairJob, type PairJob, type PairJobResult } from './pair-job.js';
import type { Progress } from '@cooperbench-repro/contracts';
import type { RunContext } from './run-context.js';
import type { WorkerBatch } from './pair-worker.js';

export interface PoolOptions {
  /** Worker threads to use; 0 runs everything in-process. Default: one per core when there is enough work. */
  workers?: number;
  /** Below this many jobs, in-process is faster than starting workers. */
  minJobsForWorkers?: number;
}

const BATCH = 64;

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

/**
 * Runs pair jobs, in worker threads when there are enough of them (the collector is CPU-bound on
 * JSON parsing and hashing; a single thread leaves the other core idle). Results keep the job order.
 */
export async function runPairJobs(jobs: PairJob[], contexts: Map<string, RunContext>, progress: Progress, opts: PoolOptions = {}): Promise<PairJobResult[]> {
  const wanted = opts.workers ?? Math.min(availableParallelism(), 4);
  const workerFile = wanted > 0 && jobs.length >= (opts.minJobsForWorkers ?? 2000) ? pairWorkerFile() : null;
  if (workerFile === null) {
    return jobs.map((job) => {
      const r = runPairJob(job, contexts.get(job.run)!);
      progress.tick();
      return r;
    });
  }

  const contextObject = Object.fromEntries(contexts);
  const results: PairJobResult[] = new Array(jobs.length);
  let next = 0;
  const workers = Array.from({ length: wanted }, () => new Worker(workerFile));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let start = 0;
            const send = () => {
              if (next >= jobs.length) return resolve();
              start = next;
              const batch = jobs.slice(start, start + BATCH);
              next += batch.length;
              const runs = new Set(batch.map((j) => j.run));
              const message: WorkerBatch = { contexts: Object.fromEntries(Object.entries(contextObject).filter(([run]) => runs.has(run))), jobs: batch };
              worker.postMessage(message);
            };
            worker.on('message', (m: { ok: true; results: PairJobResult[] } | { ok: false; error: string }) => {
              if (!m.ok) return reject(new Error(`collector worker failed: ${m.error}`));
              m.results.forEach((r, i) => (results[start + i] = r));
              progress.tick(m.results.length);
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
