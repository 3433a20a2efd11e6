import type { TopLevelSpec } from 'vega-lite';
import { FIG6_GROUP_CODES } from '../../render/labels.js';
import { barLabelLayer, paperSeparator, squareLegend, tooltip, whiskerLayers } from '../../render/layers.js';
import { baseConfig } from '../../render/style.js';
import { alignSubtitles, figureTitle, panelTitle } from '../../render/subtitle.js';
import {
  FIG6_HEURISTIC_SERIES,
  FIG6_PAPER_SERIES,
  HUMAN_ROW,
  JUDGE_ROW,
  OURS_TURNS,
  PANEL_KEY,
  axisMax,
  codeLegendLabel,
  type Fig6Data,
  type GroupPanelRows,
  type PanelRows,
} from './data.js';

/**
 * Spec step of Figure 6: rows -> plain vega-lite JSON. Top row: (a) turns and (e) the heuristic
 * estimates; bottom row: (b)-(d), the coded error groups (human-coded, LLM judge, paper). Every percent
 * panel shares one x-scale; heuristic estimates never share a panel with a judge-based value.
 */

export const FIG6_TITLE = 'Figure 6. Communication errors per model: conversation length and error frequencies';

export const FIG6_PANEL_TITLES = {
  a: '(a) Average conversation turns',
  b: '(b) Repetition',
  c: '(c) Unresponsiveness',
  d: '(d) Hallucination',
  e: '(e) Heuristic estimates (cross-check; not comparable with the paper)',
} as const;

export const FIG6_AXIS_TITLES = {
  turns: 'Average turns per conversation',
  share: 'Percent of conversations',
} as const;

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
const PANEL_WIDTH = 250;
const STEP = 24;
/** Minimum width of the y-axis labels, so the panels of both rows line up. */
const Y_LABEL_EXTENT = 190;

interface BarPanel extends PanelRows {
  title: string;
  subtitle: string[];
  xTitle: string;
  xMax: number;
  domain: string[];
  range: string[];
  paperFirst: string | null;
  /** Draw the row labels (false: a panel right of one with the same rows). */
  yLabels: boolean;
}

/** Horizontal stacked bars (x0..x1), whiskers and labels on the totals, italic notes, paper separator. */
function barPanel(o: BarPanel) {
  const xEnc = { type: 'quantitative' as const, title: o.xTitle, scale: { domain: [0, o.xMax] }, axis: { tickCount: 5 } };
  const axis = o.yLabels ? { labelLimit: 320, labelFontSize: 12, minExtent: Y_LABEL_EXTENT } : { labels: false, ticks: false, domain: false, minExtent: 0 };
  const yEnc = { field: 'row', type: 'nominal' as const, sort: o.order, title: null, axis };
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

const paperSubtitle = (d: Fig6Data) => (d.paperReference ? ['grey "Paper: …" rows: the paper\'s Fig. 6 bar labels (models not matched to ours)'] : []);

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
    yLabels: true,
  });
}

/** Legend entries of a group panel: the sub-codes (human-coded and judge rows share them), the paper. */
function groupLegend(p: GroupPanelRows, paperReference: boolean): { domain: string[]; range: string[] } {
  const entries: [string, string][] = [];
  if (p.anyCoded) for (const c of FIG6_GROUP_CODES[p.group]) entries.push([codeLegendLabel(c), CODE_COLORS[c]!]);
  if (paperReference) entries.push([FIG6_PAPER_SERIES, PAPER_COLOR]);
  return { domain: entries.map((e) => e[0]), range: entries.map((e) => e[1]) };
}

/** What the rows of (b)-(d) are, said once above (b). */
function codedSubtitle(d: Fig6Data): string[] {
  const human = d.humanCoded ? [`"${HUMAN_ROW}": human-coded (gold set), % of coded conversations`] : [];
  const judge = d.judgeRan ? [`"${JUDGE_ROW}": % of judged conversations`] : ['LLM judge: not run (no judge rows)'];
  return [...human, ...judge, `stacked by sub-code; whiskers: ${d.confText}`];
}

function groupPanel(p: GroupPanelRows, d: Fig6Data, first: boolean, sameRows: boolean) {
  const note = p.group === 'hallucination' && d.humanCoded ? ['plan drift coded beside a C3 code is drawn under the C3 code'] : [];
  return barPanel({
    ...p,
    title: FIG6_PANEL_TITLES[PANEL_KEY[p.group]],
    subtitle: first ? [...codedSubtitle(d), ...paperSubtitle(d)] : note,
    xTitle: FIG6_AXIS_TITLES.share,
    xMax: d.percentMax,
    ...groupLegend(p, d.paperReference),
    paperFirst: d.paperFirst !== null && p.order.indexOf(d.paperFirst) > 0 ? d.paperFirst : null,
    yLabels: first || !sameRows,
  });
}

function heuristicPanel(d: Fig6Data) {
  const validation = d.heuristicValidation.length > 0 ? ['vs the human-coded gold set, ' + d.heuristicValidation[0], ...d.heuristicValidation.slice(1).map((l) => `  ${l}`)] : ['not checked against human codes on these runs'];
  return barPanel({
    ...d.heuristics,
    title: FIG6_PANEL_TITLES.e,
    subtitle: [`keyword/similarity detectors, % of all conversations; whiskers: ${d.confText}; none for hallucination`, ...validation],
    xTitle: FIG6_AXIS_TITLES.share,
    xMax: d.percentMax,
    domain: d.heuristics.anyHeuristic ? [FIG6_HEURISTIC_SERIES] : [],
    range: d.heuristics.anyHeuristic ? [HEURISTIC_COLOR] : [],
    paperFirst: null,
    yLabels: true,
  });
}

export function fig6Spec(d: Fig6Data): TopLevelSpec {
  const panelA = turnsPanel(d);
  const panelE = heuristicPanel(d);
  const sameRows = d.groups.every((g) => JSON.stringify(g.order) === JSON.stringify(d.groups[0]!.order));
  const coded = d.groups.map((g, i) => groupPanel(g, d, i === 0, sameRows));
  // Same number of subtitle lines within a row of panels, so their titles line up too.
  alignSubtitles([panelA, panelE]);
  alignSubtitles(coded);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: figureTitle(FIG6_TITLE, d.subtitle),
    config: { ...baseConfig(), concat: { spacing: 24 } },
    resolve: { scale: { color: 'independent', y: 'independent' }, legend: { color: 'independent' } },
    vconcat: [
      { hconcat: [panelA, panelE], spacing: 40, resolve: { scale: { color: 'independent', y: 'independent' }, legend: { color: 'independent' } } },
      { hconcat: coded, spacing: 16, resolve: { scale: { color: 'independent', y: 'independent' }, legend: { color: 'independent' } } },
    ],
    spacing: 36,
  } as TopLevelSpec;
}
