import { parentPort } from 'node:worker_threads';
import { runPairJob, type PairJob, type PairJobResult } from './pair-job.js';
import type { RunContext } from './run-context.js';

/** Worker thread: runs batches of pair jobs so fingerprinting and parsing use every core. */
export interface WorkerBatch {
  contexts: Record<string, RunContext>;
  jobs: PairJob[];
}

parentPort?.on('message', (batch: WorkerBatch) => {
  try {
    const results: PairJobResult[] = batch.jobs.map((job) => runPairJob(job, batch.contexts[job.run]!));
    parentPort!.postMessage({ ok: true, results });
  } catch (err) {
    parentPort!.postMessage({ ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
  }
});
