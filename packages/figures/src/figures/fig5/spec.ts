import { SPEECH_ACTS, type SpeechAct } from '@cooperbench-repro/contracts';
import type { TopLevelSpec } from 'vega-lite';
import { barLabelLayer, barLabelMark, barsWithWhiskers, paperSeparator, squareLegend, tooltip } from '../../render/layers.js';
import { baseConfig } from '../../render/style.js';
import { wrapLines } from '../../render/difficulty-series.js';
import { alignSubtitles, figureTitle, panelTitle } from '../../render/subtitle.js';
import { PAPER_TOTAL, SERIES, type BarRow, type Fig5Data } from './data.js';

/** Spec step of Figure 5: rows -> plain vega-lite JSON. */

export const FIG5_TITLE = 'Figure 5. Communication: effect on success and merge conflicts, and its share of agent actions';

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

const SERIES_COLORS = ['#d6604d', '#7b3294', '#f4a582', '#c2a5cf'];
const ACT_COLORS: Record<SpeechAct, string> = {
  Plan: '#1b9e77',
  Question: '#d95f02',
  Answer: '#7570b3',
  Update: '#e7298a',
  Ack: '#66a61e',
  Other: '#e6ab02',
};
const PAPER_COLOR = '#c8c8c8';
/** Pixels per model row (two bars) in panels (a) and (b). */
const ROW_HEIGHT = 42;
const SHARE_STEP = 26;

/** Axis maximum: at least `min`, else the next multiple of 10 above the largest drawn value plus room for labels. */
function axisMax(values: readonly (number | null)[], min: number, cap = Infinity): number {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  return Math.min(cap, Math.max(min, Math.ceil((max * 1.15) / 10) * 10));
}

interface RatePanel {
  rows: BarRow[];
  order: string[];
  x: { title: string; max: number };
  title: { text: string; subtitle: string[] };
  separatorBefore: string | null;
}

/** Panels (a) and (b): horizontal with/without bars per model row, Wilson whiskers, value labels. */
function ratePanel(p: RatePanel, seriesColor: object) {
  const xEnc = { type: 'quantitative' as const, title: p.x.title, scale: { domain: [0, p.x.max] }, axis: { tickCount: 5 } };
  const yEnc = { field: 'row', type: 'nominal' as const, sort: p.order, title: null, axis: { labelLimit: 400, labelFontSize: 12 } };
  const yOffset = { field: 'pos', type: 'nominal' as const, sort: ['with', 'without'], scale: { paddingInner: 0.08 } };
  const bar = {
    mark: { type: 'bar' as const },
    encoding: {
      x: { field: 'rate', ...xEnc },
      color: seriesColor,
      tooltip: tooltip(['row', 'nominal', 'model'], ['series', 'nominal'], ['rate', 'quantitative', 'percent', '.1f'], ['k', 'quantitative', 'count'], ['n', 'quantitative', 'tasks']),
    },
  };
  return {
    title: panelTitle(p.title.text, p.title.subtitle, 11.5),
    width: 340,
    height: Math.max(1, p.order.length) * ROW_HEIGHT,
    data: { values: p.rows },
    encoding: { y: yEnc, yOffset },
    layer: [
      ...barsWithWhiskers(bar, { channel: 'x', field: xEnc, tickSize: 9, nullable: true }, barLabelLayer(xEnc, 10)),
      ...paperSeparator(p.separatorBefore, p.order, true),
    ],
  };
}

