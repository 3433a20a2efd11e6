import { PathEscapeError } from '@cooperbench-repro/contracts';
import { ArgparseError, parseArgs } from './argparse.js';
import { programSpec } from './cli-spec.js';
import { evalCommand } from './eval-command.js';
import { logExec } from './exec-log.js';
import { KnobError, readKnobs, type Knobs } from './knobs.js';
import { ParsedValues } from './parsed-values.js';
import { ignoreSigterm, spawnGrandchild, startFailure } from './process-control.js';
import { runCommand } from './run-command.js';
import { UpstreamError } from './upstream-error.js';
import { standinVersion, versionText } from './version.js';

/**
 * The stand-in's flow: parse like upstream's argparse (exit 2), answer -h/--version, then apply the
 * start knobs and run the command. Exit codes follow upstream (doc 1.2.4): 0 after a run whatever
 * the agents did, 1 for uncaught exceptions (printed as a Python traceback's last line).
 */

type Env = Readonly<Record<string, string | undefined>>;

function knobsOrExit(env: Env): Knobs | number {
  try {
    return readKnobs(env);
  } catch (err) {
    if (!(err instanceof KnobError)) throw err;
    process.stderr.write(`cooperbench (synthetic stand-in): ${err.message}\n`);
    return 2;
  }
}

export async function main(argv: readonly string[], env: Env): Promise<number> {
  const knobs = knobsOrExit(env);
  if (typeof knobs === 'number') return knobs;
  const version = standinVersion(knobs.era);
  let parsed;
  try {
    parsed = parseArgs(programSpec(version, versionText(knobs.era)), argv);
  } catch (err) {
    if (!(err instanceof ArgparseError)) throw err;
    process.stderr.write(err.render());
    return 2;
  }
  if (parsed.kind === 'print') {
    process.stdout.write(parsed.text);
    return 0;
  }
  if (parsed.command !== 'run' && parsed.command !== 'eval') {
    process.stderr.write(`cooperbench ${parsed.command}: not supported by the synthetic stand-in (tools/test-doubles/cooperbench-standin only has run and eval)\n`);
    return 1;
  }

  // Knobs act only on real commands, so that `--version` probes neither fail nor use up STANDIN_FAIL_ONCE_FILE.
  try {
    const failure = startFailure(knobs, parsed.command);
    if (failure !== null) return failure;
  } catch (err) {
    if (!(err instanceof KnobError)) throw err;
    process.stderr.write(`cooperbench (synthetic stand-in): ${err.message}\n`);
    return 2;
  }
  if (knobs.ignoreSigterm) ignoreSigterm();
  if (knobs.spawnGrandchild) logExec(knobs.execLog, { run: null, event: 'grandchild', pid: spawnGrandchild() });

  const values = new ParsedValues(parsed.values);
  try {
    return parsed.command === 'run' ? await runCommand(values, knobs, version) : await evalCommand(values, knobs);
  } catch (err) {
    if (err instanceof UpstreamError) {
      process.stderr.write(err.render());
      return 1;
    }
    if (err instanceof PathEscapeError) {
      process.stderr.write(new UpstreamError('ValueError', err.message).render());
      return 1;
    }
    throw err;
  }
}
