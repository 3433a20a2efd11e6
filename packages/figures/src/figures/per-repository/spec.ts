import type { TopLevelSpec } from 'vega-lite';
import { tooltip } from '../../render/layers.js';
import { AXIS_TITLES, baseConfig } from '../../render/style.js';
import { figureTitle, panelTitle } from '../../render/subtitle.js';
import type { PerRepositoryData } from './data.js';

/** Spec step of the per-repository figure: one small panel per model, repositories down, success rate across. */

export const PER_REPOSITORY_TITLE = 'Success per repository: Solo and Coop, per model';

const PANEL_WIDTH = 300;
/** Pixels per drawn series within one repository's band. */
const ROW_STEP = 13;

function panel(p: PerRepositoryData['panels'][number], d: PerRepositoryData) {
  const color = { field: 'series', type: 'nominal' as const, scale: { domain: d.series, range: d.colors }, legend: { title: null, orient: 'top' as const, direction: 'horizontal' as const, symbolType: 'circle', labelFontSize: 12 } };
  const x = { type: 'quantitative' as const, scale: { domain: [0, 1] }, title: AXIS_TITLES.successShort, axis: { format: '.1f', values: [0, 0.2, 0.4, 0.6, 0.8, 1] } };
  const encoding = {
    y: { field: 'repo', type: 'nominal' as const, scale: { domain: d.repos }, title: null, axis: { labelFontSize: 11 } },
    yOffset: { field: 'series', type: 'nominal' as const, scale: { domain: d.series, paddingInner: 0.1 } },
    color,
  };
  return {
    title: panelTitle(p.model, p.lines, 11, { subtitleColor: '#333333' }),
    width: PANEL_WIDTH,
    height: Math.max(120, d.repos.length * Math.max(1, d.series.length) * ROW_STEP),
    data: { values: p.points },
    encoding,
    layer: [
      { mark: { type: 'rule' as const, strokeWidth: 1.4 }, encoding: { x: { field: 'ci_low', ...x }, x2: { field: 'ci_high' } } },
      {
        mark: { type: 'point' as const, filled: true, size: 36, opacity: 1 },
        encoding: {
          x: { field: 'rate', ...x },
          tooltip: tooltip(['repo', 'nominal', 'repository'], ['series', 'nominal'], ['rate', 'quantitative', undefined, '.3f'], ['k', 'quantitative', 'successes'], ['n', 'quantitative', 'pairs (n)']),
        },
      },
      {
        mark: { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, dx: 4, fontSize: 9.5, color: '#222222' },
        encoding: { x: { field: 'ci_high', ...x }, text: { field: 'label', type: 'nominal' as const }, color: { value: '#222222' } },
      },
    ],
  };
}

/** The single panel drawn when outcomes.json holds no drawable rows. */
const emptyPanel = (source: string) => ({
  title: { text: `No solo or coop per-repository results in ${source}` },
  width: PANEL_WIDTH,
  height: 120,
  data: { values: [] },
  mark: { type: 'point' as const },
  encoding: { x: { field: 'rate', type: 'quantitative' as const, scale: { domain: [0, 1] }, title: AXIS_TITLES.successShort } },
});

export function perRepositorySpec(d: PerRepositoryData): TopLevelSpec {
  const drawable = d.panels.filter((p) => p.points.length > 0);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: figureTitle(PER_REPOSITORY_TITLE, d.subtitle),
    config: baseConfig(),
    columns: Math.max(1, Math.min(3, d.panels.length)),
    concat: drawable.length > 0 ? d.panels.map((p) => panel(p, d)) : [emptyPanel(d.source)],
  } as TopLevelSpec;
}
