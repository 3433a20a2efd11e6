import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXIT_CODES_HELP, EXIT_USAGE } from './cli-exit.js';

const STACK = /^\s+at /m;

/**
 * The promises every CLI makes (issue 12) that a built CLI breaks, for the CLI's own test: --help exits 0
 * and ends with EXIT_CODES_HELP; an unknown option exits 2 with one `error: ...` line and no stack trace;
 * with --debug the same failure shows its stack trace. `cli` is the built script (a path or file URL);
 * `command` goes first (a CLI with subcommands).
 */
export function cliConventionBreaches(cli: string | URL, command: readonly string[] = []): string[] {
  const file = cli instanceof URL ? fileURLToPath(cli) : cli;
  // Generous: a loaded machine must not fail the check.
  const run = (...args: string[]) => spawnSync(process.execPath, [file, ...command, ...args], { encoding: 'utf8', timeout: 120_000 });
  const breaches: string[] = [];
  const help = run('--help');
  if (help.status !== 0) breaches.push(`--help exits ${help.status}`);
  if (!help.stdout.trimEnd().endsWith(EXIT_CODES_HELP)) breaches.push(`--help does not end with ${JSON.stringify(EXIT_CODES_HELP)}`);
  const bad = run('--no-such-option');
  if (bad.status !== EXIT_USAGE) breaches.push(`an unknown option exits ${bad.status}, not ${EXIT_USAGE}`);
  if (!bad.stderr.startsWith('error: ')) breaches.push(`an unknown option does not print "error: ...": ${JSON.stringify(bad.stderr.slice(0, 200))}`);
  if (STACK.test(bad.stderr)) breaches.push('an unknown option prints a stack trace');
  const debug = run('--no-such-option', '--debug');
  if (debug.status !== EXIT_USAGE || !STACK.test(debug.stderr)) breaches.push(`--debug: an unknown option exits ${debug.status} without its stack trace`);
  return breaches;
}
