import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerResult, WorkerTask } from './task-worker.js';

const WORKER_FILE = fileURLToPath(new URL('./task-worker.js', import.meta.url));

interface PoolWorker {
  thread: Worker;
  /** Command modules this thread has loaded: a task goes where its module already is, if that thread is free. */
  loaded: Set<string>;
  busy: boolean;
}

/**
 * Worker threads that run command modules, so independent stages and figures use every core while
 * each thread still loads a module (vega, the fonts) once for all its tasks. Threads start on demand,
 * at most `size`; the caller never runs more than `size` tasks at once.
 */
export class WorkerPool {
  private readonly workers: PoolWorker[] = [];

  constructor(private readonly size: number) {}

  private acquire(module: string): PoolWorker {
    const free = this.workers.filter((w) => !w.busy);
    let worker = free.find((w) => w.loaded.has(module)) ?? (this.workers.length < this.size ? undefined : free[0]);
    if (!worker) {
      worker = { thread: new Worker(WORKER_FILE), loaded: new Set(), busy: false };
      this.workers.push(worker);
    }
    worker.busy = true;
    worker.loaded.add(module);
    return worker;
  }

  /** Runs one task on a free thread; resolves to its exit code (1 when the thread itself died). */
  run(index: number, module: string, args: string[]): Promise<number> {
    const worker = this.acquire(module);
    return new Promise<number>((resolve) => {
      const onMessage = (r: WorkerResult) => {
        if (r.index !== index) return;
        worker.thread.off('error', onError);
        worker.thread.off('message', onMessage);
        worker.busy = false;
        resolve(r.code);
      };
      const onError = (err: Error) => {
        // An error thrown outside the command's own promise chain ends the thread: retire it.
        process.stderr.write(`error (unexpected, in a pipeline worker): ${err.stack ?? err.message}\n`);
        worker.thread.off('message', onMessage);
        this.workers.splice(this.workers.indexOf(worker), 1);
        resolve(1);
      };
      worker.thread.on('message', onMessage);
      worker.thread.once('error', onError);
      worker.thread.postMessage({ index, module, args } satisfies WorkerTask);
    });
  }

  /** Lets every thread finish writing its output and end. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        const exited = once(w.thread, 'exit');
        w.thread.postMessage(null);
        await exited;
      }),
    );
    this.workers.length = 0;
  }
}
