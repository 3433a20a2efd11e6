import { drawPair, type PairDraw } from '../synthetic-logs/pair-draw.js';
import type { PairSpec } from '../synthetic-logs/pairs.js';
import { DEFAULT_QUIRKS, type QuirkRates } from '../synthetic-logs/quirks.js';
import type { Knobs } from './knobs.js';
import type { ExecutionInput, ExecutionRecord } from './run-state.js';

/**
 * How one execution of a pair is drawn. The streams are keyed by seed, run name, model, setting,
 * messaging, the pair and the execution index, so re-running an Error pair is a fresh draw. Re-runs
 * and repeated evals default to zero error and missing-eval rates, so that retries converge.
 */

/** The record of the next execution, given the previous record (or, without one, whether result.json exists). */
export function nextExecution(previous: ExecutionRecord | null, hasResult: boolean, input: ExecutionInput, knobs: Knobs): ExecutionRecord {
  const index = previous ? previous.executions : hasResult ? 1 : 0;
  return {
    executions: index + 1,
    evalAttempts: 0,
    ...input,
    agentErrorRate: index === 0 ? (knobs.errorRate ?? DEFAULT_QUIRKS.agentError) : (knobs.errorRateRerun ?? 0),
  };
}

/**
 * Missing-eval rates for the record's next eval attempt, decided when the eval runs (so the knob set
 * on `cooperbench eval` counts): the first eval of a first execution uses STANDIN_MISSING_EVAL_RATE
 * (else the synthetic-logs defaults), every later attempt STANDIN_MISSING_EVAL_RATE_RERUN (else 0).
 */
function missingEvalRates(record: ExecutionRecord, knobs: Knobs): Pick<QuirkRates, 'missingEval' | 'missingEvalAfterAgentError'> {
  if (record.executions === 1 && record.evalAttempts === 0) {
    return { missingEval: knobs.missingEvalRate ?? DEFAULT_QUIRKS.missingEval, missingEvalAfterAgentError: knobs.missingEvalRate ?? DEFAULT_QUIRKS.missingEvalAfterAgentError };
  }
  return { missingEval: knobs.missingEvalRateRerun ?? 0, missingEvalAfterAgentError: knobs.missingEvalRateRerun ?? 0 };
}

/**
 * The draw of the record's latest execution. The agents' part depends only on the record; the
 * missing-eval rates only move the threshold of one draw, so agents and patches never change with them.
 */
export function drawExecution(runName: string, pair: PairSpec, record: ExecutionRecord, knobs: Knobs): PairDraw {
  const quirks: QuirkRates = {
    ...DEFAULT_QUIRKS,
    agentError: record.agentErrorRate,
    // Keep the synthetic-logs ratio of "both agents fail together" to "one agent fails".
    bothAgentsError: (record.agentErrorRate * DEFAULT_QUIRKS.bothAgentsError) / DEFAULT_QUIRKS.agentError,
    ...missingEvalRates(record, knobs),
  };
  const runKey = ['cooperbench-standin', runName, record.model, record.setting, record.messaging ? 'msg' : 'nomsg', `execution-${record.executions - 1}`];
  return drawPair({ seed: record.seed, runKey, model: record.model, framework: record.framework, era: record.era, setting: record.setting, messaging: record.messaging, quirks }, pair);
}
