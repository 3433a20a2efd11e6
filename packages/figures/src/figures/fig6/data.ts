import { COMM_ERROR_GROUPS, type CommErrorGroup, type FailureModesFile, type Interval } from '@cooperbench-repro/contracts';
import { INTERVAL_COLUMNS, csvRows, type CsvCells, type CsvRow } from '../../render/csv.js';
import { COMM_ERROR_GROUP_LABELS, COMM_ERROR_LABELS, FIG6_GROUP_CODES, shortModelName } from '../../render/labels.js';
import { failedHeuristics, floorsText } from '../../render/heuristic-validation.js';
import { PAPER_MODELS, paperFig6, paperRowLabel, type PaperModel } from '../../render/paper.js';
import { confidenceOf, dataSubtitle, wilsonText, type Subtitle } from '../../render/subtitle.js';

/** Data step of Figure 6: stage output (data/failure-modes.json) -> the rows of panels (a)-(d) and the CSV rows. */

export const FIG6_CSV_COLUMNS = [
  'panel',
  'source',
  'model',
  'label',
  'group',
  'code',
  'code_label',
  'label_source',
  ...INTERVAL_COLUMNS,
  'conversations',
  'avg_turns',
] as const;
type AddRow = (cells: CsvCells<(typeof FIG6_CSV_COLUMNS)[number]>) => void;

/** Red subtitle line when the LLM judge did not run. */
export const FIG6_JUDGE_NOT_RUN = 'LLM judge not run: no judge labels in (b)-(d); heuristic estimates are kept apart in (e)';
export const FIG6_NOT_MEASURED = 'not measured (no judge, no gold set)';
export const FIG6_HEURISTIC_SERIES = 'Heuristic estimate (not a judge label)';
export const FIG6_PAPER_SERIES = 'Paper: total only (LLM judge)';
/** Panel (e) note in place of an estimate whose detector failed its gold-set validation (the reason is above the panel). */
export const FIG6_HEURISTIC_DROPPED = 'dropped: detector failed gold-set validation';
export const OURS_TURNS = 'Ours: average turns';
/** Row suffixes: which source a row of ours comes from. */
export const HUMAN_ROW = '· human-coded';
export const JUDGE_ROW = '· LLM judge';

export const PANEL_KEY: Record<CommErrorGroup, 'b' | 'c' | 'd'> = { repetition: 'b', unresponsiveness: 'c', hallucination: 'd' };

export interface SegRow {
  row: string;
  series: string;
  x0: number;
  x1: number;
}
export interface TotalRow {
  row: string;
  rate: number;
  ci_low: number | null;
  ci_high: number | null;
  label_x: number;
  label: string;
}
export interface NoteRow {
  row: string;
  text: string;
}

/** One panel's rows: stacked segments, totals (whiskers and labels), italic notes, y order. */
export interface PanelRows {
  order: string[];
  segs: SegRow[];
  totals: TotalRow[];
  notes: NoteRow[];
}

export interface GroupPanelRows extends PanelRows {
  group: CommErrorGroup;
  /** Whether any coded (human or judge) bar is drawn (the sub-code legend entries). */
  anyCoded: boolean;
}

