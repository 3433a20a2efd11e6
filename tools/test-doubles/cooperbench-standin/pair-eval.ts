import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolveInside } from '@cooperbench-repro/contracts';
import type { PairSpec } from '../synthetic-logs/pairs.js';
import { writePairEval } from '../synthetic-logs/pair-writer.js';
import { DEFAULT_AGENT, DEFAULT_MODEL } from './cli-spec.js';
import { drawExecution } from './execution-draw.js';
import { logExec } from './exec-log.js';
import type { Knobs } from './knobs.js';
import { pairKey, type ExecutionRecord, type RunState } from './run-state.js';
import { naiveLocalIso, nowMicros } from './wall-clock.js';

/**
 * Upstream's `_evaluate_single` (doc 1.3, 3.5): an existing eval.json is returned as "skipped"
 * (however stale) unless forced; otherwise the pair is evaluated, which either writes eval.json or
 * "raises" before writing (the seeded missing-eval quirk), leaving no eval.json at all.
 */

export type EvalOutcome =
  | { kind: 'skipped'; bothPassed: boolean; error: string | null }
  | { kind: 'evaluated'; bothPassed: boolean; error: string | null }
  | { kind: 'raised'; error: string };

/** The exception text of a sandbox that timed out before the eval wrote anything (seen in real runs). */
export const EVAL_EXCEPTION = "UnixHTTPConnectionPool(host='localhost', port=None): Read timed out. (read timeout=65)";

export interface EvalContext {
  runName: string;
  state: RunState;
  knobs: Knobs;
}

/** Per-feature test output size, as synthetic-logs writes by default. */
const TEST_OUTPUT_BYTES: [number, number] = [300, 3000];

/** What summary.json and eval_summary.json call an outcome. */
export function evalStatus(o: EvalOutcome): 'pass' | 'fail' | 'error' {
  if (o.kind === 'raised' || o.error) return 'error';
  return o.bothPassed ? 'pass' : 'fail';
}

/**
 * A record for a pair the stand-in has no state for (its state file was lost, or another tool wrote
 * the result): redrawn from what result.json says, as execution one with the default rates.
 */
function fallbackRecord(pairDir: string, setting: 'solo' | 'coop', knobs: Knobs): ExecutionRecord {
  let result: { model?: unknown; agent_framework?: unknown; messages_sent?: unknown } = {};
  try {
    result = JSON.parse(readFileSync(resolveInside(pairDir, 'result.json'), 'utf8')) as typeof result;
  } catch {
    // Upstream's eval does not read result.json either; defaults will do.
  }
  return {
    executions: 1,
    evalAttempts: 0,
    seed: knobs.seed,
    era: knobs.era,
    model: typeof result.model === 'string' ? result.model : DEFAULT_MODEL,
    framework: typeof result.agent_framework === 'string' ? result.agent_framework : DEFAULT_AGENT,
    setting,
    // Messaging is not on disk (doc 1.4); a coop pair that sent messages certainly had it.
    messaging: setting === 'coop' && (typeof result.messages_sent !== 'number' || result.messages_sent > 0),
    agentErrorRate: 0,
  };
}

export function evaluatePair(ctx: EvalContext, setting: 'solo' | 'coop', pair: PairSpec, pairDir: string, force: boolean): EvalOutcome {
  const evalFile = resolveInside(pairDir, 'eval.json');
  if (existsSync(evalFile) && !force) {
    try {
      const old = JSON.parse(readFileSync(evalFile, 'utf8')) as { both_passed?: unknown; error?: unknown };
      return { kind: 'skipped', bothPassed: old.both_passed === true, error: typeof old.error === 'string' && old.error ? old.error : null };
    } catch (err) {
      return { kind: 'raised', error: (err as Error).message };
    }
  }
  const key = pairKey(setting, pair);
  const record = ctx.state.get(key) ?? fallbackRecord(pairDir, setting, ctx.knobs);
  const draw = drawExecution(ctx.runName, pair, record, ctx.knobs);
  ctx.state.set(key, { ...record, evalAttempts: record.evalAttempts + 1 });
  const ev = writePairEval(pairDir, draw, { testOutputBytes: TEST_OUTPUT_BYTES, evaluatedAt: nowMicros(), formatTime: naiveLocalIso }, (file, text) => writeFileSync(file, text));
  logExec(ctx.knobs.execLog, { run: ctx.runName, setting, pair, event: ev.json ? 'eval-done' : 'eval-raised' });
  if (!ev.json) return { kind: 'raised', error: EVAL_EXCEPTION };
  const json = ev.json as { both_passed: boolean; error: string | null };
  return { kind: 'evaluated', bothPassed: json.both_passed, error: json.error };
}
