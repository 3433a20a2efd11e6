import type { CommErrorCode, JudgeOutcome, RunFailureModes } from '@cooperbench-repro/contracts';
import type { CommErrorAnswer } from './rubrics/comm-errors.js';
import type { SymptomAnswer } from './rubrics/symptoms.js';
import type { JudgeResult } from './judge/types.js';

/**
 * How one judge result becomes the run's recorded outcome. Precision first (App. F): a rejected
 * answer (invented quote, one quote, schema violation) is recorded as rejected and counts as
 * "no issue" downstream; it never becomes a label.
 */

export function judgeOutcome(result: JudgeResult<unknown>, truncated: boolean, labelled: boolean): JudgeOutcome {
  const status: JudgeOutcome['status'] =
    result.status === 'ok' ? (labelled ? 'labelled' : 'no-issue') : result.status === 'rejected' ? 'rejected' : result.status === 'failed' ? 'failed' : 'not-judged';
  const reason = result.status === 'miss' ? 'no cached answer (replay-only)' : result.reason;
  return { status, reason, cache_key: result.cacheKey, truncated };
}

export function commErrorOf(result: JudgeResult<CommErrorAnswer>, truncated: boolean): RunFailureModes['comm_error'] {
  const issue = result.status === 'ok' ? (result.answer?.issue ?? null) : null;
  return {
    judge: judgeOutcome(result, truncated, issue !== null),
    code: (issue?.category ?? null) as CommErrorCode | null,
    description: issue?.description ?? null,
    evidence: issue ? (result.answer?.evidence ?? []) : [],
  };
}

export function symptomsOf(result: JudgeResult<SymptomAnswer>, truncated: boolean): RunFailureModes['symptoms'] {
  const answer = result.status === 'ok' ? result.answer : null;
  const labels = (answer?.labels ?? [])
    .map((l) => ({ symptom: l.symptom, primary: l.is_primary, artifact: l.artifact, quotes: l.quotes }))
    // The primary label first, as the contract says.
    .sort((a, b) => Number(b.primary) - Number(a.primary));
  return {
    judge: judgeOutcome(result, truncated, labels.length > 0),
    labels,
    implementation_failure_only: answer ? answer.implementation_failure_only : null,
  };
}

/** Not judged at all (judge not run, or the run is outside the rubric's population). */
export function notJudged(reason: string): JudgeOutcome {
  return { status: 'not-judged', reason, cache_key: null, truncated: false };
}
