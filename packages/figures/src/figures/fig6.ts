import { COMM_ERROR_GROUPS, type CommErrorGroup, type FailureModesFile, type Interval } from '@cooperbench-repro/contracts';
import type { TopLevelSpec } from 'vega-lite';
import { PAPER_MODELS } from '../paper-reference-communication.js';
import { COMM_ERROR_GROUP_LABELS, COMM_ERROR_LABELS, FIG6_GROUP_CODES, PAPER_FIG6 } from '../paper-reference-failure-modes.js';
import type { CsvRow } from '../render/csv.js';
import type { FigureDefinition } from '../render/figure.js';
import { baseConfig } from '../render/style.js';
import { shortModelName } from './fig5.js';

/**
 * Figure 6 of the paper: communication errors, per model.
 * (a) average conversation turns (`fig6[].avg_turns`);
 * (b) repetition, (c) unresponsiveness, (d) hallucination: percent of conversations with an error of the
 *     group, stacked by the judge's sub-code (`groups[].by_code`), Wilson whiskers on the group total
 *     (`groups[].share`). The heuristic estimate of the same group (`groups[].heuristic`) is drawn as its
 *     own "· heuristic" row in its own colour, never as a judge label.
 * When the judge did not run (`judge.status === 'not-run'`) the figure says so in red on its face, panels
 * (b) and (c) show only the heuristic rows and (d) says "not measured".
 * The paper's per-model bar labels are separate grey "Paper: …" rows (totals only; the paper gives no
 * sub-category values). The paper's models are never matched to the data's model names.
 */

export interface Fig6Options {
  /** Show the paper's values as reference rows (default true). */
  paperReference?: boolean;
  /** How the data file is named in the figure's subtitle. */
  source?: string;
}

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

export const FIG6_PANEL_TITLES = {
  a: '(a) Average conversation turns',
  b: '(b) Repetition',
  c: '(c) Unresponsiveness',
  d: '(d) Hallucination',
} as const;

export const FIG6_AXIS_TITLES = {
  turns: 'Average turns per conversation',
  share: 'Percent of conversations',
} as const;

/** Red subtitle line when the LLM judge did not run. */
export const FIG6_JUDGE_NOT_RUN =
  'LLM judge not run: panels (b)-(d) show heuristic estimates only (repetition, unanswered questions); hallucination needs the judge';
export const FIG6_NOT_MEASURED = 'not measured (needs the LLM judge)';
export const FIG6_HEURISTIC_SERIES = 'Heuristic estimate (not a judge label)';
export const FIG6_PAPER_SERIES = 'Paper: total (no sub-category values)';

/** What the heuristic of each group detects (null: no heuristic exists). */
const HEURISTIC_WHAT: Record<CommErrorGroup, string | null> = {
  repetition: 'repeated / near-duplicate messages',
  unresponsiveness: 'unanswered direct questions',
  hallucination: null,
};

const PANEL_KEY: Record<CommErrorGroup, 'b' | 'c' | 'd'> = { repetition: 'b', unresponsiveness: 'c', hallucination: 'd' };

const CODE_COLORS: Record<string, string> = {
  C4a: '#2166ac',
  C4b: '#92c5de',
  C1a: '#b35806',
  C1b: '#f1a340',
  C2: '#fee0b6',
  plan_drift: '#1b7837',
  C3a: '#762a83',
  C3b: '#c2a5cf',
};
const HEURISTIC_COLOR = '#8c8c3c';
const TURNS_COLOR = '#4d4d4d';
const PAPER_COLOR = '#c8c8c8';
const WHISKER = '#333333';
const WARNING_COLOR = '#c00000';
const PANEL_WIDTH = 300;
const STEP = 24;
/** Minimum width of the y-axis labels, so the panels of both rows line up. */
const Y_LABEL_EXTENT = 170;
const OURS_TURNS = 'Ours: average turns';

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function confidenceOf(data: FailureModesFile): number | null {
  const c = data.parameters.confidence;
  return typeof c === 'number' && c > 0 && c < 1 ? c : null;
}

