import { existsSync, writeFileSync } from 'node:fs';
import { resolveInside } from '@cooperbench-repro/contracts';
import { pythonJson } from '../synthetic-logs/json-text.js';
import { assertRunName, InvalidNameError } from '../synthetic-logs/names.js';
import type { Knobs } from './knobs.js';
import { discoverLoggedPairs } from './logged-pairs.js';
import { evalStatus, evaluatePair } from './pair-eval.js';
import type { ParsedValues } from './parsed-values.js';
import { sleep } from './process-control.js';
import { emptyTally, passRate, renderEvalSummary, type EvalEntry } from './run-files.js';
import { RunState } from './run-state.js';
import { loadSubset, parseFeatures } from './subset-tasks.js';
import { UpstreamError } from './upstream-error.js';
import { naiveLocalIso, nowMicros } from './wall-clock.js';

/**
 * `cooperbench eval` (doc 1.3): evaluates the pairs that have result.json but no eval.json (all of
 * them with --force) and writes eval_summary.json for exactly those pairs; with nothing to evaluate
 * it writes nothing and exits 0.
 */

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function evalCommand(v: ParsedValues, knobs: Knobs): Promise<number> {
  const name = v.str('name');
  if (!name) {
    process.stderr.write('error: -n/--name is required for eval command\n');
    return 1;
  }
  const features = parseFeatures(v.str('features'));
  let runName: string;
  try {
    runName = assertRunName(name);
  } catch (err) {
    if (err instanceof InvalidNameError) throw new UpstreamError('ValueError', err.message);
    throw err;
  }
  const subsetName = v.str('subset');
  const subset = subsetName ? loadSubset(v.text('dataset_dir'), subsetName) : null;
  const runDir = resolveInside(v.text('log_dir'), runName);
  const force = v.flag('force');
  const pairs = existsSync(runDir) ? discoverLoggedPairs(runDir, { subset, repo: v.str('repo'), task: v.int('task'), features, force }) : [];
  if (pairs.length === 0) {
    say('no runs found to evaluate');
    return 0;
  }

  say(`cooperbench eval ${runName} [synthetic stand-in: no tests run]`);
  say(`runs: ${pairs.length}`);
  const state = new RunState(runDir);
  const tally = emptyTally();
  const entries: EvalEntry[] = [];
  for (const { setting, pair, dir } of pairs) {
    await sleep(knobs.pairDelayMs);
    const run = `${pair.repo}/${pair.task_id}/${pair.features[0]},${pair.features[1]}`;
    const outcome = evaluatePair({ runName, state, knobs }, setting, pair, dir, force);
    if (outcome.kind === 'skipped') {
      tally.skipped++;
      entries.push({ run, status: 'skip' });
    } else if (outcome.kind === 'raised') {
      tally.errors++;
      entries.push({ run, status: 'error', error: outcome.error });
    } else {
      const status = evalStatus(outcome);
      if (status === 'pass') tally.passed++;
      else if (status === 'fail') tally.failed++;
      else tally.errors++;
      entries.push({ run, status });
    }
    say(`${entries.at(-1)!.status} ${pair.repo}/${pair.task_id} [${pair.features.join(',')}]`);
  }
  writeFileSync(resolveInside(runDir, 'eval_summary.json'), pythonJson(renderEvalSummary(runName, naiveLocalIso(nowMicros()), tally, entries)));
  say(`passed ${tally.passed}, failed ${tally.failed}, errors ${tally.errors}, skipped ${tally.skipped}, pass rate ${(passRate(tally) * 100).toFixed(1)}%`);
  return 0;
}
