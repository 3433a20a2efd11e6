import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A stage CLI's options (node's parseArgs). On an unknown or malformed option: the error and the
 * usage on stderr, exit code 2 (the convention of every stage CLI).
 */
export function parseStageArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>>['values'] {
  try {
    return parseArgs(config).values;
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}
