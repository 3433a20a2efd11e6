import { SPEECH_ACTS, describePolicy, type CommunicationFile, type Interval } from '@cooperbench-repro/contracts';
import { paperNumbers } from '@cooperbench-repro/public-data';
import { INTERVAL_COLUMNS, csvRows, type CsvCells, type CsvRow } from '../../render/csv.js';
import { formatP, shortModelName } from '../../render/labels.js';
import { PAPER_MODELS, paperFig5cShare, paperRowLabel, type PaperModel } from '../../render/paper.js';
import { armLabel } from '../../render/style.js';
import { confidenceOf, dataSubtitle, wilsonText, type Subtitle } from '../../render/subtitle.js';

/** Data step of Figure 5: stage output (data/communication.json) -> the rows of panels (a)-(c) and the CSV rows. */

export const FIG5_CSV_COLUMNS = [
  'panel',
  'source',
  'model',
  'label',
  'arm',
  'series',
  'act',
  ...INTERVAL_COLUMNS,
  'matched_pairs',
  'test',
  'statistic',
  'p_value',
  'effect',
  'conversations',
  'messages',
  'steps',
  'era',
  'unmatched_pairs',
  'missing',
  'solo_agent1',
] as const;
type AddRow = (cells: CsvCells<(typeof FIG5_CSV_COLUMNS)[number]>) => void;

export const SERIES = {
  with: 'With messaging',
  without: 'Without messaging',
  paperWith: 'Paper: with messaging',
  paperWithout: 'Paper: without messaging',
} as const;
export const PAPER_TOTAL = 'Paper: total (no per-act breakdown)';

export interface BarRow {
  row: string;
  series: string;
  pos: 'with' | 'without';
  rate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  label_x: number | null;
  label: string;
  n: number | null;
  k: number | null;
}

/** Rows of panel (a) or (b): bars and the y order of the model rows ("model · p = …"). */
export interface RatePanelData {
  rows: BarRow[];
  order: string[];
}

