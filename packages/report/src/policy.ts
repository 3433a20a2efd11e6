import { AnalysisPolicySchema, type AnalysisPolicy, type Outcome } from '@cooperbench-repro/contracts';

/**
 * The counting rules a stage output was computed under. Newer stage outputs record them (difficulty
 * `options`, communication `policy`); an output that records none was counted the way the stages
 * counted before the policies existed: unknown outcomes left out, solo-agent1 a pass, eras pooled.
 */
export const LEGACY_STAGE_POLICY: AnalysisPolicy = { unknown_outcomes: 'exclude', solo_agent1: 'pass', eras: 'allow-mixed' };

export function policyOf(...candidates: unknown[]): AnalysisPolicy {
  for (const c of candidates) {
    if (!c || typeof c !== 'object') continue;
    const o = c as Record<string, unknown>;
    const parsed = AnalysisPolicySchema.safeParse({ unknown_outcomes: o['unknown_outcomes'], solo_agent1: o['solo_agent1'], eras: o['eras'] });
    if (parsed.success) return parsed.data;
  }
  return LEGACY_STAGE_POLICY;
}

/** The outcomes that count toward a rate's n under a policy (every outcome but excluded unknowns). */
export function countedOutcomes(policy: AnalysisPolicy): Outcome[] {
  return policy.unknown_outcomes === 'exclude' ? ['pass', 'fail'] : ['pass', 'fail', 'unknown'];
}
