import { createHash } from 'node:crypto';
import { cleanModelName, type Arm } from '@cooperbench-repro/contracts';

export { cleanModelName };

/**
 * Deterministic, distinct run names: `<experiment>-<arm>-<model>-<hash>-s<seed>`. The model part is the
 * upstream-style cleaned name (`cleanModelName`, from contracts) plus a short hash of the full model
 * string, so two models that clean to the same text (or odd names with spaces, quotes or `;`) never
 * share a directory. Upstream silently skips pairs when a run name is reused, so a collision would mix
 * arms or models.
 */
export function runName(experiment: string, arm: Arm, model: string, seed: number): string {
  const hash = createHash('sha256').update(model).digest('hex').slice(0, 6);
  return `${experiment}-${arm}-${cleanModelName(model)}-${hash}-s${seed}`;
}
