import { z } from 'zod';
import type { EvalFormat, MergeOutcome, Outcome } from './run-record.js';

/**
 * The analysis choices that change a success rate. Every stage that computes a rate takes these keys from
 * its config, records them in its output and the figures name them in their captions (one source here).
 */

/**
 * exclude: unknown outcomes (missing eval, infrastructure error) leave the denominator (upstream's pass_rate);
 * count-as-failure: they count as failures over all planned pairs of the subset (the paper and the
 * leaderboard divide by the 652 planned pairs).
 */
export const UnknownOutcomesPolicySchema = z.enum(['exclude', 'count-as-failure']);
export type UnknownOutcomesPolicy = z.infer<typeof UnknownOutcomesPolicySchema>;

/**
 * pass: a `solo-agent1` merge outcome (>= 0.0.16: naive merge conflicted, agent 1's patch alone passed both
 * suites) counts as a pass, as upstream scores it; separate: it counts as a failure of the team. Either way
 * its count is reported on its own.
 */
export const SoloAgent1PolicySchema = z.enum(['pass', 'separate']);
export type SoloAgent1Policy = z.infer<typeof SoloAgent1PolicySchema>;

/**
 * Eval eras (upstream <= 0.0.15 naive -> union; >= 0.0.16 identical -> naive -> agent 1 alone) are not
 * comparable. split: rates per era; refuse-mixed: stop with a message naming the runs of each era when one
 * model/arm has both; allow-mixed: pool them (recorded, and named in captions).
 */
export const ErasPolicySchema = z.enum(['split', 'refuse-mixed', 'allow-mixed']);
export type ErasPolicy = z.infer<typeof ErasPolicySchema>;

export const AnalysisPolicySchema = z
  .object({
    unknown_outcomes: UnknownOutcomesPolicySchema,
    solo_agent1: SoloAgent1PolicySchema,
    eras: ErasPolicySchema,
  })
  .strict();
export type AnalysisPolicy = z.infer<typeof AnalysisPolicySchema>;

/** The paper's choices: every planned pair counts, upstream's scoring of solo-agent1, no silent pooling. */
export const PAPER_ANALYSIS_POLICY: AnalysisPolicy = {
  unknown_outcomes: 'count-as-failure',
  solo_agent1: 'pass',
  eras: 'refuse-mixed',
};

/** How one record counts under a policy: toward k (pass), toward n only (fail), or left out. */
export type PolicyCount = 'pass' | 'fail' | 'excluded';

export function countUnderPolicy(
  record: { outcome: Outcome; merge: { outcome: MergeOutcome } },
  policy: Pick<AnalysisPolicy, 'unknown_outcomes' | 'solo_agent1'>,
): PolicyCount {
  if (record.outcome === 'unknown') return policy.unknown_outcomes === 'exclude' ? 'excluded' : 'fail';
  if (record.outcome === 'pass' && record.merge.outcome === 'solo-agent1' && policy.solo_agent1 === 'separate') {
    return 'fail';
  }
  return record.outcome;
}

/** The era a record was scored in, for grouping; solo records have no merge and no era of their own. */
export function evalEra(format: EvalFormat): 'union-era' | 'agent1-era' | 'solo' | 'unknown' {
  if (format === 'naive-union' || format === 'gcp-batch') return 'union-era';
  if (format === 'identical-naive') return 'agent1-era';
  return format === 'solo' ? 'solo' : 'unknown';
}

/** What a caption says about the policies a rate was counted under (with the counts they affected). */
export function describePolicy(policy: AnalysisPolicy, counts: { missing: number; soloAgent1: number }): string {
  const unknown =
    policy.unknown_outcomes === 'exclude'
      ? 'unknown outcomes (no eval, eval error) left out of n'
      : `unknown outcomes and planned pairs never run (${counts.missing}) counted as failures`;
  const agent1 = `${counts.soloAgent1} solo-agent1 pass${counts.soloAgent1 === 1 ? '' : 'es'} (agent 1's patch alone) counted as ${policy.solo_agent1 === 'pass' ? 'passes' : 'failures'}`;
  const eras = { split: 'eval eras split', 'refuse-mixed': 'eval eras never pooled', 'allow-mixed': 'eval eras POOLED (allow-mixed)' }[policy.eras];
  return `policies: ${unknown}; ${agent1}; ${eras} (unknown_outcomes=${policy.unknown_outcomes}, solo_agent1=${policy.solo_agent1}, eras=${policy.eras})`;
}
