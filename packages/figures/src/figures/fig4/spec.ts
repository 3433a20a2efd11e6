import type { TopLevelSpec } from 'vega-lite';
import { curveLayers } from '../../render/curve-layers.js';
import { wrapLines } from '../../render/difficulty-series.js';
import { barsWithWhiskers, lineLegend, tooltip } from '../../render/layers.js';
import { PAPER_FIG4_SOURCE } from '../../render/paper.js';
import { AXIS_TITLES, baseConfig, modelLabel } from '../../render/style.js';
import { figureTitle, panelTitle, wilsonText } from '../../render/subtitle.js';
import type { Fig4Data } from './data.js';

/** Spec step of Figure 4: rows -> plain vega-lite JSON. */

export const FIG4_TITLE = 'Figure 4. Solo vs. cooperating agents: the coordination gap';

const yRate = { type: 'quantitative' as const, scale: { domain: [0, 1] }, title: AXIS_TITLES.success, axis: { format: '.1f' } };
/** The bars' axis leaves room above 1.0 for the upward k/n labels (ticks stop at 1). */
const yRateBars = { ...yRate, scale: { domain: [0, 1.25] }, axis: { format: '.1f', values: [0, 0.2, 0.4, 0.6, 0.8, 1] } };
const xDifficulty = {
  field: 'midpoint',
  type: 'quantitative' as const,
  title: AXIS_TITLES.difficulty,
  scale: { domain: [0, 1] },
  axis: { values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], format: '.1f' },
};
/** The curve panel's axis leaves room above 1.0 for the upward k/n labels (ticks stop at 1). */
const yRateCurve = { ...yRate, scale: { domain: [0, 1.2] }, axis: { format: '.1f', values: [0, 0.2, 0.4, 0.6, 0.8, 1] } };
const wilson = (d: Fig4Data) => wilsonText(d.confidence);

/** Left: bars per model and arm with Wilson whiskers and the rate above each. */
function perModelPanel(d: Fig4Data) {
  return {
    title: panelTitle(
      'Success rate per model',
      wrapLines(
        [
          `bars: share of tasks solved, k/n over every record of the arm (not only the pairs run in both arms, as Fig. 5(a) counts); whiskers: ${wilson(d)} interval`,
          d.policyLine,
        ],
        Math.max(60, Math.round(Math.max(300, d.models.length * (d.bars.length * 26 + 22)) / 6.6)),
      ),
      12,
    ),
    width: Math.max(300, d.models.length * (d.bars.length * 26 + 22)),
    height: 330,
    data: { values: d.barRows },
    encoding: {
      x: { field: 'model', type: 'nominal' as const, sort: d.models.map(modelLabel), title: null, axis: { labelAngle: -30, labelLimit: 280 } },
      xOffset: { field: 'arm', type: 'nominal' as const, sort: d.bars.map((b) => b.label), scale: { paddingInner: 0.05 } },
      color: {
        field: 'arm',
        type: 'nominal' as const,
        scale: { domain: d.bars.map((b) => b.label), range: d.bars.map((b) => b.color) },
        legend: { title: null, orient: 'top' as const, direction: 'horizontal' as const, columns: Math.min(d.bars.length, 3), columnPadding: 18 },
      },
    },
    layer: barsWithWhiskers(
      {
        mark: { type: 'bar' as const },
        encoding: {
          y: { field: 'rate', ...yRateBars },
          tooltip: tooltip(['model', 'nominal'], ['arm', 'nominal'], ['rate', 'quantitative', undefined, '.3f'], ['k', 'quantitative', 'successes'], ['n', 'quantitative', 'tasks']),
        },
      },
      { channel: 'y', field: { type: 'quantitative' }, tickSize: 8, nullable: false, inheritsColor: true },
      {
        // Rate and k/n, written upwards from the whisker's top so neighbouring bars' labels never overlap.
        mark: { type: 'text' as const, angle: 270, align: 'left' as const, baseline: 'middle' as const, dx: 4, fontSize: 8.5, color: '#222222' },
        encoding: { y: { field: 'ci_high', type: 'quantitative' as const }, text: { field: 'value_label', type: 'nominal' as const } },
      },
    ),
  };
}

/** Right: pooled curves (whiskers, broken lines, k/n labels), the grey gap and the paper's dashed curve. */
function pooledPanel(d: Fig4Data) {
  // One legend: every layer uses the same colour/dash/shape definitions, so they merge.
  const domain = d.curves.map((s) => d.seriesOf.get(s.key)!);
  const range = d.curves.map((s) => s.color);
  const dashes: number[][] = d.curves.map(() => [1, 0]);
  if (d.paper) {
    domain.push(d.paper.series.solo, d.paper.series.coop);
    range.push('#6baed6', '#f4a582');
    dashes.push([7, 4], [7, 4]);
  }
  const legend = lineLegend('bottom', 500);
  const color = { field: 'series', type: 'nominal' as const, scale: { domain, range }, legend };
  const strokeDash = { field: 'series', type: 'nominal' as const, scale: { domain, range: dashes }, legend };
  // The markers are told apart in the plot; the legend keeps the stroke symbols of colour and dash.
  const shape = { field: 'marker', type: 'nominal' as const, scale: { domain: d.curves.map((s) => s.label), range: d.curves.map((s) => s.shape) }, legend: null };
  const gapText = d.gapRows.length > 0 ? `; grey bars: gap Solo − ${d.gapLabel}` : d.gapNote ? `; ${d.gapNote}` : '';
  const subtitle = [
    ...d.curveNotes,
    d.difficultyRule,
    d.policyLine,
    `whiskers: ${wilson(d)} intervals; labels: k/n per point; series offset along x so none hides another${gapText}`,
    ...(d.paper ? [`dashed: ${PAPER_FIG4_SOURCE}`] : []),
  ];
  const x = { type: 'quantitative' as const, title: AXIS_TITLES.difficulty, scale: { domain: [0, 1] }, axis: { values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], format: '.1f' } };
  return {
    title: panelTitle('Pooled success rate vs. relative task difficulty', wrapLines(subtitle, 90), 12),
    width: 460,
    height: 330,
    layer: [
      {
        data: { values: d.gapRows },
        mark: { type: 'rule' as const, color: '#9e9e9e', opacity: 0.35, strokeWidth: 14 },
        encoding: { x: xDifficulty, y: { field: 'solo', ...yRateCurve }, y2: { field: 'coop' } },
      },
      ...(d.paper
        ? [
            {
              data: { values: d.paper.rows },
              mark: { type: 'line' as const, strokeWidth: 1.8, point: { filled: true, size: 18 } },
              encoding: { x: xDifficulty, y: { field: 'rate', ...yRateCurve }, color, strokeDash },
            },
          ]
        : []),
      { data: { values: d.curveRows }, layer: curveLayers({ x, y: yRateCurve, color, shape, strokeWidth: 2.2, pointSize: 46, labelSize: 8 }) },
    ],
  };
}

export function fig4Spec(d: Fig4Data): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: figureTitle(FIG4_TITLE, d.subtitle),
    config: baseConfig(),
    resolve: { scale: { color: 'independent', strokeDash: 'independent', shape: 'independent' }, legend: { color: 'independent', strokeDash: 'independent', shape: 'independent' } },
    hconcat: [perModelPanel(d), pooledPanel(d)],
  };
}