/** "Repeats same information (C4a)"; plan drift has no printed code. */
export function codeLegendLabel(code: string): string {
  const label = COMM_ERROR_LABELS[code as keyof typeof COMM_ERROR_LABELS] ?? code;
  return code === 'plan_drift' ? label : `${label} (${code})`;
}

/** Subtitle lines: SYNTHETIC / NO DATA, judge status, provenance; red when any warning applies. */
export function failureModesSubtitle(data: FailureModesFile, source: string): { lines: string[]; color: string } {
  const { records, synthetic_records, conversations } = data.inputs;
  const conf = confidenceOf(data);
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
  if (records === 0) return { lines: [`NO DATA: ${source} holds no run records`], color: WARNING_COLOR };
  const warnings: string[] = [];
  if (synthetic_records > 0) {
    const share = synthetic_records === records ? 'all' : `${synthetic_records} of`;
    warnings.push(`SYNTHETIC DEMO DATA — not real agent runs (${share} ${records} records are synthetic)`);
  }
  if (j.status === 'not-run') warnings.push(FIG6_JUDGE_NOT_RUN);
  if (j.status === 'partial') warnings.push(/^llm judge/i.test(j.note) ? j.note : `LLM judge incomplete (partial): ${j.note}`);
  return { lines: [...warnings, ...detail], color: warnings.length > 0 ? WARNING_COLOR : '#444444' };
}

interface SegRow {
  row: string;
  series: string;
  x0: number;
  x1: number;
}
interface TotalRow {
  row: string;
  rate: number;
  ci_low: number | null;
  ci_high: number | null;
  label_x: number;
  label: string;
}
interface NoteRow {
  row: string;
  text: string;
}

const pctLabel = (iv: Interval) => `${(iv.rate! * 100).toFixed(1)}% (${iv.successes}/${iv.total})`;

function totalRow(row: string, iv: Interval): TotalRow {
  const rate = iv.rate! * 100;
  const lo = iv.ci_low === null ? null : iv.ci_low * 100;
  const hi = iv.ci_high === null ? null : iv.ci_high * 100;
  return { row, rate, ci_low: lo, ci_high: hi, label_x: Math.max(rate, hi ?? rate), label: pctLabel(iv) };
}

/** Axis maximum: the next multiple of `step` above the largest drawn value plus room for the labels. */
function axisMax(values: readonly number[], min: number, step: number, cap = Infinity): number {
  const max = Math.max(0, ...values);
  return Math.min(cap, Math.max(min, Math.ceil((max * 1.45) / step) * step));
}

function separator(first: string | null, order: string[]) {
  return first === null
    ? []
    : [
        {
          data: { values: [{ row: first }] },
          mark: { type: 'rule' as const, color: '#888888', strokeDash: [4, 3], strokeWidth: 1 },
          encoding: { y: { field: 'row', type: 'nominal' as const, sort: order, bandPosition: 0 } },
        },
      ];
}

const legendBottom = { title: null, orient: 'bottom' as const, direction: 'vertical' as const, symbolType: 'square', labelFontSize: 11.5 };

