import { parentPort } from 'node:worker_threads';
import { runClaimedChunks, sharedJobAt, type SharedJobs } from './job-share.js';
import type { PairJobResult } from './pair-job.js';

/** Worker thread: claims chunks of the shared pair jobs (job-share.ts) alongside the main thread. */

/** Results of claimed chunks, by each chunk's first job index; `done` on the thread's last message. */
export type WorkerReply = { ok: true; done: boolean; chunks: [number, PairJobResult[]][] } | { ok: false; error: string };

/** Results go back at least this often (ms), so the main thread's progress moves while this thread works. */
const REPLY_EVERY_MS = 50;

parentPort?.on('message', (shared: SharedJobs) => {
  try {
    let chunks: [number, PairJobResult[]][] = [];
    let sentAt = performance.now();
    const reply = (done: boolean) => {
      parentPort!.postMessage({ ok: true, done, chunks } satisfies WorkerReply);
      chunks = [];
      sentAt = performance.now();
    };
    runClaimedChunks(shared, (i) => sharedJobAt(shared, i), (start, results) => {
      chunks.push([start, results]);
      if (performance.now() - sentAt > REPLY_EVERY_MS) reply(false);
    });
    reply(true);
  } catch (err) {
    parentPort!.postMessage({ ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) } satisfies WorkerReply);
  }
});
