import { SPEECH_ACTS, type CommunicationFile, type Interval, type SpeechAct } from '@cooperbench-repro/contracts';
import type { TopLevelSpec } from 'vega-lite';
import { PAPER_FIG5C_SHARE, PAPER_MODELS, PAPER_TABLE6_LLM } from '../paper-reference-communication.js';
import type { CsvRow } from '../render/csv.js';
import type { FigureDefinition } from '../render/figure.js';
import { armLabel, baseConfig } from '../render/style.js';

/**
 * Figure 5 of the paper: communication.
 * (a) success rate with vs without messaging per model (`comm_vs_nocomm[].success`), Wilson whiskers,
 *     Fisher p in the row label; the paper's Table 6 LLM-merge values as separate "Paper: ..." rows.
 * (b) naive-merge conflict rate with vs without messaging per model (`comm_vs_nocomm[].conflict`); the
 *     paper prints no per-model values, so there is no reference (the subtitle says so).
 * (c) messages as % of all agent actions per model (`communication_share`, arms with messages), stacked by
 *     speech act; the paper's Fig. 5(c) totals as separate "Paper: ..." rows (it gives no breakdown).
 * The paper's models are never matched to the data's model names.
 */

export interface Fig5Options {
  /** Show the paper's values as reference rows (default true). */
  paperReference?: boolean;
  /** How the data file is named in the figure's subtitle. */
  source?: string;
}

export const FIG5_CSV_COLUMNS = [
  'panel',
  'source',
  'model',
  'label',
  'arm',
  'series',
  'act',
  'successes',
  'total',
  'unknown',
  'rate',
  'ci_low',
  'ci_high',
  'matched_pairs',
  'test',
  'statistic',
  'p_value',
  'effect',
  'conversations',
  'messages',
  'steps',
] as const;

export const FIG5_PANEL_TITLES = {
  a: '(a) Success rate: with vs. without messaging',
  b: '(b) Naive-merge conflict rate: with vs. without messaging',
  c: '(c) Communication share of all agent actions, by speech act',
} as const;

export const FIG5_AXIS_TITLES = {
  success: "Percent of tasks solved (both features' tests pass)",
  conflict: 'Percent of tasks whose two patches conflict (naive merge)',
  share: 'Messages (% of all agent actions)',
} as const;

const SERIES = {
  with: 'With messaging',
  without: 'Without messaging',
  paperWith: 'Paper: with messaging',
  paperWithout: 'Paper: without messaging',
} as const;
const SERIES_COLORS = ['#d6604d', '#7b3294', '#f4a582', '#c2a5cf'];
const PAPER_TOTAL = 'Paper: total (no per-act breakdown)';
const ACT_COLORS: Record<SpeechAct, string> = {
  Plan: '#1b9e77',
  Question: '#d95f02',
  Answer: '#7570b3',
  Update: '#e7298a',
  Ack: '#66a61e',
  Other: '#e6ab02',
};
const PAPER_COLOR = '#c8c8c8';
const WHISKER = '#333333';
const WARNING_COLOR = '#c00000';
/** Pixels per model row (two bars) in panels (a) and (b). */
const ROW_HEIGHT = 42;
const SHARE_STEP = 26;

/** Fisher (or other) p-value as printed in labels. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return 'p n/a';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p.toFixed(3)}`;
}

/** Model names longer than this are shortened in the middle on the axis (the CSV keeps them whole). */
const MAX_MODEL_CHARS = 40;

