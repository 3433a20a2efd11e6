import type { TopLevelSpec } from 'vega-lite';
import { curveLayers } from '../../render/curve-layers.js';
import { wrapLines } from '../../render/difficulty-series.js';
import { lineLegend } from '../../render/layers.js';
import { AXIS_TITLES, baseConfig } from '../../render/style.js';
import { figureTitle, panelTitle } from '../../render/subtitle.js';
import type { Fig4PerModelData } from './data.js';

/** Spec step of the per-model Figure 4: rows -> plain vega-lite JSON, one small panel per model. */

export const FIG4_PER_MODEL_TITLE = 'Figure 4 per model (paper Fig. 7): success rate vs. relative task difficulty';

const PANEL_WIDTH = 250;
const PANEL_HEIGHT = 200;
/** Fewer panels get wider, so the canvas (as wide as the title block) is filled by panels, not blank space. */
const panelWidth = (panels: number) => (panels <= 1 ? 620 : panels === 2 ? 420 : 300);

const x = {
  type: 'quantitative' as const,
  title: AXIS_TITLES.difficultyShort,
  scale: { domain: [0, 1] },
  axis: { values: [0, 0.2, 0.4, 0.6, 0.8, 1], format: '.1f' },
};
/** Room above 1.0 for the upward k/n labels (ticks stop at 1). */
const y = { type: 'quantitative' as const, scale: { domain: [0, 1.25] }, title: AXIS_TITLES.successShort, axis: { format: '.1f', values: [0, 0.2, 0.4, 0.6, 0.8, 1] } };

function modelPanel(p: Fig4PerModelData['panels'][number], color: object, shape: object, width: number) {
  return {
    title: panelTitle(p.model, wrapLines(p.lines, Math.round(width / 6.2)), 11.5, { subtitleColor: '#333333' }),
    width,
    height: PANEL_HEIGHT,
    data: { values: p.rows },
    layer: curveLayers({ x, y, color, shape, strokeWidth: 2, pointSize: 34, labelSize: 7.5 }),
  };
}

/** The single panel drawn when the data hold no per-model curves. */
const emptyPanel = (source: string) => ({
  title: { text: `No per-model curves in ${source}` },
  width: PANEL_WIDTH,
  height: PANEL_HEIGHT,
  data: { values: [] },
  mark: { type: 'point' as const },
  encoding: { x: { field: 'midpoint', ...x }, y: { field: 'rate', ...y } },
});

export function fig4PerModelSpec(d: Fig4PerModelData): TopLevelSpec {
  const domain = d.series.map((s) => s.label);
  const legend = { ...lineLegend('top', 400), columns: Math.min(3, Math.max(1, d.series.length)), columnPadding: 18 };
  const color = { field: 'series', type: 'nominal' as const, scale: { domain, range: d.series.map((s) => s.color) }, legend };
  const shape = { field: 'marker', type: 'nominal' as const, scale: { domain, range: d.series.map((s) => s.shape) }, legend: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: figureTitle(FIG4_PER_MODEL_TITLE, { ...d.subtitle, lines: [...d.subtitle.lines, ...wrapLines(d.notes, 150)] }),
    config: baseConfig(),
    columns: Math.max(1, Math.min(3, d.panels.length)),
    concat: d.panels.length > 0 ? d.panels.map((p) => modelPanel(p, color, shape, panelWidth(d.panels.length))) : [emptyPanel(d.source)],
  };
}
