/**
 * How every CLI of the pipeline ends: exit 0 done, 1 a data problem, 2 bad usage. An error the CLI
 * expects (bad input named by file and field, a missing file, a bad option) is one `error: ...` line
 * on stderr with its exit code, and its stack trace only with `--debug`; an unexpected error (a bug)
 * keeps its stack trace, since that is the report. One helper instead of a copy per CLI.
 */

export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;

/**
 * The line every CLI's --help ends with, after its own "Exit codes: ..." (which say what 1 and 2 mean
 * for that CLI, and any further code).
 */
export const EXIT_CODES_HELP = 'An expected failure prints "error: ..." on stderr without a stack trace; --debug (any command) adds it.';

/** A bad command line (a missing or contradictory option): exit 2 with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An error the CLI expects (an error class, or a test such as isFileSystemError), and the exit code it ends with. */
export type ExpectedError = readonly [(abstract new (...args: never[]) => Error) | ((err: unknown) => boolean), number];

/** A file-system error (a directory that cannot be created, a full disk): its path and reason say it all. */
export const isFileSystemError = (err: unknown): boolean =>
  err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string';

/** An Error class matches its instances; any other function (arrow or not) is a test. */
const isErrorClass = (what: ExpectedError[0]): what is abstract new (...args: never[]) => Error => what === Error || what.prototype instanceof Error;
const matches = ([what]: ExpectedError, err: unknown): boolean => (isErrorClass(what) ? err instanceof what : (what as (err: unknown) => boolean)(err));

export const debugRequested = (argv: readonly string[] = process.argv): boolean => argv.includes('--debug');

/** Node's parseArgs errors (unknown option, missing value): usage errors. */
const isParseArgsError = (err: unknown): boolean => typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('ERR_PARSE_ARGS');

/** The exit code for an error, or null when it was not expected. */
export function expectedExitCode(err: unknown, expected: readonly ExpectedError[]): number | null {
  if (err instanceof UsageError || isParseArgsError(err)) return EXIT_USAGE;
  return expected.find((e) => matches(e, err))?.[1] ?? null;
}

/**
 * Reports an error as every CLI does (see the top of this file) and gives its exit code, without exiting:
 * a command run in-process (the pipeline) must leave its process alive.
 */
export function reportError(err: unknown, expected: readonly ExpectedError[] = [], opts: { usage?: string; argv?: readonly string[] } = {}): number {
  const code = expectedExitCode(err, expected);
  const message = err instanceof Error ? err.message : String(err);
  const stack = err instanceof Error ? (err.stack ?? message) : message;
  if (code === null) {
    process.stderr.write(`error (unexpected): ${stack}\n`);
    return EXIT_DATA;
  }
  const badCommandLine = err instanceof UsageError || isParseArgsError(err);
  process.stderr.write(`error: ${message}\n${badCommandLine && opts.usage ? `\n${opts.usage}` : ''}`);
  if (debugRequested(opts.argv)) process.stderr.write(`${stack}\n`);
  return code;
}

/** For `main().catch(...)`: reports the error as above and exits. */
export function exitOnError(err: unknown, expected: readonly ExpectedError[] = [], opts: { usage?: string; argv?: readonly string[] } = {}): never {
  process.exit(reportError(err, expected, opts));
}
