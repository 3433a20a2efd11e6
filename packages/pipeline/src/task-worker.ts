import { parentPort } from 'node:worker_threads';
import { runCommandModule } from './command-module.js';

/**
 * The pipeline's command thread (command-thread.ts): runs the stage commands it is sent
 * (bundle/stage-<package>.js), as they come, and answers with each exit code. It imports next to nothing
 * itself, so the thread starts with only what its commands load; a module loaded once serves every later task.
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

const port = parentPort!;
port.on('message', (task: WorkerTask | null) => {
  if (task === null) return void port.close(); // no more work: the thread ends once its output is flushed
  void runCommandModule(task.module, task.args).then((code) => port.postMessage({ index: task.index, code } satisfies WorkerResult));
});
