import { parentPort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

/**
 * One worker thread of the pipeline: runs the command modules it is sent (`bundle/command.js` of a
 * stage), one at a time, and answers with each exit code. It imports nothing of its own, so a worker
 * starts with only what its commands load; a module it has loaded once serves every later task.
 */

export interface WorkerTask {
  index: number;
  module: string;
  args: string[];
}
export interface WorkerResult {
  index: number;
  code: number;
}

interface Command {
  run(argv: string[]): Promise<number>;
}

const port = parentPort!;
port.on('message', (task: WorkerTask | null) => {
  if (task === null) return void port.close(); // no more work: the thread ends once its output is flushed
  void (async () => {
    const { command } = (await import(pathToFileURL(task.module).href)) as { command?: Command };
    if (typeof command?.run !== 'function') throw new Error(`${task.module}: expected a module exporting \`command\` (defineCommand); rebuild it with npx nx run-many -t build`);
    const result: WorkerResult = { index: task.index, code: await command.run(task.args) };
    port.postMessage(result);
  })().catch((err: unknown) => {
    // Not a command's failure (run() reports those itself): the module could not be loaded.
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    port.postMessage({ index: task.index, code: 1 } satisfies WorkerResult);
  });
});
