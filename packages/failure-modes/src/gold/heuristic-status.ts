import type { BinaryCounts } from '../validate/agreement.js';

/** The floors of the failure-modes config (`heuristic_validation`). */
export interface ValidationFloors {
  min_precision: number;
  min_kappa: number;
}

const f2 = (x: number) => x.toFixed(2);

/**
 * Does a heuristic pass its validation against the gold set? It must reach both floors; a statistic
 * that is undefined (no detection at all: no precision; one class only: no kappa) fails too, since
 * nothing then shows the detector finds what people coded. The reason names each failed floor.
 */
export function validationStatus(
  stats: BinaryCounts & { precision: number | null; kappa: number | null },
  floors: ValidationFloors,
): { validated: boolean; reason: string | null } {
  const detections = stats.tp + stats.fp;
  const problems: string[] = [];
  if (stats.precision === null) problems.push(`precision undefined (no detection on the ${stats.tp + stats.fp + stats.fn + stats.tn} gold-coded runs)`);
  else if (stats.precision < floors.min_precision)
    problems.push(`precision ${f2(stats.precision)} < ${f2(floors.min_precision)} (${stats.tp} of ${detections} detections right)`);
  if (stats.kappa === null) problems.push('kappa undefined (one class only)');
  else if (stats.kappa < floors.min_kappa) problems.push(`kappa ${f2(stats.kappa)} < ${f2(floors.min_kappa)}`);
  return problems.length === 0 ? { validated: true, reason: null } : { validated: false, reason: problems.join('; ') };
}
