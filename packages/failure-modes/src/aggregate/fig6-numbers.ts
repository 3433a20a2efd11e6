import { COMM_ERROR_GROUPS, type CommErrorCode, type CommErrorGroup, type FailureModesFile, type RunFailureModes } from '@cooperbench-repro/contracts';
import { commErrorVerdict, heuristicCounts, heuristicsFor, judgeAnswered, type HeuristicEstimates } from './population.js';
import { share } from './share.js';

/** Figure 6 panels (paper-definitions.md section 6); C2 is unresponsiveness, plan drift hallucination. */
export const GROUP_CODES: Readonly<Record<CommErrorGroup, readonly CommErrorCode[]>> = {
  repetition: ['C4a', 'C4b'],
  unresponsiveness: ['C1a', 'C1b', 'C2'],
  hallucination: ['C3a', 'C3b', 'plan_drift'],
};

/**
 * Figure 6 per model over its conversations (models in name order, only those with conversations):
 * average turns; per group, conversations labelled in the group / conversations judged (rejected =
 * no issue; not judged or failed -> `unknown`); per code the same; heuristic = detected / not skipped.
 * When the judge answered none of a model's conversations: source 'none', share null, by_code {}.
 */
export function figure6(conversations: readonly RunFailureModes[], heuristics: HeuristicEstimates, confidence: number): FailureModesFile['fig6'] {
  const models = [...new Set(conversations.map((r) => r.model))].sort();
  return models.map((model) => {
    const runs = conversations.filter((r) => r.model === model);
    const answered = judgeAnswered(runs, 'comm_error');
    const codes = runs.map(commErrorVerdict).flatMap((v) => (v.judged ? [v.code] : []));
    const judged = codes.length;
    const unknown = runs.length - judged;
    const groups = COMM_ERROR_GROUPS.map((group) => {
      const inGroup = GROUP_CODES[group];
      const h = heuristicCounts(runs, heuristicsFor(heuristics, { group }));
      return {
        group,
        source: answered ? ('judge' as const) : ('none' as const),
        share: answered ? share(codes.filter((c) => c !== null && inGroup.includes(c)).length, judged, unknown, confidence) : null,
        by_code: answered ? Object.fromEntries(inGroup.map((c) => [c, share(codes.filter((x) => x === c).length, judged, unknown, confidence)])) : {},
        heuristic: h && share(h.detected, h.ran, h.skipped, confidence),
      };
    });
    return { model, conversations: runs.length, avg_turns: runs.reduce((s, r) => s + r.turns, 0) / runs.length, groups };
  });
}
