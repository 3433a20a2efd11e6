import type { CommErrorGroup } from '@cooperbench-repro/contracts';
import type { TopLevelSpec } from 'vega-lite';
import { FIG6_GROUP_CODES } from '../../render/labels.js';
import { barLabelLayer, paperSeparator, squareLegend, tooltip, whiskerLayers } from '../../render/layers.js';
import { baseConfig } from '../../render/style.js';
import { alignSubtitles, figureTitle, panelTitle } from '../../render/subtitle.js';
import { FIG6_HEURISTIC_SERIES, FIG6_PAPER_SERIES, OURS_TURNS, PANEL_KEY, codeLegendLabel, type Fig6Data, type GroupPanelRows, type PanelRows } from './data.js';

/** Spec step of Figure 6: rows -> plain vega-lite JSON, four panels in two rows. */

export const FIG6_TITLE = 'Figure 6. Communication errors per model: conversation length and error frequencies';

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

/** What the heuristic of each group detects (null: no heuristic exists). */
const HEURISTIC_WHAT: Record<CommErrorGroup, string | null> = {
  repetition: 'repeated / near-duplicate messages',
  unresponsiveness: 'unanswered direct questions',
  hallucination: null,
};

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
const PANEL_WIDTH = 300;
const STEP = 24;
/** Minimum width of the y-axis labels, so the panels of both rows line up. */
const Y_LABEL_EXTENT = 170;

/** Axis maximum: the next multiple of `step` above the largest drawn value plus room for the labels. */
function axisMax(values: readonly number[], min: number, step: number, cap = Infinity): number {
  const max = Math.max(0, ...values);
  return Math.min(cap, Math.max(min, Math.ceil((max * 1.45) / step) * step));
}

interface BarPanel extends PanelRows {
  title: string;
  subtitle: string[];
  xTitle: string;
  xMax: number;
  domain: string[];
  range: string[];
  paperFirst: string | null;
}

/** Horizontal stacked bars (x0..x1), whiskers and labels on the totals, italic notes, paper separator. */
function barPanel(o: BarPanel) {
  const xEnc = { type: 'quantitative' as const, title: o.xTitle, scale: { domain: [0, o.xMax] }, axis: { tickCount: 5 } };
  const yEnc = { field: 'row', type: 'nominal' as const, sort: o.order, title: null, axis: { labelLimit: 320, labelFontSize: 12, minExtent: Y_LABEL_EXTENT } };
  const hasColor = o.domain.length > 0;
  const legend = squareLegend({ orient: 'bottom', labelFontSize: 11.5 });
  return {
    title: panelTitle(o.title, o.subtitle, 11, { anchor: 'start' as const }),
    width: PANEL_WIDTH,
    height: { step: STEP },
    encoding: { y: yEnc },
    layer: [
      {
        data: { values: o.segs },
        mark: { type: 'bar' as const, ...(hasColor ? {} : { color: PAPER_COLOR }) },
        encoding: {
          x: { field: 'x0', ...xEnc },
          x2: { field: 'x1' },
          ...(hasColor ? { color: { field: 'series', type: 'nominal' as const, scale: { domain: o.domain, range: o.range }, legend } } : {}),
          tooltip: tooltip(['row', 'nominal', 'model'], ['series', 'nominal']),
        },
      },
      { data: { values: o.totals }, layer: [...whiskerLayers({ channel: 'x', field: xEnc, tickSize: 9, nullable: true }), barLabelLayer(xEnc, 10.5)] },
      {
        data: { values: o.notes },
        mark: { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, dx: 4, fontSize: 10.5, fontStyle: 'italic', color: '#a00000' },
        encoding: { x: { datum: 0, ...xEnc }, text: { field: 'text', type: 'nominal' as const } },
      },
      ...paperSeparator(o.paperFirst, o.order),
    ],
  };
}

const paperSubtitle = (d: Fig6Data) => (d.paperReference ? ['grey rows "Paper: …": paper Fig. 6 bar labels (totals only; models not matched to ours)'] : []);

function turnsPanel(d: Fig6Data) {
  return barPanel({
    ...d.turns,
    title: FIG6_PANEL_TITLES.a,
    subtitle: ['ours: mean turns over conversations with messages', ...paperSubtitle(d)],
    xTitle: FIG6_AXIS_TITLES.turns,
    xMax: axisMax(d.turns.segs.map((s) => s.x1), 5, 5),
    domain: [OURS_TURNS, ...(d.paperReference ? [FIG6_PAPER_SERIES] : [])],
    range: [TURNS_COLOR, ...(d.paperReference ? [PAPER_COLOR] : [])],
    paperFirst: d.paperFirst,
  });
}

/** Legend entries of a group panel: the judge's sub-codes, the heuristic, the paper, as far as drawn. */
function groupLegend(p: GroupPanelRows, paperReference: boolean): { domain: string[]; range: string[] } {
  const entries: [string, string][] = [];
  if (p.anyJudge) for (const c of FIG6_GROUP_CODES[p.group]) entries.push([codeLegendLabel(c), CODE_COLORS[c]!]);
  if (p.anyHeuristic) entries.push([FIG6_HEURISTIC_SERIES, HEURISTIC_COLOR]);
  if (paperReference) entries.push([FIG6_PAPER_SERIES, PAPER_COLOR]);
  return { domain: entries.map((e) => e[0]), range: entries.map((e) => e[1]) };
}

function groupSubtitle(group: CommErrorGroup, d: Fig6Data): string[] {
  const what = HEURISTIC_WHAT[group];
  if (d.judgeRan) {
    return [
      `ours: % of judged conversations, stacked by the LLM judge's sub-code; whiskers: ${d.confText}`,
      what === null ? 'no heuristic cross-check exists for this group' : `"· heuristic" rows: ${what} detector, % of all conversations (cross-check)`,
    ];
  }
  return what === null
    ? ['ours: not measured — hallucination needs the LLM judge, which was not run']
    : ['ours: HEURISTIC ESTIMATE ONLY, not judge labels', `(${what} detector, % of all conversations); whiskers: ${d.confText}`];
}

function groupPanel(p: GroupPanelRows, d: Fig6Data) {
  const all = [...p.segs.map((s) => s.x1), ...p.totals.map((t) => t.label_x)];
  return barPanel({
    ...p,
    title: FIG6_PANEL_TITLES[PANEL_KEY[p.group]],
    subtitle: [...groupSubtitle(p.group, d), ...paperSubtitle(d)],
    xTitle: FIG6_AXIS_TITLES.share,
    xMax: axisMax(all, p.notes.length > 0 ? 40 : 10, 10, 100),
    ...groupLegend(p, d.paperReference),
    paperFirst: d.paperFirst !== null && p.order.indexOf(d.paperFirst) > 0 ? d.paperFirst : null,
  });
}

export function fig6Spec(d: Fig6Data): TopLevelSpec {
  const panelA = turnsPanel(d);
  const [panelB, panelC, panelD] = d.groups.map((g) => groupPanel(g, d)) as [typeof panelA, typeof panelA, typeof panelA];
  // Same number of subtitle lines within a row of panels, so their titles line up too.
  alignSubtitles([panelA, panelB]);
  alignSubtitles([panelC, panelD]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: figureTitle(FIG6_TITLE, d.subtitle),
    config: { ...baseConfig(), concat: { spacing: 36 } },
    resolve: { scale: { color: 'independent', y: 'independent' }, legend: { color: 'independent' } },
    columns: 2,
    concat: [panelA, panelB, panelC, panelD],
  } as TopLevelSpec;
}