/** Panel (c): messages as % of all actions, stacked by speech act, total printed at the end. */
function sharePanel(d: Fig5Data) {
  const s = d.share;
  const shareMax = Math.max(5, Math.ceil((Math.max(0, ...s.totals.map((t) => t.total)) * 1.15) / 5) * 5);
  const actDomain: string[] = [...SPEECH_ACTS, ...(d.paperReference ? [PAPER_TOTAL] : [])];
  const actRange = [...SPEECH_ACTS.map((a) => ACT_COLORS[a]), ...(d.paperReference ? [PAPER_COLOR] : [])];
  const order = [...s.order, ...s.paperOrder];
  const xShare = { type: 'quantitative' as const, title: FIG5_AXIS_TITLES.share, scale: { domain: [0, shareMax] }, axis: { tickCount: 8 } };
  const yShare = { field: 'row', type: 'nominal' as const, sort: order, title: null, axis: { labelLimit: 400, labelFontSize: 12 } };
  const subtitle = [
    'ours: runs with messaging; messages / all steps, split by speech act',
    ...(d.paperReference ? ['grey rows "Paper: …": paper Fig. 5(c) bar labels (totals only; models not matched to ours)'] : []),
  ];
  return {
    title: panelTitle(FIG5_PANEL_TITLES.c, subtitle, 11.5),
    width: 340 * 2 + 40 + 150,
    height: { step: SHARE_STEP },
    layer: [
      {
        data: { values: s.rows },
        mark: { type: 'bar' as const },
        encoding: {
          y: yShare,
          x: { field: 'value', ...xShare, stack: 'zero' as const },
          order: { field: 'act_index', type: 'quantitative' as const },
          color: { field: 'act', type: 'nominal' as const, scale: { domain: actDomain, range: actRange }, legend: squareLegend({ title: 'Speech act', orient: 'right' }) },
          tooltip: tooltip(['row', 'nominal', 'model'], ['act', 'nominal'], ['value', 'quantitative', 'percent of actions', '.2f']),
        },
      },
      {
        data: { values: s.totals },
        mark: barLabelMark(10.5),
        encoding: { y: yShare, x: { field: 'total', ...xShare }, text: { field: 'label', type: 'nominal' as const } },
      },
      ...paperSeparator(d.paperReference && s.order.length > 0 ? s.paperOrder[0]! : null, order),
    ],
  };
}

export function fig5Spec(d: Fig5Data): TopLevelSpec {
  const seriesDomain = d.paperReference ? Object.values(SERIES) : [SERIES.with, SERIES.without];
  const seriesColor = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: seriesDomain, range: SERIES_COLORS.slice(0, seriesDomain.length) },
    legend: squareLegend({ orient: 'top', columns: 2 }),
  };
  const oursLine = `ours: matched pairs per model; whiskers: ${d.confText}; p: ${d.testNames.join(', ') || 'n/a'}`;
  const panelA = ratePanel(
    {
      rows: d.success.rows,
      order: [...d.success.order, ...d.paperSuccessOrder],
      x: { title: FIG5_AXIS_TITLES.success, max: axisMax(d.success.rows.map((r) => r.label_x), 50, 100) },
      title: {
        text: FIG5_PANEL_TITLES.a,
        subtitle: wrapLines([oursLine, ...d.denominatorNotes, ...(d.paperReference ? d.paperSuccessNotes : [])], 62),
      },
      separatorBefore: d.paperReference && d.success.order.length > 0 ? d.paperSuccessOrder[0]! : null,
    },
    seriesColor,
  );
  const panelB = ratePanel(
    {
      rows: d.conflict.rows,
      order: d.conflict.order,
      x: { title: FIG5_AXIS_TITLES.conflict, max: 100 },
      title: {
        text: FIG5_PANEL_TITLES.b,
        subtitle: wrapLines([oursLine, 'n: pairs run in both arms whose naive merge was attempted in both (conflicts do not depend on unknown_outcomes)', 'no paper reference: the paper prints no per-model conflict rates for Fig. 5(b)'], 62),
      },
      separatorBefore: null,
    },
    seriesColor,
  );
  alignSubtitles([panelA, panelB]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: figureTitle(FIG5_TITLE, d.subtitle),
    config: { ...baseConfig(), concat: { spacing: 36 } },
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    vconcat: [{ resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } }, hconcat: [panelA, panelB] }, sharePanel(d)],
  } as TopLevelSpec;
}
