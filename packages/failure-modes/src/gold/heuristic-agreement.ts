import type { HeuristicResult } from '@cooperbench-repro/contracts';
import { binaryAgreement, type BinaryAgreement } from '../validate/agreement.js';
import type { GoldConversation } from './gold-set.js';
import { HEURISTIC_TARGETS } from './heuristic-targets.js';

export interface HeuristicVsGold extends BinaryAgreement {
  heuristic: string;
  gold: string;
  /** Gold-coded runs the detector ran on (not skipped) and the target applies to. */
  compared: number;
  /** Gold-coded runs where the detector was skipped (no patches, no messages). */
  skipped: number;
}

/**
 * Each heuristic's detections against the human-coded gold set (human = reference): precision, recall
 * and kappa over the gold-coded runs the detector ran on.
 */
export function heuristicsVsGold(coded: readonly { gold: GoldConversation; heuristics: Record<string, HeuristicResult> }[]): HeuristicVsGold[] {
  const out: HeuristicVsGold[] = [];
  for (const [heuristic, target] of Object.entries(HEURISTIC_TARGETS)) {
    if (!target) continue;
    const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
    let skipped = 0;
    for (const { gold, heuristics } of coded) {
      const h = heuristics[heuristic];
      if (!target.appliesTo(gold)) continue;
      if (!h || h.skipped !== null) {
        skipped++;
        continue;
      }
      const ref = target.positive(gold);
      if (h.detected && ref) counts.tp++;
      else if (h.detected) counts.fp++;
      else if (ref) counts.fn++;
      else counts.tn++;
    }
    const agreement = binaryAgreement(counts);
    out.push({ heuristic, gold: target.gold, compared: agreement.n, skipped, ...agreement });
  }
  return out;
}
