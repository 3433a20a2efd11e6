import type { CommErrorGroup, FailureModesFile, Symptom } from '@cooperbench-repro/contracts';

/**
 * A heuristic estimate is a measurement only if its detector passed its validation against the
 * human-coded gold set (failure-modes `gold_validation`): Table 1 and Figure 6 (e) drop the estimates
 * of a failed detector and print why. Without gold-coded runs in the store nothing is checked.
 */

export type GoldHeuristic = NonNullable<FailureModesFile['gold_validation']>['heuristics'][number];

/** The detectors behind an estimate (a Table 1 symptom or a Figure 6 group) that failed their validation. */
export function failedHeuristics(data: FailureModesFile, target: { symptom: Symptom } | { group: CommErrorGroup }): GoldHeuristic[] {
  return (data.gold_validation?.heuristics ?? []).filter(
    (h) => !h.validated && ('symptom' in target ? h.estimates.symptom === target.symptom : h.estimates.group === target.group),
  );
}

/** "unverifiable_claims: precision 0.00 < 0.50 (0 of 25 detections right)", one per failed detector. */
export function failedText(failed: readonly GoldHeuristic[]): string {
  return failed.map((h) => `${h.heuristic}: ${h.reason ?? 'failed'}`).join('; ');
}

/** "precision >= 0.50 and kappa >= 0.40", the floors the stage applied; null without a gold set. */
export function floorsText(data: FailureModesFile): string | null {
  const f = data.gold_validation?.floors;
  return f ? `precision >= ${f.precision.toFixed(2)} and kappa >= ${f.kappa.toFixed(2)}` : null;
}