function barPanel(opts: {
  title: string;
  subtitle: string[];
  order: string[];
  segs: SegRow[];
  totals: TotalRow[];
  notes: NoteRow[];
  xTitle: string;
  xMax: number;
  domain: string[];
  range: string[];
  paperFirst: string | null;
}) {
  const xEnc = { type: 'quantitative' as const, title: opts.xTitle, scale: { domain: [0, opts.xMax] }, axis: { tickCount: 5 } };
  const yEnc = { field: 'row', type: 'nominal' as const, sort: opts.order, title: null, axis: { labelLimit: 320, labelFontSize: 12, minExtent: Y_LABEL_EXTENT } };
  const hasColor = opts.domain.length > 0;
  return {
    title: { text: opts.title, subtitle: opts.subtitle, fontSize: 14, subtitleFontSize: 11, anchor: 'start' as const },
    width: PANEL_WIDTH,
    height: { step: STEP },
    encoding: { y: yEnc },
    layer: [
      {
        data: { values: opts.segs },
        mark: { type: 'bar' as const, ...(hasColor ? {} : { color: PAPER_COLOR }) },
        encoding: {
          x: { field: 'x0', ...xEnc },
          x2: { field: 'x1' },
          ...(hasColor
            ? { color: { field: 'series', type: 'nominal' as const, scale: { domain: opts.domain, range: opts.range }, legend: legendBottom } }
            : {}),
          tooltip: [
            { field: 'row', type: 'nominal' as const, title: 'model' },
            { field: 'series', type: 'nominal' as const },
          ],
        },
      },
      {
        data: { values: opts.totals },
        layer: [
          {
            transform: [{ filter: 'datum.ci_low !== null' }],
            mark: { type: 'rule' as const, strokeWidth: 1.2, color: WHISKER },
            encoding: { x: { field: 'ci_low', ...xEnc }, x2: { field: 'ci_high' } },
          },
          {
            transform: [{ filter: 'datum.ci_low !== null' }],
            mark: { type: 'tick' as const, thickness: 1.2, size: 9, color: WHISKER },
            encoding: { x: { field: 'ci_low', ...xEnc } },
          },
          {
            transform: [{ filter: 'datum.ci_high !== null' }],
            mark: { type: 'tick' as const, thickness: 1.2, size: 9, color: WHISKER },
            encoding: { x: { field: 'ci_high', ...xEnc } },
          },
          {
            mark: { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, dx: 4, fontSize: 10.5, color: '#222222' },
            encoding: { x: { field: 'label_x', ...xEnc }, text: { field: 'label', type: 'nominal' as const } },
          },
        ],
      },
      {
        data: { values: opts.notes },
        mark: { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, dx: 4, fontSize: 10.5, fontStyle: 'italic', color: '#a00000' },
        encoding: { x: { datum: 0, ...xEnc }, text: { field: 'text', type: 'nominal' as const } },
      },
      ...separator(opts.paperFirst, opts.order),
    ],
  };
}

