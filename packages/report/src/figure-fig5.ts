import { countUnderPolicy, type CommunicationFile, type RunRecord } from '@cooperbench-repro/contracts';
import { fig5Data, fig5Spec } from '@cooperbench-repro/figures';
import type { TopLevelSpec } from 'vega-lite';
import { policyOf } from './policy.js';
import type { SelectionBook } from './selection.js';
import { pairKeyOf, type StoreView } from './store-view.js';

/**
 * Figure 5 (a) success and (b) naive-merge conflicts with vs without messaging: each bar's records are
 * the model's records of that arm on the matched pairs, the stage's rule (communication README):
 * pairs present in both arms whose records are usable in both (a counted outcome for (a), a known naive
 * merge result for (b)). Panel (c) shares are over messages, not records: no click-through.
 */

type Entry = CommunicationFile['comm_vs_nocomm'][number];

function matchedIds(view: StoreView, c: Entry, usable: (r: RunRecord) => boolean): { with: number[]; without: number[] } {
  const byPair = (arm: string) => {
    const m = new Map<string, number[]>();
    view.records.forEach((r, i) => {
      if (r.model !== c.model || r.arm !== arm) return;
      const k = pairKeyOf(r);
      m.set(k, [...(m.get(k) ?? []), i]);
    });
    return m;
  };
  const w = byPair(c.with_arm);
  const wo = byPair(c.without_arm);
  const ok = (ids: number[]) => ids.some((i) => usable(view.records[i]!));
  const pairs = [...w.keys()].filter((k) => wo.has(k) && ok(w.get(k)!) && ok(wo.get(k)!));
  const pick = (m: Map<string, number[]>) => pairs.flatMap((k) => m.get(k)!.filter((i) => usable(view.records[i]!)));
  return { with: pick(w), without: pick(wo) };
}

export function fig5Annotated(data: CommunicationFile, view: StoreView, opts: { paperReference: boolean; source: string }, book: SelectionBook): TopLevelSpec {
  const d = fig5Data(data, opts);
  const policy = policyOf((data as { policy?: unknown }).policy, data.parameters);
  const panels = [
    { kind: 'success' as const, rows: d.success, usable: (r: RunRecord) => countUnderPolicy(r, policy) !== 'excluded', name: '(a) success' },
    { kind: 'conflict' as const, rows: d.conflict, usable: (r: RunRecord) => r.merge.naive_conflict !== null, name: '(b) naive-merge conflicts' },
  ];
  for (const panel of panels) {
    panel.rows.order.forEach((rowLabel, i) => {
      const c = data.comm_vs_nocomm[i];
      if (!c) return;
      const ids = matchedIds(view, c, panel.usable);
      for (const row of panel.rows.rows.filter((r) => r.row === rowLabel && r.n !== null)) {
        const arm = row.pos === 'with' ? c.with_arm : c.without_arm;
        const iv = c[panel.kind][row.pos] as { total: number; missing?: number };
        const label = `Figure 5 ${panel.name}: ${c.model}, ${arm}, matched pairs`;
        book.add(row, { figure: 'fig5', label, filter: { model: c.model, arm, ids: ids[row.pos] }, n: iv.total, missing: iv.missing ?? 0 });
      }
    });
  }
  return fig5Spec(d);
}