/** `name` shortened in the middle to MAX_MODEL_CHARS, so that the p-value after it stays visible. */
export function shortModelName(name: string): string {
  if (name.length <= MAX_MODEL_CHARS) return name;
  const tail = 14;
  return `${name.slice(0, MAX_MODEL_CHARS - tail - 1)}…${name.slice(-tail)}`;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const pct = (x: number | null) => (x === null ? null : x * 100);

function confidenceOf(data: CommunicationFile): number | null {
  const c = data.parameters.confidence;
  return typeof c === 'number' && c > 0 && c < 1 ? c : null;
}

/** Subtitle lines: provenance, and a red SYNTHETIC / NO DATA line when that applies (as Figure 4). */
export function communicationSubtitle(data: CommunicationFile, source: string): { lines: string[]; color: string } {
  const { records, synthetic_records, coop_records, conversations_with_messages } = data.inputs;
  const conf = confidenceOf(data);
  const detail =
    `${records} run records (${coop_records} coop, ${conversations_with_messages} conversations with messages) from ${source}; ` +
    `whiskers: Wilson ${conf === null ? '' : `${Math.round(conf * 100)}% `}intervals`;
  if (records === 0) return { lines: [`NO DATA: ${source} holds no run records`], color: WARNING_COLOR };
  if (synthetic_records > 0) {
    const share = synthetic_records === records ? 'all' : `${synthetic_records} of`;
    return { lines: [`SYNTHETIC DEMO DATA — not real agent runs (${share} ${records} records are synthetic)`, detail], color: WARNING_COLOR };
  }
  return { lines: [detail], color: '#444444' };
}

interface BarRow {
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

function barRow(row: string, series: string, pos: 'with' | 'without', iv: Interval): BarRow | null {
  if (iv.total === 0 || iv.rate === null) return null;
  const rate = pct(iv.rate)!;
  const hi = pct(iv.ci_high);
  return {
    row,
    series,
    pos,
    rate,
    ci_low: pct(iv.ci_low),
    ci_high: hi,
    label_x: Math.max(rate, hi ?? rate),
    label: `${rate.toFixed(1)}%`,
    n: iv.total,
    k: iv.successes,
  };
}

function paperBarRow(row: string, series: string, pos: 'with' | 'without', value: number): BarRow {
  return { row, series, pos, rate: value, ci_low: null, ci_high: null, label_x: value, label: `${value.toFixed(1)}%`, n: null, k: null };
}

/** Axis maximum: at least `min`, else the next multiple of 10 above the largest drawn value plus room for labels. */
function axisMax(values: readonly (number | null)[], min: number, cap = Infinity): number {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  return Math.min(cap, Math.max(min, Math.ceil((max * 1.15) / 10) * 10));
}

export function fig5(data: CommunicationFile, opts: Fig5Options = {}): FigureDefinition {
  const paperReference = opts.paperReference ?? true;
  const source = opts.source ?? 'data/communication.json';
  const csv: CsvRow[] = [];
  const conf = confidenceOf(data);
  const confText = conf === null ? 'Wilson' : `Wilson ${Math.round(conf * 100)}%`;

  // ---- (a) and (b): with vs without messaging -----------------------------------------------------
  const comparisons = data.comm_vs_nocomm;
  const testNames = [...new Set(comparisons.flatMap((c) => [c.success.test.test, c.conflict.test.test]))].sort();
  const panelRows = (kind: 'success' | 'conflict') => {
    const rows: BarRow[] = [];
    const order: string[] = [];
    for (const c of comparisons) {
      const m = c[kind];
      const short = shortModelName(c.model);
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
        csv.push({
          panel: kind === 'success' ? 'a-success' : 'b-conflict',
          source: 'data',
          model: c.model,
          label: row,
          arm,
          series: pos === 'with' ? SERIES.with : SERIES.without,
          act: null,
          successes: iv.successes,
          total: iv.total,
          unknown: iv.unknown,
          rate: iv.rate,
          ci_low: iv.ci_low,
          ci_high: iv.ci_high,
          matched_pairs: c.matched_pairs,
          test: m.test.test,
          statistic: m.test.statistic,
          p_value: m.test.p_value,
          effect: m.test.effect,
          conversations: null,
          messages: null,
          steps: null,
        });
      }
    }
    return { rows, order };
  };
  const success = panelRows('success');
  const conflict = panelRows('conflict');

  const paperSuccessOrder: string[] = [];
  if (paperReference) {
    for (const pm of PAPER_MODELS) {
      const row = `Paper: ${pm.label}`;
      paperSuccessOrder.push(row);
      const v = PAPER_TABLE6_LLM[pm.key];
      success.rows.push(paperBarRow(row, SERIES.paperWith, 'with', v.with), paperBarRow(row, SERIES.paperWithout, 'without', v.without));
      for (const [pos, value] of [
        ['with', v.with],
        ['without', v.without],
      ] as const) {
        csv.push({
          panel: 'a-success',
          source: 'paper-table6-llm',
          model: pm.key,
          label: row,
          arm: null,
          series: pos === 'with' ? SERIES.paperWith : SERIES.paperWithout,
          act: null,
          successes: null,
          total: null,
          unknown: null,
          rate: round6(value / 100),
          ci_low: null,
          ci_high: null,
          matched_pairs: null,
          test: null,
          statistic: null,
          p_value: null,
          effect: null,
          conversations: null,
          messages: null,
          steps: null,
        });
      }
    }
  }

  const seriesDomain = paperReference ? Object.values(SERIES) : [SERIES.with, SERIES.without];
  const seriesColor = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: seriesDomain, range: SERIES_COLORS.slice(0, seriesDomain.length) },
    legend: { title: null, orient: 'top' as const, direction: 'horizontal' as const, columns: 2, columnPadding: 18, symbolType: 'square' },
  };

  const ratePanel = (
    rows: BarRow[],
    order: string[],
    x: { title: string; max: number },
    title: { text: string; subtitle: string[] },
    separatorBefore: string | null,
  ) => {
    const xEnc = { type: 'quantitative' as const, title: x.title, scale: { domain: [0, x.max] }, axis: { tickCount: 5 } };
    const yEnc = { field: 'row', type: 'nominal' as const, sort: order, title: null, axis: { labelLimit: 400, labelFontSize: 12 } };
    const yOffset = { field: 'pos', type: 'nominal' as const, sort: ['with', 'without'], scale: { paddingInner: 0.08 } };
    return {
      title: { ...title, fontSize: 14, subtitleFontSize: 11.5 },
      width: 340,
      height: Math.max(1, order.length) * ROW_HEIGHT,
      data: { values: rows },
      encoding: { y: yEnc, yOffset },
      layer: [
        {
          mark: { type: 'bar' as const },
          encoding: {
            x: { field: 'rate', ...xEnc },
            color: seriesColor,
            tooltip: [
              { field: 'row', type: 'nominal' as const, title: 'model' },
              { field: 'series', type: 'nominal' as const },
              { field: 'rate', type: 'quantitative' as const, format: '.1f', title: 'percent' },
              { field: 'k', type: 'quantitative' as const, title: 'count' },
              { field: 'n', type: 'quantitative' as const, title: 'tasks' },
            ],
          },
        },
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
          mark: { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, dx: 4, fontSize: 10, color: '#222222' },
          encoding: { x: { field: 'label_x', ...xEnc }, text: { field: 'label', type: 'nominal' as const } },
        },
        ...(separatorBefore
          ? [
              {
                data: { values: [{ row: separatorBefore }] },
                mark: { type: 'rule' as const, color: '#888888', strokeDash: [4, 3], strokeWidth: 1 },
                encoding: { y: { field: 'row', type: 'nominal' as const, sort: order, bandPosition: 0 }, yOffset: { value: 0 } },
              },
            ]
          : []),
      ],
    };
  };

  const successMax = axisMax(success.rows.map((r) => r.label_x), 50, 100);
  const panelA = ratePanel(
    success.rows,
    [...success.order, ...paperSuccessOrder],
    { title: FIG5_AXIS_TITLES.success, max: successMax },
    {
      text: FIG5_PANEL_TITLES.a,
      subtitle: [
        `ours: matched pairs per model; whiskers: ${confText}; p: ${testNames.join(', ') || 'n/a'}`,
        ...(paperReference ? ['light rows "Paper: …": paper Table 6, LLM merge (models not matched to ours)'] : []),
      ],
    },
    paperReference && success.order.length > 0 ? paperSuccessOrder[0]! : null,
  );
  const panelB = ratePanel(
    conflict.rows,
    conflict.order,
    { title: FIG5_AXIS_TITLES.conflict, max: 100 },
    {
      text: FIG5_PANEL_TITLES.b,
      subtitle: [
        `ours: matched pairs per model; whiskers: ${confText}; p: ${testNames.join(', ') || 'n/a'}`,
        'no paper reference: the paper prints no per-model conflict rates for Fig. 5(b)',
      ],
    },
    null,
  );

  // ---- (c): communication share stacked by speech act ----------------------------------------------
  const shares = data.communication_share.filter((s) => s.messages > 0 && s.share !== null);
  const armsPerModel = new Map<string, number>();
  for (const s of shares) armsPerModel.set(s.model, (armsPerModel.get(s.model) ?? 0) + 1);
  const shareRows: { row: string; act: string; act_index: number; value: number }[] = [];
  const totalRows: { row: string; total: number; label: string }[] = [];
  const shareOrder: string[] = [];
  for (const s of shares) {
    const name = shortModelName(s.model);
    let row = armsPerModel.get(s.model)! > 1 ? `${name} (${armLabel(s.arm)})` : name;
    if (shareOrder.includes(row)) row = `${s.model} (${armLabel(s.arm)})`;
    shareOrder.push(row);
    const share = s.share!;
    // by_act may be shares of all steps (summing to `share`) or of messages (summing to 1): normalising
    // to `share` draws both correctly.
    const sum = SPEECH_ACTS.reduce((acc, a) => acc + (s.by_act[a] ?? 0), 0);
    SPEECH_ACTS.forEach((act, i) => {
      const part = sum > 0 ? (share * (s.by_act[act] ?? 0)) / sum : act === 'Other' ? share : 0;
      if (part > 0) shareRows.push({ row, act, act_index: i, value: part * 100 });
      csv.push({
        panel: 'c-share',
        source: 'data',
        model: s.model,
        label: row,
        arm: s.arm,
        series: null,
        act,
        successes: null,
        total: null,
        unknown: null,
        rate: round6(part),
        ci_low: null,
        ci_high: null,
        matched_pairs: null,
        test: null,
        statistic: null,
        p_value: null,
        effect: null,
        conversations: s.conversations,
        messages: s.messages,
        steps: s.steps,
      });
    });
    totalRows.push({ row, total: share * 100, label: `${(share * 100).toFixed(1)}%` });
    csv.push({
      panel: 'c-share',
      source: 'data',
      model: s.model,
      label: row,
      arm: s.arm,
      series: null,
      act: 'total',
      successes: s.messages,
      total: s.steps,
      unknown: null,
      rate: share,
      ci_low: null,
      ci_high: null,
      matched_pairs: null,
      test: null,
      statistic: null,
      p_value: null,
      effect: null,
      conversations: s.conversations,
      messages: s.messages,
      steps: s.steps,
    });
  }
  const paperShareOrder: string[] = [];
  if (paperReference) {
    for (const pm of PAPER_MODELS) {
      const row = `Paper: ${pm.label}`;
      paperShareOrder.push(row);
      const v = PAPER_FIG5C_SHARE[pm.key];
      shareRows.push({ row, act: PAPER_TOTAL, act_index: SPEECH_ACTS.length, value: v });
      totalRows.push({ row, total: v, label: `${v.toFixed(1)}%` });
      csv.push({
        panel: 'c-share',
        source: 'paper-fig5c',
        model: pm.key,
        label: row,
        arm: null,
        series: null,
        act: 'total',
        successes: null,
        total: null,
        unknown: null,
        rate: round6(v / 100),
        ci_low: null,
        ci_high: null,
        matched_pairs: null,
        test: null,
        statistic: null,
        p_value: null,
        effect: null,
        conversations: null,
        messages: null,
        steps: null,
      });
    }
  }
  const shareMax = Math.max(5, Math.ceil((Math.max(0, ...totalRows.map((t) => t.total)) * 1.15) / 5) * 5);
  const actDomain: string[] = [...SPEECH_ACTS, ...(paperReference ? [PAPER_TOTAL] : [])];
  const actRange = [...SPEECH_ACTS.map((a) => ACT_COLORS[a]), ...(paperReference ? [PAPER_COLOR] : [])];
  const shareOrderAll = [...shareOrder, ...paperShareOrder];
  const xShare = { type: 'quantitative' as const, title: FIG5_AXIS_TITLES.share, scale: { domain: [0, shareMax] }, axis: { tickCount: 8 } };
  const yShare = { field: 'row', type: 'nominal' as const, sort: shareOrderAll, title: null, axis: { labelLimit: 400, labelFontSize: 12 } };
  const panelC = {
    title: {
      text: FIG5_PANEL_TITLES.c,
      subtitle: [
        'ours: runs with messaging; messages / all steps, split by speech act',
        ...(paperReference ? ['grey rows "Paper: …": paper Fig. 5(c) bar labels (totals only; models not matched to ours)'] : []),
      ],
      fontSize: 14,
      subtitleFontSize: 11.5,
    },
    width: 340 * 2 + 40 + 150,
    height: { step: SHARE_STEP },
    layer: [
      {
        data: { values: shareRows },
        mark: { type: 'bar' as const },
        encoding: {
          y: yShare,
          x: { field: 'value', ...xShare, stack: 'zero' as const },
          order: { field: 'act_index', type: 'quantitative' as const },
          color: {
            field: 'act',
            type: 'nominal' as const,
            scale: { domain: actDomain, range: actRange },
            legend: { title: 'Speech act', orient: 'right' as const, direction: 'vertical' as const, symbolType: 'square' },
          },
          tooltip: [
            { field: 'row', type: 'nominal' as const, title: 'model' },
            { field: 'act', type: 'nominal' as const },
            { field: 'value', type: 'quantitative' as const, format: '.2f', title: 'percent of actions' },
          ],
        },
      },
      {
        data: { values: totalRows },
        mark: { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, dx: 4, fontSize: 10.5, color: '#222222' },
        encoding: { y: yShare, x: { field: 'total', ...xShare }, text: { field: 'label', type: 'nominal' as const } },
      },
      ...(paperReference && shareOrder.length > 0
        ? [
            {
              data: { values: [{ row: paperShareOrder[0]! }] },
              mark: { type: 'rule' as const, color: '#888888', strokeDash: [4, 3], strokeWidth: 1 },
              encoding: { y: { field: 'row', type: 'nominal' as const, sort: shareOrderAll, bandPosition: 0 } },
            },
          ]
        : []),
    ],
  };

  const subtitle = communicationSubtitle(data, source);
  const title = 'Figure 5. Communication: effect on success and merge conflicts, and its share of agent actions';
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: subtitle.lines, subtitleColor: subtitle.color },
    config: { ...baseConfig(), concat: { spacing: 36 } },
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    vconcat: [
      {
        resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } },
        hconcat: [panelA, panelB],
      },
      panelC,
    ],
  } as TopLevelSpec;

  return { name: 'fig5', title, spec, csv: { columns: FIG5_CSV_COLUMNS, rows: csv } };
}