export function fig6(data: FailureModesFile, opts: Fig6Options = {}): FigureDefinition {
  const paperReference = opts.paperReference ?? true;
  const source = opts.source ?? 'data/failure-modes.json';
  const csv: CsvRow[] = [];
  const conf = confidenceOf(data);
  const confText = conf === null ? 'Wilson' : `Wilson ${Math.round(conf * 100)}%`;
  const judgeRan = data.judge.status !== 'not-run';
  const paperSub = paperReference ? ['grey rows "Paper: …": paper Fig. 6 bar labels (totals only; models not matched to ours)'] : [];

  // Row names of our models, unique even when two long names shorten to the same text.
  const names: string[] = [];
  for (const m of data.fig6) {
    const short = shortModelName(m.model);
    names.push(names.includes(short) ? m.model : short);
  }
  const paperRows = paperReference ? PAPER_MODELS.map((pm) => ({ key: pm.key, row: `Paper: ${pm.label}` })) : [];
  const paperFirst = paperReference && data.fig6.length > 0 ? paperRows[0]!.row : null;
  const empty = (row: string, text: string): NoteRow => ({ row, text });

  // ---- (a) average conversation turns ----------------------------------------------------------------
  const turnSegs: SegRow[] = [];
  const turnTotals: TotalRow[] = [];
  const turnNotes: NoteRow[] = [];
  data.fig6.forEach((m, i) => {
    const row = names[i]!;
    if (m.avg_turns === null) turnNotes.push(empty(row, 'n/a (no conversations)'));
    else {
      turnSegs.push({ row, series: OURS_TURNS, x0: 0, x1: m.avg_turns });
      turnTotals.push({ row, rate: m.avg_turns, ci_low: null, ci_high: null, label_x: m.avg_turns, label: m.avg_turns.toFixed(1) });
    }
    csv.push({
      panel: 'a-turns',
      source: 'data',
      model: m.model,
      label: row,
      group: null,
      code: null,
      code_label: null,
      label_source: null,
      successes: null,
      total: null,
      unknown: null,
      rate: null,
      ci_low: null,
      ci_high: null,
      conversations: m.conversations,
      avg_turns: m.avg_turns,
    });
  });
  for (const p of paperRows) {
    const v = PAPER_FIG6[p.key].turns;
    turnSegs.push({ row: p.row, series: FIG6_PAPER_SERIES, x0: 0, x1: v });
    turnTotals.push({ row: p.row, rate: v, ci_low: null, ci_high: null, label_x: v, label: v.toFixed(1) });
    csv.push({
      panel: 'a-turns',
      source: 'paper-fig6',
      model: p.key,
      label: p.row,
      group: null,
      code: null,
      code_label: null,
      label_source: null,
      successes: null,
      total: null,
      unknown: null,
      rate: null,
      ci_low: null,
      ci_high: null,
      conversations: null,
      avg_turns: v,
    });
  }
  const turnOrder = [...names, ...paperRows.map((p) => p.row)];
  const panelA = barPanel({
    title: FIG6_PANEL_TITLES.a,
    subtitle: ['ours: mean turns over conversations with messages', ...paperSub],
    order: turnOrder,
    segs: turnSegs,
    totals: turnTotals,
    notes: turnNotes,
    xTitle: FIG6_AXIS_TITLES.turns,
    xMax: axisMax(turnSegs.map((s) => s.x1), 5, 5),
    domain: [OURS_TURNS, ...(paperReference ? [FIG6_PAPER_SERIES] : [])],
    range: [TURNS_COLOR, ...(paperReference ? [PAPER_COLOR] : [])],
    paperFirst,
  });

  // ---- (b)-(d) error groups ---------------------------------------------------------------------------
  const groupPanel = (group: CommErrorGroup) => {
    const key = PANEL_KEY[group];
    const codes = FIG6_GROUP_CODES[group];
    const segs: SegRow[] = [];
    const totals: TotalRow[] = [];
    const notes: NoteRow[] = [];
    const order: string[] = [];
    let anyJudge = false;
    let anyHeuristic = false;
    data.fig6.forEach((m, i) => {
      const name = names[i]!;
      const g = m.groups.find((x) => x.group === group);
      const base = { panel: `${key}-${group}`, model: m.model, group, conversations: m.conversations, avg_turns: null };
      const ivCols = (iv: Interval) => ({ successes: iv.successes, total: iv.total, unknown: iv.unknown, rate: iv.rate, ci_low: iv.ci_low, ci_high: iv.ci_high });
      const share = g?.share ?? null;
      const judged = judgeRan && share !== null && g?.source !== 'heuristic';
      if (judged) {
        order.push(name);
        if (share.total === 0 || share.rate === null) notes.push(empty(name, 'no judged conversations'));
        else {
          anyJudge = true;
          let x = 0;
          for (const code of codes) {
            const iv = g!.by_code[code];
            const v = iv?.rate == null ? 0 : iv.rate * 100;
            if (v > 0) segs.push({ row: name, series: codeLegendLabel(code), x0: x, x1: x + v });
            x += v;
          }
          totals.push(totalRow(name, share));
        }
        for (const code of codes) {
          const iv = g!.by_code[code];
          csv.push({
            ...base,
            source: 'judge',
            label: name,
            code,
            code_label: COMM_ERROR_LABELS[code],
            label_source: g!.source,
            ...(iv ? ivCols(iv) : { successes: null, total: null, unknown: null, rate: null, ci_low: null, ci_high: null }),
          });
        }
        csv.push({ ...base, source: 'judge', label: name, code: 'total', code_label: COMM_ERROR_GROUP_LABELS[group], label_source: g!.source, ...ivCols(share) });
      } else if (!g?.heuristic) {
        order.push(name);
        notes.push(empty(name, judgeRan ? 'not judged' : FIG6_NOT_MEASURED));
        csv.push({
          ...base,
          source: 'none',
          label: name,
          code: 'total',
          code_label: COMM_ERROR_GROUP_LABELS[group],
          label_source: g?.source ?? 'none',
          successes: null,
          total: null,
          unknown: null,
          rate: null,
          ci_low: null,
          ci_high: null,
        });
      }
      if (g?.heuristic) {
        const row = `${name} · heuristic`;
        order.push(row);
        const h = g.heuristic;
        if (h.total === 0 || h.rate === null) notes.push(empty(row, 'no conversations'));
        else {
          anyHeuristic = true;
          segs.push({ row, series: FIG6_HEURISTIC_SERIES, x0: 0, x1: h.rate * 100 });
          totals.push(totalRow(row, h));
        }
        csv.push({ ...base, source: 'heuristic', label: row, code: 'total', code_label: COMM_ERROR_GROUP_LABELS[group], label_source: 'heuristic', ...ivCols(h) });
      }
    });
    for (const p of paperRows) {
      const v = PAPER_FIG6[p.key][group];
      order.push(p.row);
      if (v > 0) segs.push({ row: p.row, series: FIG6_PAPER_SERIES, x0: 0, x1: v });
      totals.push({ row: p.row, rate: v, ci_low: null, ci_high: null, label_x: v, label: `${v.toFixed(1)}%` });
      csv.push({
        panel: `${key}-${group}`,
        source: 'paper-fig6',
        model: p.key,
        label: p.row,
        group,
        code: 'total',
        code_label: COMM_ERROR_GROUP_LABELS[group],
        label_source: null,
        successes: null,
        total: null,
        unknown: null,
        rate: round6(v / 100),
        ci_low: null,
        ci_high: null,
        conversations: null,
        avg_turns: null,
      });
    }
    const domain: string[] = [];
    const range: string[] = [];
    if (anyJudge)
      for (const c of codes) {
        domain.push(codeLegendLabel(c));
        range.push(CODE_COLORS[c]!);
      }
    if (anyHeuristic) {
      domain.push(FIG6_HEURISTIC_SERIES);
      range.push(HEURISTIC_COLOR);
    }
    if (paperReference) {
      domain.push(FIG6_PAPER_SERIES);
      range.push(PAPER_COLOR);
    }
    const what = HEURISTIC_WHAT[group];
    const subtitle = judgeRan
      ? [
          `ours: % of judged conversations, stacked by the LLM judge's sub-code; whiskers: ${confText}`,
          what === null ? 'no heuristic cross-check exists for this group' : `"· heuristic" rows: ${what} detector, % of all conversations (cross-check)`,
        ]
      : what === null
        ? ['ours: not measured — hallucination needs the LLM judge, which was not run']
        : ['ours: HEURISTIC ESTIMATE ONLY, not judge labels', `(${what} detector, % of all conversations); whiskers: ${confText}`];
    const all = [...segs.map((s) => s.x1), ...totals.map((t) => t.label_x)];
    return barPanel({
      title: FIG6_PANEL_TITLES[key],
      subtitle: [...subtitle, ...paperSub],
      order,
      segs,
      totals,
      notes,
      xTitle: FIG6_AXIS_TITLES.share,
      xMax: axisMax(all, notes.length > 0 ? 40 : 10, 10, 100),
      domain,
      range,
      paperFirst: paperFirst !== null && order.indexOf(paperFirst) > 0 ? paperFirst : null,
    });
  };
  const [panelB, panelC, panelD] = COMM_ERROR_GROUPS.map(groupPanel) as [ReturnType<typeof barPanel>, ReturnType<typeof barPanel>, ReturnType<typeof barPanel>];

  // Same number of subtitle lines within a row of panels, so their titles line up too.
  for (const pair of [
    [panelA, panelB],
    [panelC, panelD],
  ]) {
    const lines = Math.max(...pair.map((p) => p.title.subtitle.length));
    for (const p of pair) while (p.title.subtitle.length < lines) p.title.subtitle.push(' ');
  }

  const subtitle = failureModesSubtitle(data, source);
  const title = 'Figure 6. Communication errors per model: conversation length and error frequencies';
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: subtitle.lines, subtitleColor: subtitle.color },
    config: { ...baseConfig(), concat: { spacing: 36 } },
    resolve: { scale: { color: 'independent', y: 'independent' }, legend: { color: 'independent' } },
    columns: 2,
    concat: [panelA, panelB, panelC, panelD],
  } as TopLevelSpec;

  return { name: 'fig6', title, spec, csv: { columns: FIG6_CSV_COLUMNS, rows: csv } };
}
