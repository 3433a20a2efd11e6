import { COMM_ERROR_GROUPS, type CommErrorGroup, type FailureModesFile, type Interval } from '@cooperbench-repro/contracts';
import { csvRows, type CsvCells, type CsvRow } from '../../render/csv.js';
import { COMM_ERROR_GROUP_LABELS, COMM_ERROR_LABELS, FIG6_GROUP_CODES, shortModelName } from '../../render/labels.js';
import { PAPER_MODELS, paperFig6, paperRowLabel, type PaperModel } from '../../render/paper.js';
import { NOTE_COLOR, WARNING_COLOR, confidenceOf, noDataLine, syntheticWarning, wilsonText, type Subtitle } from '../../render/subtitle.js';

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
  'successes',
  'total',
  'unknown',
  'rate',
  'ci_low',
  'ci_high',
  'conversations',
  'avg_turns',
] as const;
type AddRow = (cells: CsvCells<(typeof FIG6_CSV_COLUMNS)[number]>) => void;

/** Red subtitle line when the LLM judge did not run. */
export const FIG6_JUDGE_NOT_RUN =
  'LLM judge not run: panels (b)-(d) show heuristic estimates only (repetition, unanswered questions); hallucination needs the judge';
export const FIG6_NOT_MEASURED = 'not measured (needs the LLM judge)';
export const FIG6_HEURISTIC_SERIES = 'Heuristic estimate (not a judge label)';
export const FIG6_PAPER_SERIES = 'Paper: total (no sub-category values)';
export const OURS_TURNS = 'Ours: average turns';

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
  /** Whether any judge / heuristic bar is drawn (their legend entries). */
  anyJudge: boolean;
  anyHeuristic: boolean;
}

export interface Fig6Data {
  subtitle: Subtitle;
  confText: string;
  judgeRan: boolean;
  paperReference: boolean;
  /** First of the paper's rows, when it follows rows of ours (a separator goes above it). */
  paperFirst: string | null;
  turns: PanelRows;
  groups: GroupPanelRows[];
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
  const detail = [
    `${records} run records, ${conversations} conversations with messages, from ${source}`,
    `${judgeText}; whiskers: Wilson ${conf === null ? '' : `${Math.round(conf * 100)}% `}intervals on the group total`,
  ];
  if (records === 0) return { lines: [noDataLine(source)], color: WARNING_COLOR };
  const warnings: string[] = [];
  const synth = syntheticWarning(records, synthetic_records);
  if (synth) warnings.push(synth);
  if (j.status === 'not-run') warnings.push(FIG6_JUDGE_NOT_RUN);
  if (j.status === 'partial') warnings.push(/^llm judge/i.test(j.note) ? j.note : `LLM judge incomplete (partial): ${j.note}`);
  return { lines: [...warnings, ...detail], color: warnings.length > 0 ? WARNING_COLOR : NOTE_COLOR };
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

/** One model's rows of an error-group panel: judge bars stacked by sub-code, or a note, and the heuristic row. */
function groupModelRows(p: GroupPanelRows, m: FailureModesFile['fig6'][number], name: string, judgeRan: boolean, add: AddRow): void {
  const { group } = p;
  const codes = FIG6_GROUP_CODES[group];
  const g = m.groups.find((x) => x.group === group);
  const base = { panel: `${PANEL_KEY[group]}-${group}`, model: m.model, group, conversations: m.conversations, code_label: COMM_ERROR_GROUP_LABELS[group] };
  const share = g?.share ?? null;
  if (judgeRan && share !== null && g?.source !== 'heuristic') {
    p.order.push(name);
    if (share.total === 0 || share.rate === null) p.notes.push({ row: name, text: 'no judged conversations' });
    else {
      p.anyJudge = true;
      let x = 0;
      for (const code of codes) {
        const iv = g!.by_code[code];
        const v = iv?.rate == null ? 0 : iv.rate * 100;
        if (v > 0) p.segs.push({ row: name, series: codeLegendLabel(code), x0: x, x1: x + v });
        x += v;
      }
      p.totals.push(totalRow(name, share));
    }
    for (const code of codes) {
      const iv = g!.by_code[code];
      add({ ...base, source: 'judge', label: name, code, code_label: COMM_ERROR_LABELS[code], label_source: g!.source, ...(iv ? ivCells(iv) : {}) });
    }
    add({ ...base, source: 'judge', label: name, code: 'total', label_source: g!.source, ...ivCells(share) });
  } else if (!g?.heuristic) {
    p.order.push(name);
    p.notes.push({ row: name, text: judgeRan ? 'not judged' : FIG6_NOT_MEASURED });
    add({ ...base, source: 'none', label: name, code: 'total', label_source: g?.source ?? 'none' });
  }
  if (g?.heuristic) {
    const row = `${name} · heuristic`;
    p.order.push(row);
    const h = g.heuristic;
    if (h.total === 0 || h.rate === null) p.notes.push({ row, text: 'no conversations' });
    else {
      p.anyHeuristic = true;
      p.segs.push({ row, series: FIG6_HEURISTIC_SERIES, x0: 0, x1: h.rate * 100 });
      p.totals.push(totalRow(row, h));
    }
    add({ ...base, source: 'heuristic', label: row, code: 'total', label_source: 'heuristic', ...ivCells(h) });
  }
}

/** Panels (b)-(d): one error group per panel. */
function groupPanel(data: FailureModesFile, group: CommErrorGroup, names: string[], paperRows: PaperRow[], add: AddRow): GroupPanelRows {
  const p: GroupPanelRows = { group, order: [], segs: [], totals: [], notes: [], anyJudge: false, anyHeuristic: false };
  const judgeRan = data.judge.status !== 'not-run';
  data.fig6.forEach((m, i) => groupModelRows(p, m, names[i]!, judgeRan, add));
  for (const r of paperRows) {
    const v = paperFig6(r.key)[group];
    p.order.push(r.row);
    if (v > 0) p.segs.push({ row: r.row, series: FIG6_PAPER_SERIES, x0: 0, x1: v });
    p.totals.push(plainTotal(r.row, v, `${v.toFixed(1)}%`));
    add({ panel: `${PANEL_KEY[group]}-${group}`, source: 'paper-fig6', model: r.key, label: r.row, group, code: 'total', code_label: COMM_ERROR_GROUP_LABELS[group], rate: round6(v / 100) });
  }
  return p;
}

export function fig6Data(data: FailureModesFile, opts: { paperReference: boolean; source: string }): Fig6Data {
  const csv = csvRows(FIG6_CSV_COLUMNS);
  // Row names of our models, unique even when two long names shorten to the same text.
  const names: string[] = [];
  for (const m of data.fig6) {
    const short = shortModelName(m.model);
    names.push(names.includes(short) ? m.model : short);
  }
  const paperRows = opts.paperReference ? PAPER_MODELS.map((pm) => ({ key: pm.key, row: paperRowLabel(pm) })) : [];
  return {
    subtitle: failureModesSubtitle(data, opts.source),
    confText: wilsonText(confidenceOf(data.parameters)),
    judgeRan: data.judge.status !== 'not-run',
    paperReference: opts.paperReference,
    paperFirst: opts.paperReference && data.fig6.length > 0 ? paperRows[0]!.row : null,
    turns: turnsPanel(data, names, paperRows, csv.add),
    groups: COMM_ERROR_GROUPS.map((g) => groupPanel(data, g, names, paperRows, csv.add)),
    csv: csv.rows,
  };
}
