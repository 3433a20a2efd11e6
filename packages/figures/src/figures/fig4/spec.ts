import type { TopLevelSpec } from 'vega-lite';
import { barsWithWhiskers, lineLegend, tooltip } from '../../render/layers.js';
import { PAPER_FIG4_SOURCE } from '../../render/paper.js';
import { AXIS_TITLES, armLabel, baseConfig, modelLabel } from '../../render/style.js';
import { figureTitle, panelTitle } from '../../render/subtitle.js';
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
const wilson = (d: Fig4Data) => `Wilson ${Math.round(d.confidence * 100)}%`;

/** Left: bars per model and arm with Wilson whiskers and the rate above each. */
function perModelPanel(d: Fig4Data) {
  return {
    title: panelTitle('Success rate per model', `bars: share of tasks solved; whiskers: ${wilson(d)} interval`, 12),
    width: Math.max(300, d.models.length * (d.arms.length * 26 + 22)),
    height: 330,
    data: { values: d.barRows },
    encoding: {
      x: { field: 'model', type: 'nominal' as const, sort: d.models.map(modelLabel), title: null, axis: { labelAngle: -30, labelLimit: 280 } },
      xOffset: { field: 'arm', type: 'nominal' as const, sort: d.arms.map(armLabel), scale: { paddingInner: 0.05 } },
      color: {
        field: 'arm',
        type: 'nominal' as const,
        scale: { domain: d.arms.map(armLabel), range: d.colors },
        legend: { title: null, orient: 'top' as const, direction: 'horizontal' as const, gridAlign: 'none' as const, columnPadding: 18 },
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

/** Right: pooled curves with Wilson bands, the shaded gap and the paper's dashed curve. */
function pooledPanel(d: Fig4Data) {
  // One legend: every layer uses the same colour/dash definitions, so they merge.
  const domain = d.curveArms.map((a) => d.seriesOf.get(a)!);
  const range = d.curveArms.map((a) => d.colors[d.arms.indexOf(a)]!);
  const dashes: number[][] = d.curveArms.map(() => [1, 0]);
  if (d.paper) {
    domain.push(d.paper.series.solo, d.paper.series.coop);
    range.push('#6baed6', '#f4a582');
    dashes.push([7, 4], [7, 4]);
  }
  const legend = lineLegend('bottom', 500);
  const color = { field: 'series', type: 'nominal' as const, scale: { domain, range }, legend };
  const strokeDash = { field: 'series', type: 'nominal' as const, scale: { domain, range: dashes }, legend };
  const subtitle = [
    'all models pooled (counts summed); one point per difficulty bucket',
    d.difficultyRule,
    `bands: ${wilson(d)} intervals${d.gapRows.length > 0 ? `; grey: gap Solo − ${armLabel(d.gapArm!)}` : ''}`,
    ...(d.paper ? [`dashed: ${PAPER_FIG4_SOURCE}`] : []),
  ];
  const line = (rows: Record<string, unknown>[], strokeWidth: number, size: number) => ({
    data: { values: rows },
    mark: { type: 'line' as const, strokeWidth, point: { filled: true, size } },
    encoding: { x: xDifficulty, y: { field: 'rate', ...yRate }, color, strokeDash },
  });
  const ours = line(d.curveRows, 2.5, 40);
  return {
    title: panelTitle('Pooled success rate vs. relative task difficulty', subtitle, 12),
    width: 460,
    height: 330,
    layer: [
      {
        data: { values: d.gapRows },
        mark: { type: 'area' as const, color: '#9e9e9e', opacity: 0.28 },
        encoding: { x: xDifficulty, y: { field: 'solo', ...yRate }, y2: { field: 'coop' } },
      },
      {
        data: { values: d.curveRows },
        mark: { type: 'area' as const, opacity: 0.14 },
        encoding: { x: xDifficulty, y: { field: 'ci_low', ...yRate }, y2: { field: 'ci_high' }, color },
      },
      ...(d.paper ? [line(d.paper.rows, 1.8, 18)] : []),
      {
        ...ours,
        encoding: {
          ...ours.encoding,
          tooltip: tooltip(['series', 'nominal'], ['midpoint', 'quantitative', 'bucket midpoint'], ['rate', 'quantitative', undefined, '.3f'], ['k', 'quantitative', 'successes'], ['n', 'quantitative', 'tasks']),
        },
      },
    ],
  };
}

export function fig4Spec(d: Fig4Data): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: figureTitle(FIG4_TITLE, d.subtitle),
    config: baseConfig(),
    resolve: { scale: { color: 'independent', strokeDash: 'independent' }, legend: { color: 'independent', strokeDash: 'independent' } },
    hconcat: [perModelPanel(d), pooledPanel(d)],
  };
}