export interface Fig6Data {
  subtitle: Subtitle;
  confText: string;
  judgeRan: boolean;
  /** The store holds runs of the human-coded gold set. */
  humanCoded: boolean;
  paperReference: boolean;
  /** First of the paper's rows, when it follows rows of ours (a separator goes above it). */
  paperFirst: string | null;
  turns: PanelRows;
  groups: GroupPanelRows[];
  /** Panel (e): the heuristic estimates, apart from every judge-based or human-coded value. */
  heuristics: PanelRows & { anyHeuristic: boolean };
  /** "repetition P 0.81, R 0.72" per heuristic checked against the gold set (empty without it). */
  heuristicValidation: string[];
  /** One x-scale maximum for every percent panel, (b) to (e). */
  percentMax: number;
  csv: CsvRow[];
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** "Repeats same information (C4a)"; plan drift has no printed code. */
export function codeLegendLabel(code: string): string {
  const label = COMM_ERROR_LABELS[code as keyof typeof COMM_ERROR_LABELS] ?? code;
  return code === 'plan_drift' ? label : `${label} (${code})`;
}

/** Subtitle lines: SYNTHETIC / NO DATA, judge status, provenance; red when any warning applies. */
export function failureModesSubtitle(data: FailureModesFile, source: string): Subtitle {
  const { records, synthetic_records, conversations } = data.inputs;
  const conf = confidenceOf(data.parameters);
  const j = data.judge;
  const judgeText =
    j.status === 'not-run'
      ? 'judge: not run'
      : `judge: ${j.model} (${j.status}; rubrics ${Object.entries(j.rubric_versions)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')})`;
  const hc = data.human_coded;
  const detail = [
    `${records} run records, ${conversations} conversations with messages, from ${source}`,
    `${judgeText}; whiskers: ${wilsonText(conf)} intervals on the group total`,
    ...(hc ? [`${hc.label}: ${hc.matched_runs} runs of this store matched to the gold set (packages/failure-modes/gold)`] : []),
  ];
  return dataSubtitle(records, synthetic_records, source, detail, [judgeWarning(j)]);
}

/** The red line for a judge that did not run, or ran only in part (null when it ran in full). */
function judgeWarning(j: FailureModesFile['judge']): string | null {
  if (j.status === 'not-run') return FIG6_JUDGE_NOT_RUN;
  if (j.status !== 'partial') return null;
  return /^llm judge/i.test(j.note) ? j.note : `LLM judge incomplete (partial): ${j.note}`;
}

const pctLabel = (iv: Interval) => `${(iv.rate! * 100).toFixed(1)}% (${iv.successes}/${iv.total})`;

function totalRow(row: string, iv: Interval): TotalRow {
  const rate = iv.rate! * 100;
  const lo = iv.ci_low === null ? null : iv.ci_low * 100;
  const hi = iv.ci_high === null ? null : iv.ci_high * 100;
  return { row, rate, ci_low: lo, ci_high: hi, label_x: Math.max(rate, hi ?? rate), label: pctLabel(iv) };
}

const plainTotal = (row: string, v: number, label: string): TotalRow => ({ row, rate: v, ci_low: null, ci_high: null, label_x: v, label });
const ivCells = ({ successes, total, unknown, rate, ci_low, ci_high }: Interval) => ({ successes, total, unknown, rate, ci_low, ci_high });

type PaperRow = { key: PaperModel['key']; row: string };

/** Panel (a): average conversation turns per model, then the paper's. */
function turnsPanel(data: FailureModesFile, names: string[], paperRows: PaperRow[], add: AddRow): PanelRows {
  const p: PanelRows = { order: [...names, ...paperRows.map((r) => r.row)], segs: [], totals: [], notes: [] };
  data.fig6.forEach((m, i) => {
    const row = names[i]!;
    if (m.avg_turns === null) p.notes.push({ row, text: 'n/a (no conversations)' });
    else {
      p.segs.push({ row, series: OURS_TURNS, x0: 0, x1: m.avg_turns });
      p.totals.push(plainTotal(row, m.avg_turns, m.avg_turns.toFixed(1)));
    }
    add({ panel: 'a-turns', source: 'data', model: m.model, label: row, conversations: m.conversations, avg_turns: m.avg_turns });
  });
  for (const r of paperRows) {
    const v = paperFig6(r.key).turns;
    p.segs.push({ row: r.row, series: FIG6_PAPER_SERIES, x0: 0, x1: v });
    p.totals.push(plainTotal(r.row, v, v.toFixed(1)));
    add({ panel: 'a-turns', source: 'paper-fig6', model: r.key, label: r.row, avg_turns: v });
  }
  return p;
}

/** A group's coded numbers from one source (human-coded or judge): the total and each sub-code. */
interface Coded {
  source: 'human-coded' | 'judge';
  model: string;
  row: string;
  conversations: number;
  share: Interval;
  by_code: Record<string, Interval>;
}

/**
 * One coded row: bars stacked by sub-code, Wilson whiskers and "k/n" on the total. Plan drift may be
 * coded beside a C3 code (human codes), so its segment is what the total leaves to it: the bars then
 * add up to the total, and the CSV keeps every code's own count.
 */
function codedRow(p: GroupPanelRows, c: Coded, add: AddRow): void {
  const { group } = p;
  const base = { panel: `${PANEL_KEY[group]}-${group}`, model: c.model, group, conversations: c.conversations, label: c.row, source: c.source, label_source: c.source };
  p.order.push(c.row);
  if (c.share.total === 0 || c.share.rate === null) p.notes.push({ row: c.row, text: c.source === 'judge' ? 'no judged conversations' : 'no coded conversations' });
  else {
    p.anyCoded = true;
    const codes = FIG6_GROUP_CODES[group];
    const others = codes.filter((code) => code !== 'plan_drift').reduce((sum, code) => sum + (c.by_code[code]?.rate ?? 0), 0);
    let x = 0;
    for (const code of codes) {
      const rate = code === 'plan_drift' ? Math.max(0, c.share.rate - others) : (c.by_code[code]?.rate ?? 0);
      const v = rate * 100;
      if (v > 1e-9) p.segs.push({ row: c.row, series: codeLegendLabel(code), x0: x, x1: x + v });
      x += v;
    }
    p.totals.push(totalRow(c.row, c.share));
  }
  for (const code of FIG6_GROUP_CODES[group]) {
    const iv = c.by_code[code];
    add({ ...base, code, code_label: COMM_ERROR_LABELS[code], ...(iv ? ivCells(iv) : {}) });
  }
  add({ ...base, code: 'total', code_label: COMM_ERROR_GROUP_LABELS[group], ...ivCells(c.share) });
}

/** Panels (b)-(d): the human-coded rows, the judge's rows (when it ran), then the paper's; no heuristic here. */
function groupPanel(data: FailureModesFile, group: CommErrorGroup, names: Map<string, string>, paperRows: PaperRow[], add: AddRow): GroupPanelRows {
  const p: GroupPanelRows = { group, order: [], segs: [], totals: [], notes: [], anyCoded: false };
  const human = new Map((data.human_coded?.fig6 ?? []).map((m) => [m.model, m]));
  for (const m of data.human_coded?.fig6 ?? []) {
    const g = m.groups.find((x) => x.group === group)!;
    codedRow(p, { source: 'human-coded', model: m.model, row: `${names.get(m.model) ?? m.model} ${HUMAN_ROW}`, conversations: m.conversations, share: g.share, by_code: g.by_code }, add);
  }
  const judgeRan = data.judge.status !== 'not-run';
  for (const m of data.fig6) {
    const g = m.groups.find((x) => x.group === group);
    const name = names.get(m.model)!;
    if (judgeRan && g?.share) codedRow(p, { source: 'judge', model: m.model, row: `${name} ${JUDGE_ROW}`, conversations: m.conversations, share: g.share, by_code: g.by_code }, add);
    else if (!human.has(m.model)) {
      p.order.push(name);
      p.notes.push({ row: name, text: judgeRan ? 'not judged' : FIG6_NOT_MEASURED });
      add({ panel: `${PANEL_KEY[group]}-${group}`, source: 'none', model: m.model, label: name, group, code: 'total', code_label: COMM_ERROR_GROUP_LABELS[group], label_source: 'none' });
    }
  }
  for (const r of paperRows) {
    const v = paperFig6(r.key)[group];
    p.order.push(r.row);
    if (v > 0) p.segs.push({ row: r.row, series: FIG6_PAPER_SERIES, x0: 0, x1: v });
    p.totals.push(plainTotal(r.row, v, `${v.toFixed(1)}%`));
    add({ panel: `${PANEL_KEY[group]}-${group}`, source: 'paper-fig6', model: r.key, label: r.row, group, code: 'total', code_label: COMM_ERROR_GROUP_LABELS[group], rate: round6(v / 100) });
  }
  return p;
}

/**
 * Panel (e): every heuristic estimate, one row per model and group, never beside a judge-based value; a
 * detector that failed its gold-set validation keeps its row, with a note in place of the bar.
 */
function heuristicPanel(data: FailureModesFile, names: Map<string, string>, add: AddRow): Fig6Data['heuristics'] {
  const p: Fig6Data['heuristics'] = { order: [], segs: [], totals: [], notes: [], anyHeuristic: false };
  for (const group of COMM_ERROR_GROUPS) {
    for (const m of data.fig6) {
      const h = m.groups.find((x) => x.group === group)?.heuristic;
      if (!h) continue;
      const row = `${names.get(m.model)} · ${COMM_ERROR_GROUP_LABELS[group].toLowerCase()}`;
      const failed = failedHeuristics(data, { group }).length > 0;
      p.order.push(row);
      if (failed) p.notes.push({ row, text: FIG6_HEURISTIC_DROPPED });
      else if (h.total === 0 || h.rate === null) p.notes.push({ row, text: 'no conversations' });
      else {
        p.anyHeuristic = true;
        p.segs.push({ row, series: FIG6_HEURISTIC_SERIES, x0: 0, x1: h.rate * 100 });
        p.totals.push(totalRow(row, h));
      }
      add({ panel: 'e-heuristic', source: failed ? 'heuristic-failed-validation' : 'heuristic', model: m.model, label: row, group, code: 'total', code_label: COMM_ERROR_GROUP_LABELS[group], label_source: 'heuristic', conversations: m.conversations, ...ivCells(h) });
    }
  }
  return p;
}

/**
 * The panel's detectors against the gold set, one short line each with its validation status
 * ("repetition: precision 0.81, recall 0.72, kappa 0.74 (n 201): validated"), after the floors.
 */
function heuristicValidation(data: FailureModesFile): string[] {
  const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
  const panel = (data.gold_validation?.heuristics ?? []).filter((h) => h.estimates.group !== null);
  if (panel.length === 0) return [];
  return [
    `validated when ${floorsText(data)}:`,
    ...panel.map(
      (h) =>
        `${h.heuristic.replace(/_/g, ' ')}: precision ${f(h.precision)}, recall ${f(h.recall)}, kappa ${f(h.kappa)} (n ${h.compared}): ` +
        (h.validated ? 'validated' : `FAILED, ${h.reason ?? 'no reason recorded'}`),
    ),
  ];
}

/** Axis maximum: the next multiple of `step` above the largest drawn value plus room for the labels. */
export function axisMax(values: readonly number[], min: number, step: number, cap = Infinity): number {
  const max = Math.max(0, ...values);
  return Math.min(cap, Math.max(min, Math.ceil((max * 1.45) / step) * step));
}

/** One maximum for every percent panel: the largest bar, whisker or label of (b)-(e). */
function percentMax(panels: readonly PanelRows[]): number {
  const values = panels.flatMap((p) => [...p.segs.map((s) => s.x1), ...p.totals.map((t) => t.label_x)]);
  return axisMax(values, panels.some((p) => p.notes.length > 0) ? 40 : 10, 10, 100);
}

export function fig6Data(data: FailureModesFile, opts: { paperReference: boolean; source: string }): Fig6Data {
  const csv = csvRows(FIG6_CSV_COLUMNS);
  // Row names of our models, unique even when two long names shorten to the same text.
  const names = new Map<string, string>();
  const models = [...new Set([...data.fig6.map((m) => m.model), ...(data.human_coded?.fig6 ?? []).map((m) => m.model)])];
  for (const model of models) {
    const short = shortModelName(model);
    names.set(model, [...names.values()].includes(short) ? model : short);
  }
  const paperRows = opts.paperReference ? PAPER_MODELS.map((pm) => ({ key: pm.key, row: paperRowLabel(pm) })) : [];
  const turns = turnsPanel(data, data.fig6.map((m) => names.get(m.model)!), paperRows, csv.add);
  const groups = COMM_ERROR_GROUPS.map((g) => groupPanel(data, g, names, paperRows, csv.add));
  const heuristics = heuristicPanel(data, names, csv.add);
  return {
    subtitle: failureModesSubtitle(data, opts.source),
    confText: wilsonText(confidenceOf(data.parameters)),
    judgeRan: data.judge.status !== 'not-run',
    humanCoded: (data.human_coded?.fig6.length ?? 0) > 0,
    paperReference: opts.paperReference,
    paperFirst: opts.paperReference && models.length > 0 ? paperRows[0]!.row : null,
    turns,
    groups,
    heuristics,
    heuristicValidation: heuristicValidation(data),
    percentMax: percentMax([...groups, heuristics]),
    csv: csv.rows,
  };
}
