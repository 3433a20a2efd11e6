import type { TopLevelSpec } from 'vega-lite';
import { lineLegend, tooltip } from '../../render/layers.js';
import { AXIS_TITLES, armLabel, baseConfig } from '../../render/style.js';
import { figureTitle, panelTitle } from '../../render/subtitle.js';
import type { Fig4PerModelData } from './data.js';

/** Spec step of the per-model Figure 4: rows -> plain vega-lite JSON, one small panel per model. */

export const FIG4_PER_MODEL_TITLE = 'Figure 4 per model (paper Fig. 7): success rate vs. relative task difficulty';

const PANEL_WIDTH = 250;
const PANEL_HEIGHT = 180;

const x = {
  field: 'midpoint',
  type: 'quantitative' as const,
  title: AXIS_TITLES.difficultyShort,
  scale: { domain: [0, 1] },
  axis: { values: [0, 0.2, 0.4, 0.6, 0.8, 1], format: '.1f' },
};
const y = { type: 'quantitative' as const, scale: { domain: [0, 1] }, title: AXIS_TITLES.successShort, axis: { format: '.1f' } };

function modelPanel(p: Fig4PerModelData['panels'][number], color: object) {
  return {
    title: panelTitle(p.model, p.lines, 11.5, { subtitleColor: '#333333' }),
    width: PANEL_WIDTH,
    height: PANEL_HEIGHT,
    data: { values: p.rows },
    layer: [
      {
        mark: { type: 'area' as const, opacity: 0.16 },
        encoding: { x, y: { field: 'ci_low', ...y }, y2: { field: 'ci_high' }, color },
      },
      {
        mark: { type: 'line' as const, strokeWidth: 2, point: { filled: true, size: 28 } },
        encoding: {
          x,
          y: { field: 'rate', ...y },
          color,
          tooltip: tooltip(['arm', 'nominal'], ['midpoint', 'quantitative', 'bucket midpoint'], ['rate', 'quantitative', undefined, '.3f'], ['k', 'quantitative', 'successes'], ['n', 'quantitative', 'tasks']),
        },
      },
    ],
  };
}

/** The single panel drawn when the data hold no per-model curves. */
const emptyPanel = (source: string) => ({
  title: { text: `No per-model curves in ${source}` },
  width: PANEL_WIDTH,
  height: PANEL_HEIGHT,
  data: { values: [] },
  mark: { type: 'point' as const },
  encoding: { x, y: { field: 'rate', ...y } },
});

export function fig4PerModelSpec(d: Fig4PerModelData): TopLevelSpec {
  const color = { field: 'arm', type: 'nominal' as const, scale: { domain: d.arms.map(armLabel), range: d.colors }, legend: lineLegend('top', 400) };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: figureTitle(FIG4_PER_MODEL_TITLE, d.subtitle),
    config: baseConfig(),
    columns: Math.max(1, Math.min(3, d.panels.length)),
    concat: d.panels.length > 0 ? d.panels.map((p) => modelPanel(p, color)) : [emptyPanel(d.source)],
  };
}
