import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerResult, WorkerTask } from './task-worker.js';

const WORKER_FILE = fileURLToPath(new URL('./task-worker.js', import.meta.url));

/**
 * A second thread that runs command modules (task-worker.ts), several at once if asked: the pipeline
 * sends it every stage that is not a figure, so that they run beside the figures, and each library is
 * loaded by one thread only. Started on first use; a thread that dies ends its tasks with exit code 1,
 * and the next task starts a new one.
 */
export class CommandThread {
  private worker: Worker | null = null;
  /** Per task index under way: its id (for an error line) and how to end it. */
  private readonly pending = new Map<number, { id: string; done: (code: number) => void }>();

  private start(): Worker {
    const worker = new Worker(WORKER_FILE);
    worker.on('message', (r: WorkerResult) => {
      this.pending.get(r.index)?.done(r.code);
      this.pending.delete(r.index);
    });
    worker.on('error', (err) => {
      // An error thrown outside a command's own promise chain ends the thread, and every command under way on it.
      const under = [...this.pending.values()].map((p) => p.id).join(', ');
      process.stderr.write(`error (unexpected, in the pipeline's command thread, running ${under || 'nothing'}): ${err.stack ?? err.message}\n`);
      this.retire(worker);
    });
    worker.on('exit', () => this.retire(worker));
    return worker;
  }

  private retire(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const { done } of this.pending.values()) done(1);
    this.pending.clear();
  }

  /** Runs task `index` (`id`) with its command module on the thread; resolves to its exit code (1 when the thread died). */
  run(index: number, id: string, module: string, args: string[]): Promise<number> {
    this.worker ??= this.start();
    const worker = this.worker;
    return new Promise<number>((resolve) => {
      this.pending.set(index, { id, done: resolve });
      worker.postMessage({ index, module, args } satisfies WorkerTask);
    });
  }

  /** Lets the thread finish writing its output and end. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage(null);
    await exited;
  }
}
