import type { RunRecord } from '@cooperbench-repro/contracts';

/** Grouping helpers shared by the comparison steps. */

export interface Group {
  model: string;
  arm: string;
  records: RunRecord[];
}

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

export const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** Records by (model, arm), sorted by model then arm. */
export function groupsOf(records: readonly RunRecord[]): Group[] {
  return [...groupBy(records, (r) => `${r.model}\u0000${r.arm}`).values()]
    .map((rs) => ({ model: rs[0]!.model, arm: rs[0]!.arm, records: rs }))
    .sort((a, b) => (a.model === b.model ? (a.arm < b.arm ? -1 : 1) : a.model < b.model ? -1 : 1));
}
