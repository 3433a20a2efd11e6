import { EXIT_OK, reportError, type ExpectedError } from './cli-exit.js';

/**
 * A CLI as a value, so that the pipeline can run many in one process (sparing a process start and a
 * module load per stage and figure, issue 15): the CLI file only runs it on process.argv (runMain).
 * `run` never exits the process: it resolves to the exit code, reporting a failure as every CLI does.
 * It is made by defineCommand in the command's own bundle, so its error classes (UsageError,
 * DataFileError, ...) are the very classes the command throws, whichever bundle calls it.
 */
export interface CliCommand {
  run(argv: string[]): Promise<number>;
  /**
   * Loads what the command's runs will need (libraries, fonts) before the first run, for a caller that
   * has idle time now (the pipeline, while the stages a figure reads are still computing). Optional for
   * the caller and never needed for correctness; it never rejects (a run reports what failed).
   */
  prepare(): Promise<void>;
}

export interface CommandSpec {
  /** What the command does; resolves to its exit code when it ends without an error (nothing means 0). */
  main(argv: string[]): Promise<number | void>;
  /** Errors reported as one `error: ...` line with their exit code (anything else is a bug: exit 1 with its stack). */
  expected: readonly ExpectedError[];
  /** Printed after a usage error. */
  usage: string;
  /** CliCommand.prepare: what to load ahead of the first run (default nothing). */
  prepare?: () => Promise<void>;
}

export function defineCommand(spec: CommandSpec): CliCommand {
  return {
    async run(argv) {
      try {
        return (await spec.main(argv)) ?? EXIT_OK;
      } catch (err) {
        return reportError(err, spec.expected, { usage: spec.usage, argv });
      }
    },
    async prepare() {
      try {
        await spec.prepare?.();
      } catch {
        // only an earlier start was lost: the run loads what it needs and reports what fails
      }
    },
  };
}

/** The whole of a CLI file: runs the command on this process's arguments and exits with a failure's code. */
export function runMain(command: CliCommand): void {
  void command.run(process.argv.slice(2)).then((code) => {
    if (code !== EXIT_OK) process.exit(code);
  });
}
