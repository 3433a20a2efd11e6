import type { CommErrorGroup, FailureModesFile, RunFailureModes, RunRecord, Symptom } from '@cooperbench-repro/contracts';
import { PUBLIC_LOCAL_PATHS } from '@cooperbench-repro/public-data';
import { goldKeyOfRecord, type GoldConversation } from './gold-set.js';
import { heuristicsVsGold } from './heuristic-agreement.js';
import { validationStatus, type ValidationFloors } from './heuristic-status.js';
import type { HeuristicEstimates } from '../aggregate/population.js';

/** What the gold set is, counted from it (conversations coded, how many twice and adjudicated). */
export function goldDescription(gold: ReadonlyMap<string, GoldConversation>): string {
  const all = [...gold.values()];
  return `packages/failure-modes/gold: ${all.length} real public conversations coded by a person (coder A), ${all.filter((g) => g.double_coded).length} of them coded twice and adjudicated`;
}

/**
 * The runs of this store that the gold set codes: an imported Command A record by its results.json
 * index, a claude_code record by its pair directory under the public racso1999 logs. The message count
 * must agree too, so a record that only shares a name with a coded conversation is never matched.
 */
export function matchGold(records: readonly RunRecord[], gold: ReadonlyMap<string, GoldConversation>): Map<string, GoldConversation> {
  const out = new Map<string, GoldConversation>();
  for (const record of records) {
    const key = goldKeyOfRecord(record, PUBLIC_LOCAL_PATHS.racsoLogs);
    const coded = key === null ? undefined : gold.get(key);
    if (coded && coded.messages === record.messages.length) out.set(record.record_id, coded);
  }
  return out;
}

/**
 * Each heuristic's precision, recall and kappa against the gold set, over the matched runs, and whether
 * it passes the floors (else its estimates are no measurement); null when no run matches.
 */
export function goldValidation(
  records: readonly RunRecord[],
  runs: readonly RunFailureModes[],
  gold: ReadonlyMap<string, GoldConversation> | null,
  heuristics: HeuristicEstimates,
  floors: ValidationFloors,
): FailureModesFile['gold_validation'] {
  if (!gold) return null;
  const matched = matchGold(records, gold);
  const coded = runs.flatMap((r) => {
    const g = matched.get(r.record_id);
    return g ? [{ gold: g, heuristics: r.heuristics }] : [];
  });
  if (coded.length === 0) return null;
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);
  return {
    gold: goldDescription(gold),
    matched_runs: coded.length,
    floors: { precision: floors.min_precision, kappa: floors.min_kappa },
    heuristics: heuristicsVsGold(coded).map((h) => ({
      heuristic: h.heuristic,
      estimates: estimatesOf(heuristics, h.heuristic),
      gold: h.gold,
      compared: h.compared,
      skipped: h.skipped,
      tp: h.tp,
      fp: h.fp,
      fn: h.fn,
      tn: h.tn,
      precision: round(h.precision),
      recall: round(h.recall),
      kappa: round(h.kappa),
      ...validationStatus(h, floors),
    })),
  };
}

function estimatesOf(heuristics: HeuristicEstimates, name: string): { group: CommErrorGroup | null; symptom: Symptom | null } {
  const e = heuristics.find((h) => h.name === name)?.estimates;
  return { group: e?.group ?? null, symptom: e?.symptom ?? null };
}
