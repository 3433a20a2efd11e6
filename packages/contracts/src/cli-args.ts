import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * How every CLI of the pipeline reads its command line: node's parseArgs, strict (an unknown option or a
 * missing value throws, and exitOnError turns that into exit 2 with the usage), with -h/--help and
 * --debug (cli-exit.ts) added so that no CLI has to declare them. One helper instead of a copy per CLI.
 */

/** The option declarations parseArgs takes. */
export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

const EVERY_CLI = {
  help: { type: 'boolean', short: 'h', default: false },
  debug: { type: 'boolean', default: false },
} as const;

/** What parseArgs returns for options `O` (plus --help and --debug), strict. */
export type CommandLine<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O & typeof EVERY_CLI; strict: true; allowPositionals: true }>>;

const parse = <O extends OptionsConfig>(argv: readonly string[], options: O, allowPositionals: boolean) =>
  parseArgs({ args: [...argv], options: { ...options, ...EVERY_CLI }, strict: true, allowPositionals }) as CommandLine<O>;

/** The options and positionals (a command, a figure name) of `argv`; the CLI checks the positionals. */
export function parseCommandLine<const O extends OptionsConfig>(argv: readonly string[], options: O): CommandLine<O> {
  return parse(argv, options, true);
}

/** The options of a CLI that takes no positional argument (a stray one is a usage error). */
export function parseOptions<const O extends OptionsConfig>(argv: readonly string[], options: O): CommandLine<O>['values'] {
  return parse(argv, options, false).values;
}

/** --store, --config and --out of an analysis stage, with the defaults every stage documents. */
export function stageFileOptions<const S extends string>(stage: S) {
  return {
    store: { type: 'string', default: 'data/results.jsonl' },
    config: { type: 'string', default: `packages/${stage}/config.json` },
    out: { type: 'string', default: `data/${stage}.json` },
  } as const;
}