export interface Fig5Data {
  subtitle: Subtitle;
  /** "Wilson 95%". */
  confText: string;
  testNames: string[];
  success: RatePanelData;
  conflict: RatePanelData;
  /** The paper's rows (empty when left out), in the order of PAPER_MODELS, per Table 6 column used. */
  paperSuccessOrder: string[];
  /** Caption lines of panel (a): which Table 6 column the paper rows come from, and why. */
  paperSuccessNotes: string[];
  /** Caption lines of panels (a) and (b): matched and left-out pairs per model, the policies. */
  denominatorNotes: string[];
  share: {
    rows: { row: string; act: string; act_index: number; value: number }[];
    totals: { row: string; total: number; label: string }[];
    order: string[];
    paperOrder: string[];
  };
  paperReference: boolean;
  csv: CsvRow[];
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const pct = (x: number | null) => (x === null ? null : x * 100);

/** Subtitle lines: provenance, and a red SYNTHETIC / NO DATA line when that applies (as Figure 4). */
export function communicationSubtitle(data: CommunicationFile, source: string): Subtitle {
  const { records, synthetic_records, coop_records, conversations_with_messages } = data.inputs;
  const conf = confidenceOf(data.parameters);
  const detail =
    `${records} run records (${coop_records} coop, ${conversations_with_messages} conversations with messages) from ${source}; ` +
    `whiskers: ${wilsonText(conf)} intervals`;
  return dataSubtitle(records, synthetic_records, source, [detail]);
}

function barRow(row: string, series: string, pos: 'with' | 'without', iv: Interval): BarRow | null {
  if (iv.total === 0 || iv.rate === null) return null;
  const rate = pct(iv.rate)!;
  const hi = pct(iv.ci_high);
  return { row, series, pos, rate, ci_low: pct(iv.ci_low), ci_high: hi, label_x: Math.max(rate, hi ?? rate), label: `${rate.toFixed(1)}% (${iv.successes}/${iv.total})`, n: iv.total, k: iv.successes };
}

function paperBarRow(row: string, series: string, pos: 'with' | 'without', value: number): BarRow {
  return { row, series, pos, rate: value, ci_low: null, ci_high: null, label_x: value, label: `${value.toFixed(1)}%`, n: null, k: null };
}

/** Panels (a) and (b): with vs without messaging per model, Fisher p in the row label. */
function ratePanel(data: CommunicationFile, kind: 'success' | 'conflict', add: AddRow): RatePanelData {
  const rows: BarRow[] = [];
  const order: string[] = [];
  const multiEra = new Set(data.comm_vs_nocomm.map((c) => c.era)).size > 1;
  for (const c of data.comm_vs_nocomm) {
    const m = c[kind];
    const short = shortModelName(c.model) + (multiEra ? ` (${ERA_SHORT[c.era] ?? c.era})` : '');
    const row = `${order.some((o) => o.startsWith(`${short} · `)) ? c.model : short} · ${formatP(m.test.p_value)}`;
    order.push(row);
    const w = barRow(row, SERIES.with, 'with', m.with);
    const wo = barRow(row, SERIES.without, 'without', m.without);
    if (w) rows.push(w);
    if (wo) rows.push(wo);
    for (const [pos, iv, arm] of [
      ['with', m.with, c.with_arm],
      ['without', m.without, c.without_arm],
    ] as const) {
      const { successes, total, unknown, rate, ci_low, ci_high } = iv;
      const { test, statistic, p_value, effect } = m.test;
      add({
        ...{ panel: kind === 'success' ? 'a-success' : 'b-conflict', source: 'data', model: c.model, label: row, arm },
        ...{ series: pos === 'with' ? SERIES.with : SERIES.without, successes, total, unknown, rate, ci_low, ci_high },
        ...{ matched_pairs: c.matched_pairs, test, statistic, p_value, effect },
        ...{ era: c.era, unmatched_pairs: c.unmatched_pairs, ...('missing' in iv ? { missing: iv.missing, solo_agent1: iv.solo_agent1 } : {}) },
      });
    }
  }
  return { rows, order };
}

const ERA_SHORT: Record<string, string> = { 'union-era': 'upstream ≤ 0.0.15', 'agent1-era': 'upstream ≥ 0.0.16', 'all-eras': 'eras pooled', unknown: 'era unknown' };

/**
 * The Table 6 column that matches an eval era: upstream >= 0.0.16 scores the naive merge (after the
 * identical check), so its rates match the naive column; <= 0.0.15 falls back to the union merge. No
 * era scored an LLM merge, so the LLM column matches none; pooled or unknown eras get no reference.
 */
const TABLE6_COLUMN: Record<string, 'naive' | 'union'> = { 'agent1-era': 'naive', 'union-era': 'union' };

function paperTable6(key: PaperModel['key'], column: 'naive' | 'union'): { with: number; without: number } {
  const value = (metric: string) => paperNumbers().value(metric, key);
  return { with: value(`table6_merge_success_comm_${column}`), without: value(`table6_merge_success_nocomm_${column}`) };
}

/** The paper's Table 6 rows of panel (a), in the column matching each era of the data. */
function paperSuccessRows(data: CommunicationFile, success: RatePanelData, add: AddRow): { order: string[]; notes: string[] } {
  const eras = [...new Set(data.comm_vs_nocomm.map((c) => c.era))].sort();
  const columns = [...new Set(eras.map((e) => TABLE6_COLUMN[e]).filter((c): c is 'naive' | 'union' => c !== undefined))];
  const order: string[] = [];
  for (const column of columns) {
    for (const pm of PAPER_MODELS) {
      const row = `${paperRowLabel(pm)} (${column} merge)`;
      order.push(row);
      const v = paperTable6(pm.key, column);
      success.rows.push(paperBarRow(row, SERIES.paperWith, 'with', v.with), paperBarRow(row, SERIES.paperWithout, 'without', v.without));
      for (const [pos, value] of [
        ['with', v.with],
        ['without', v.without],
      ] as const) {
        add({ panel: 'a-success', source: `paper-table6-${column}`, model: pm.key, label: row, series: pos === 'with' ? SERIES.paperWith : SERIES.paperWithout, rate: round6(value / 100) });
      }
    }
  }
  const notes = eras.map((e) =>
    TABLE6_COLUMN[e] !== undefined
      ? `"Paper: … (${TABLE6_COLUMN[e]} merge)": paper Table 6, ${TABLE6_COLUMN[e]} column, the one matching ${ERA_SHORT[e]} runs`
      : `no paper column matches ${ERA_SHORT[e] ?? e} results (none shown for them)`,
  );
  return { order, notes: [...notes, 'not the LLM-merge column: no upstream version scores an LLM merge; paper models not matched to ours'] };
}

/** Matched and left-out pairs per comparison, and the policies the success rates were counted under. */
function denominatorNotes(data: CommunicationFile): string[] {
  const own = data.comm_vs_nocomm.flatMap((c) => [c.success.with, c.success.without]);
  return [
    `n: pairs run in both arms (seeds pooled; Fig. 4-left counts every record of an arm instead): ${data.comm_vs_nocomm.map((c) => `${shortModelName(c.model)} ${c.matched_pairs} matched, ${c.unmatched_pairs} left out`).join('; ') || 'none'}`,
    describePolicy(data.policy, { missing: own.reduce((s, i) => s + i.missing, 0), soloAgent1: own.reduce((s, i) => s + i.solo_agent1, 0) }),
  ];
}

/** Panel (c): communication share stacked by speech act, then the paper's totals. */
function sharePanel(data: CommunicationFile, paperReference: boolean, add: AddRow): Fig5Data['share'] {
  const shares = data.communication_share.filter((s) => s.messages > 0 && s.share !== null);
  const armsPerModel = new Map<string, number>();
  for (const s of shares) armsPerModel.set(s.model, (armsPerModel.get(s.model) ?? 0) + 1);
  const out: Fig5Data['share'] = { rows: [], totals: [], order: [], paperOrder: [] };
  for (const s of shares) {
    const name = shortModelName(s.model);
    let row = armsPerModel.get(s.model)! > 1 ? `${name}, ${armLabel(s.arm)}` : name;
    if (out.order.includes(row)) row = `${s.model}, ${armLabel(s.arm)}`;
    out.order.push(row);
    const share = s.share!;
    const base = { panel: 'c-share', source: 'data', model: s.model, label: row, arm: s.arm };
    const counts = { conversations: s.conversations, messages: s.messages, steps: s.steps };
    // by_act may be shares of all steps (summing to `share`) or of messages (summing to 1): normalising
    // to `share` draws both correctly.
    const sum = SPEECH_ACTS.reduce((acc, a) => acc + (s.by_act[a] ?? 0), 0);
    SPEECH_ACTS.forEach((act, i) => {
      const part = sum > 0 ? (share * (s.by_act[act] ?? 0)) / sum : act === 'Other' ? share : 0;
      if (part > 0) out.rows.push({ row, act, act_index: i, value: part * 100 });
      add({ ...base, act, rate: round6(part), ...counts });
    });
    out.totals.push({ row, total: share * 100, label: `${(share * 100).toFixed(1)}%` });
    add({ ...base, act: 'total', successes: s.messages, total: s.steps, rate: share, ...counts });
  }
  if (paperReference) {
    for (const pm of PAPER_MODELS) {
      const row = paperRowLabel(pm);
      out.paperOrder.push(row);
      const v = paperFig5cShare(pm.key);
      out.rows.push({ row, act: PAPER_TOTAL, act_index: SPEECH_ACTS.length, value: v });
      out.totals.push({ row, total: v, label: `${v.toFixed(1)}%` });
      add({ panel: 'c-share', source: 'paper-fig5c', model: pm.key, label: row, act: 'total', rate: round6(v / 100) });
    }
  }
  return out;
}

export function fig5Data(data: CommunicationFile, opts: { paperReference: boolean; source: string }): Fig5Data {
  const csv = csvRows(FIG5_CSV_COLUMNS);
  const comparisons = data.comm_vs_nocomm;
  const success = ratePanel(data, 'success', csv.add);
  const conflict = ratePanel(data, 'conflict', csv.add);
  const paper = opts.paperReference ? paperSuccessRows(data, success, csv.add) : { order: [], notes: [] };
  return {
    subtitle: communicationSubtitle(data, opts.source),
    confText: wilsonText(confidenceOf(data.parameters)),
    testNames: [...new Set(comparisons.flatMap((c) => [c.success.test.test, c.conflict.test.test]))].sort(),
    success,
    conflict,
    paperSuccessOrder: paper.order,
    paperSuccessNotes: paper.notes,
    denominatorNotes: denominatorNotes(data),
    share: sharePanel(data, opts.paperReference, csv.add),
    paperReference: opts.paperReference,
    csv: csv.rows,
  };
}
