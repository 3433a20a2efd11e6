import { existsSync } from 'node:fs';
import { Worker, type MessagePort } from 'node:worker_threads';

/** A request as sent to a service worker: its own fields plus the id its reply carries back. */
type WorkerRequest<Req> = Req & { id: number };
/** A service worker's reply: the result's fields, or the error that stopped it. */
type WorkerReply<Res> = (Res & { id: number }) | { id: number; error: string };

interface Pending<Res> {
  resolve: (r: Res) => void;
  reject: (e: Error) => void;
}

/**
 * One worker thread that answers requests in the order sent (png-worker.ts), started on
 * first use. It is unref'd while idle, so it never keeps the process alive; a thread that dies rejects
 * what was pending, and the next request starts a new one.
 */
export class WorkerService<Req extends object, Res extends object> {
  private thread: { worker: Worker; pending: Map<number, Pending<Res>> } | null = null;
  private nextId = 0;
  /** Whether the compiled worker file is there (it is not when a TypeScript test runner runs the sources). */
  readonly available: boolean;

  constructor(
    private readonly file: string,
    private readonly name: string,
  ) {
    this.available = existsSync(file);
  }

  /** Starts the thread if it is not running, so its modules load while the caller does other work. */
  warm(): void {
    if (this.thread || !this.available) return;
    const worker = new Worker(this.file);
    const thread = { worker, pending: new Map<number, Pending<Res>>() };
    worker.unref();
    worker.on('message', (reply: WorkerReply<Res>) => {
      const p = thread.pending.get(reply.id);
      if (!p) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      if ('error' in reply) p.reject(new Error(`${this.name}: ${reply.error}`));
      else p.resolve(reply as Res);
    });
    const retire = (error: Error) => {
      if (this.thread === thread) this.thread = null;
      for (const p of thread.pending.values()) p.reject(error);
      thread.pending.clear();
    };
    worker.on('error', (err) => retire(new Error(`${this.name} thread: ${err.message}`)));
    worker.on('exit', (code) => retire(new Error(`${this.name} thread ended (exit code ${code})`)));
    this.thread = thread;
  }

  request(req: Req): Promise<Res> {
    this.warm();
    const thread = this.thread;
    if (!thread) return Promise.reject(new Error(`${this.name}: no worker file ${this.file}`));
    const id = this.nextId++;
    return new Promise<Res>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.ref(); // the process waits for the answer
      thread.worker.postMessage({ ...req, id } satisfies WorkerRequest<Req>);
    });
  }
}

/** The body of a service worker: answers each request with `handle`'s result, or the error's text. */
export function serveRequests<Req extends object, Res extends object>(port: MessagePort, handle: (req: Req) => Promise<Res> | Res): void {
  port.on('message', (req: WorkerRequest<Req>) => {
    Promise.resolve()
      .then(() => handle(req))
      .then(
        (res) => port.postMessage({ ...res, id: req.id }),
        (err: unknown) => port.postMessage({ id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
}
