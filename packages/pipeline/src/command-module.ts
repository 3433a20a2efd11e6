import { pathToFileURL } from 'node:url';
import type { CliCommand } from '@cooperbench-repro/contracts';

/** The `command` a module of the pipeline's bundle (bundle/stage-<package>.js) exports (defineCommand). */
async function loadCommand(file: string): Promise<CliCommand> {
  const { command } = (await import(pathToFileURL(file).href)) as { command?: CliCommand };
  if (typeof command?.run !== 'function') throw new Error(`${file}: expected a module exporting \`command\` (defineCommand)`);
  return command;
}

/**
 * Runs a stage's command from its module in the pipeline's bundle and gives its exit code: run() reports
 * the command's own failures; a module that cannot be loaded (a package not built) is one `error:` line
 * and exit 1. Imports no more than a type, so a worker thread that uses it starts with only what its
 * commands load.
 */
export async function runCommandModule(file: string, args: string[]): Promise<number> {
  let command: CliCommand;
  try {
    command = await loadCommand(file);
  } catch (err) {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}; rebuild with npx nx run-many -t build\n`);
    return 1;
  }
  return command.run(args);
}

/**
 * Loads a stage's command module and lets it load what its runs need (CliCommand.prepare, which never
 * rejects), for a thread that would otherwise wait; a module that cannot be loaded is left for its run to report.
 */
export function prepareCommandModule(file: string): Promise<void> {
  return loadCommand(file).then(
    (command) => command.prepare(),
    () => undefined,
  );
}
