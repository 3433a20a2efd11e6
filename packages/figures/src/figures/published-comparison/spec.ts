import type { TopLevelSpec } from 'vega-lite';
import { paperSeparator, squareLegend, tooltip } from '../../render/layers.js';
import { armColors, baseConfig } from '../../render/style.js';
import { figureTitle, panelTitle } from '../../render/subtitle.js';
import { GRID_OUTCOMES, OURS_PREFIX, OURS_SERIES, PUBLISHED_SERIES, type PlacementPanel, type PublishedComparisonData } from './data.js';

/** Spec step of the published comparison: (a) one placement panel per own model/arm, two per row; (b) the grid. */

export const PUBLISHED_COMPARISON_TITLE = 'Own runs among the published models, pair by pair (Coop with messaging)';
export const PLACEMENT_X_TITLE = 'Success on the matched pairs (both tests pass)';

const PANEL_WIDTH = 280;
const NOTE_WIDTH = 560;
const PANELS_PER_ROW = 2;
const PUBLISHED_COLOR = '#7f7f7f';
const OURS_COLOR = armColors(['coop-msg'])[0]!;
const OUTCOME_COLORS: Record<string, string> = { pass: '#1b7837', fail: '#c7c7c7', unknown: '#f4a582', 'not-run': '#ffffff' };
const OUTCOME_LABELS: Record<string, string> = { pass: 'passed', fail: 'failed', unknown: 'unknown (no known outcome)', 'not-run': 'not run by this own model' };

function placementPanel(p: PlacementPanel) {
  const title = panelTitle(p.title, p.subtitle, 11, { anchor: 'start' as const });
  if (p.note !== null) {
    return {
      title,
      width: NOTE_WIDTH,
      height: 30,
      data: { values: [{ text: p.note }] },
      mark: { type: 'text' as const, align: 'left' as const, x: 0, y: 20, fontSize: 11.5, fontStyle: 'italic', color: '#a00000' },
      encoding: { text: { field: 'text', type: 'nominal' as const } },
    };
  }
  const x = { type: 'quantitative' as const, title: PLACEMENT_X_TITLE, scale: { domain: [0, p.xMax] }, axis: { format: '.0%', tickCount: 5 } };
  const series = { domain: [PUBLISHED_SERIES, OURS_SERIES], range: [PUBLISHED_COLOR, OURS_COLOR] };
  const color = { field: 'series', type: 'nominal' as const, scale: series, legend: { title: null, orient: 'top' as const, direction: 'horizontal' as const, labelFontSize: 12 } };
  return {
    title,
    width: PANEL_WIDTH,
    height: { step: 30, for: 'position' as const },
    data: { values: p.rows },
    encoding: {
      y: { field: 'row', type: 'nominal' as const, sort: p.order, title: null, axis: { labelLimit: 340, labelFontSize: 11.5 } },
      yOffset: { field: 'series', type: 'nominal' as const, sort: series.domain, scale: { paddingOuter: 0.3 } },
    },
    layer: [
      // Whiskers coloured by a condition, not the scale: a second legend-bearing layer would conflict with the points' legend.
      {
        mark: { type: 'rule' as const, strokeWidth: 1.5 },
        encoding: { x: { field: 'ci_low', ...x }, x2: { field: 'ci_high' }, color: { condition: { test: `datum.series === ${JSON.stringify(OURS_SERIES)}`, value: OURS_COLOR }, value: PUBLISHED_COLOR } },
      },
      {
        mark: { type: 'point' as const, filled: true, size: 70, opacity: 1 },
        encoding: {
          x: { field: 'rate', ...x },
          color,
          shape: { field: 'series', type: 'nominal' as const, scale: { domain: series.domain, range: ['circle', 'diamond'] }, legend: color.legend },
          tooltip: tooltip(['row', 'nominal', 'published model'], ['series', 'nominal'], ['passed', 'quantitative'], ['n', 'quantitative', 'matched pairs'], ['rate', 'quantitative', 'success', '.1%'], ['ci_low', 'quantitative', 'CI low', '.1%'], ['ci_high', 'quantitative', 'CI high', '.1%']),
        },
      },
    ],
  };
}

