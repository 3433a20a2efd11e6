import { evalEra, type DifficultyFile, type RunRecord } from '@cooperbench-repro/contracts';

/** The store as the report reads it: records in store order, each with its difficulty bucket and era. */
export interface StoreView {
  records: RunRecord[];
  /** Difficulty bucket of each record's pair (null: the pair has no solo observation). */
  bucket: (number | null)[];
  era: string[];
}

export const pairKeyOf = (r: { repo: string; task_id: number; features: readonly [number, number] }) => `${r.repo}/${r.task_id}/${r.features[0]}_${r.features[1]}`;

export function storeView(records: RunRecord[], difficulty: DifficultyFile): StoreView {
  const buckets = new Map(difficulty.pairs.map((p) => [pairKeyOf(p), p.bucket]));
  // The stage assigns eras per run (a record without an eval has no format of its own but its run's era).
  const eras = (difficulty.inputs as { eras?: { era: string; runs: string[] }[] }).eras ?? [];
  const runEra = new Map(eras.flatMap((e) => e.runs.map((run) => [run, e.era] as const)));
  return {
    records,
    bucket: records.map((r) => buckets.get(pairKeyOf(r)) ?? null),
    era: records.map((r) => runEra.get(r.run) ?? evalEra(r.eval_format)),
  };
}
