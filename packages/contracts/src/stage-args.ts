import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A stage CLI's options (node's parseArgs). On an unknown or malformed option: the error and the
 * usage on stderr, exit code 2 (the convention of every stage CLI).
 */
export function parseStageArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>>['values'] {
  try {
    // --debug is every CLI's (see cli-exit.ts): accepted here so a stage need not declare it.
    return parseArgs({ ...config, options: { ...config.options, debug: { type: 'boolean' } } }).values as ReturnType<typeof parseArgs<T>>['values'];
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}
