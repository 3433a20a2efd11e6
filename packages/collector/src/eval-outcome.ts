import type { EvalFormat, FeatureResult, MergeOutcome, Outcome, Setting } from '@cooperbench-repro/contracts';
import type { UpstreamEval } from './upstream-shapes.js';
import { isAtLeastVersion } from './upstream-version.js';

/** What the store says about the evaluation of one pair. */
export interface EvalOutcome {
  eval_format: EvalFormat;
  merge: { status: string | null; strategy: string | null; outcome: MergeOutcome; naive_conflict: boolean | null };
  apply_status: Record<string, string> | null;
  feature_results: FeatureResult[];
  both_passed: boolean | null;
  outcome: Outcome;
  evaluated: boolean;
  eval_error: string | null;
  unknown_reason: string | null;
}

/** No eval.json: the outcome is unknown, never a failure (upstream pitfall 3). */
export function missingEvalOutcome(setting: Setting, reason: string): EvalOutcome {
  return {
    eval_format: setting === 'solo' ? 'solo' : 'unknown',
    merge: { status: null, strategy: null, outcome: setting === 'solo' ? 'none' : 'missing', naive_conflict: null },
    apply_status: null,
    feature_results: [],
    both_passed: null,
    outcome: 'unknown',
    evaluated: false,
    eval_error: null,
    unknown_reason: reason,
  };
}

/**
 * Which eval semantics produced a coop eval.json. Pair-level evidence decides when there is some
 * (union only existed up to 0.0.15; identical, solo-agent1 and a tested-nothing naive conflict only from
 * 0.0.16; GCP batch leaves strategy null and has no apply_status); a clean naive merge looks the same in
 * both eras, so then the recorded upstream version decides, and without one the format is unknown.
 */
export function coopEvalFormat(status: string | null, strategy: string | null, hasApplyStatus: boolean, upstreamVersion: string | null): EvalFormat {
  if (strategy === 'union') return 'naive-union';
  if (strategy === 'solo-agent1' || strategy === 'skip-merge-identical' || status === 'identical') return 'identical-naive';
  if (status === 'union') return 'gcp-batch';
  if (strategy == null && !hasApplyStatus && (status === 'clean' || status === 'conflicts')) return 'gcp-batch';
  if (status === 'conflicts' && strategy === 'naive') return 'identical-naive';
  if (upstreamVersion) return isAtLeastVersion(upstreamVersion, '0.0.16') ? 'identical-naive' : 'naive-union';
  return 'unknown';
}

/** Upstream's error texts for a pair whose patches no merge strategy could combine (union era, GCP batch). */
const UNMERGEABLE_ERROR = /^Both naive and union merge strategies failed|^merge_failed$/;

export function mergeOutcomeOf(status: string | null, strategy: string | null, evalError: string | null): { outcome: MergeOutcome; naive_conflict: boolean | null } {
  if (evalError !== null && UNMERGEABLE_ERROR.test(evalError)) return { outcome: 'unmergeable', naive_conflict: true };
  switch (status) {
    case 'clean':
      return { outcome: 'clean', naive_conflict: false };
    case 'identical':
      return { outcome: 'identical', naive_conflict: false };
    case 'union': // GCP batch: naive conflicted, union merged
      return { outcome: 'union', naive_conflict: true };
    case 'missing_input':
      return { outcome: 'missing-input', naive_conflict: null };
    case 'conflicts':
      if (strategy === 'union') return { outcome: 'union', naive_conflict: true };
      if (strategy === 'solo-agent1') return { outcome: 'solo-agent1', naive_conflict: true };
      return { outcome: 'conflict', naive_conflict: true };
    default:
      // status "error" or absent. The union-era error text still tells whether the naive merge conflicted.
      return { outcome: 'error', naive_conflict: evalError !== null && /Naive: conflicts/.test(evalError) ? true : null };
  }
}

export function evalOutcome(setting: Setting, ev: UpstreamEval, upstreamVersion: string | null): EvalOutcome {
  const evalError = ev.error ?? null;
  const featureResults = [ev.feature1, ev.feature2]
    .map((f, i) => ({
      feature_id: f.feature_id ?? ev.features[i]!,
      passed: f.passed,
      exit_code: f.exit_code ?? null,
      tests_passed: f.tests_passed ?? null,
      tests_failed: f.tests_failed ?? null,
    }))
    .sort((a, b) => a.feature_id - b.feature_id);

  let evalFormat: EvalFormat;
  let merge: EvalOutcome['merge'];
  if (setting === 'solo') {
    evalFormat = 'solo';
    merge = { status: null, strategy: null, outcome: evalError ? 'error' : 'none', naive_conflict: null };
  } else {
    const status = ev.merge?.status ?? ev.merge_status ?? null;
    const strategy = ev.merge?.strategy ?? ev.merge_strategy ?? null;
    evalFormat = coopEvalFormat(status, strategy, ev.apply_status !== undefined, upstreamVersion);
    merge = { status, strategy, ...mergeOutcomeOf(status, strategy, evalError) };
  }

  let outcome: Outcome;
  let unknownReason: string | null = null;
  if (merge.outcome === 'unmergeable') {
    // Not an infrastructure error: the two patches could not be combined, a failure of the team.
    outcome = 'fail';
  } else if (evalError !== null) {
    outcome = 'unknown';
    unknownReason = `eval error: ${evalError}`;
  } else if (merge.outcome === 'error') {
    outcome = 'unknown';
    unknownReason = 'merge status error';
  } else {
    outcome = ev.both_passed ? 'pass' : 'fail';
  }

  return {
    eval_format: evalFormat,
    merge,
    apply_status: ev.apply_status ?? null,
    feature_results: featureResults,
    both_passed: ev.both_passed,
    outcome,
    evaluated: true,
    eval_error: evalError,
    unknown_reason: unknownReason,
  };
}