function placementBlock(d: PublishedComparisonData) {
  // Panels with points two per row; panels that only carry a note one per row below them (they are wide).
  const drawn = d.panels.filter((p) => p.note === null).map(placementPanel);
  const rows: ReturnType<typeof placementPanel>[][] = [];
  for (let i = 0; i < drawn.length; i += PANELS_PER_ROW) rows.push(drawn.slice(i, i + PANELS_PER_ROW));
  for (const p of d.panels.filter((x) => x.note !== null)) rows.push([placementPanel(p)]);
  return {
    title: panelTitle('(a) Success on the pairs both sides have, per published model (grey) and ours (red)', [], 11, { anchor: 'start' as const }),
    vconcat: rows.map((r) => ({ hconcat: r, spacing: 60 })),
    spacing: 28,
  };
}

function gridBlock(d: PublishedComparisonData) {
  const g = d.grid;
  const width = Math.min(900, Math.max(360, g.pairOrder.length * 9));
  const pairX = { field: 'pair', type: 'nominal' as const, sort: g.pairOrder, scale: { paddingInner: g.pairOrder.length > 150 ? 0 : 0.12, paddingOuter: 0 } };
  const firstPublished = g.rowOrder.find((r) => !r.startsWith(OURS_PREFIX)) ?? null;
  return {
    title: panelTitle(g.title, g.subtitle, 11, { anchor: 'start' as const }),
    spacing: 4,
    vconcat: [
      {
        width,
        height: 44,
        data: { values: g.solved },
        mark: { type: 'bar' as const, color: '#555555' },
        encoding: {
          x: { ...pairX, axis: null },
          y: { field: 'solved_by', type: 'quantitative' as const, title: 'rows solving', scale: { domain: [0, g.models] }, axis: { tickCount: 3, titleFontSize: 11, labelFontSize: 10 } },
          tooltip: tooltip(['pair', 'nominal'], ['solved_by', 'quantitative', 'rows solving']),
        },
      },
      {
        width,
        height: { step: 16 },
        layer: [
          {
            data: { values: g.cells },
            mark: { type: 'rect' as const },
            encoding: {
              x: { ...pairX, axis: { labels: false, ticks: false, domain: false, title: `${g.pairOrder.length} pairs, left to right: solved by the most rows first (pair names in published-comparison-pairs.csv)` } },
              y: {
                field: 'row',
                type: 'nominal' as const,
                sort: g.rowOrder,
                title: null,
                axis: { labelLimit: 380, labelFontSize: 11.5, labelFontWeight: { condition: { test: `indexof(datum.value, '${OURS_PREFIX}') === 0`, value: 'bold' }, value: 'normal' } },
              },
              color: {
                field: 'outcome',
                type: 'nominal' as const,
                scale: { domain: [...GRID_OUTCOMES], range: GRID_OUTCOMES.map((o) => OUTCOME_COLORS[o]!) },
                legend: { ...squareLegend({ title: null, orient: 'bottom' }), direction: 'horizontal' as const, symbolStrokeColor: '#999999', symbolStrokeWidth: 0.8, labelExpr: `${JSON.stringify(OUTCOME_LABELS)}[datum.label]` },
              },
              tooltip: tooltip(['pair', 'nominal'], ['row', 'nominal', 'model'], ['outcome', 'nominal']),
            },
          },
          ...paperSeparator(firstPublished, g.rowOrder),
        ],
      },
    ],
  };
}

export function publishedComparisonSpec(d: PublishedComparisonData): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: figureTitle(PUBLISHED_COMPARISON_TITLE, d.subtitle),
    config: baseConfig(),
    vconcat: [placementBlock(d), gridBlock(d)],
    spacing: 36,
    resolve: { scale: { color: 'independent', shape: 'independent' }, legend: { color: 'independent' } },
  } as TopLevelSpec;
}
