import { tooltip } from './layers.js';

/**
 * The layers of a success-vs-difficulty curve (Fig. 4 right, Fig. 4 per model): per point a Wilson
 * whisker (never a band, so a lone n = 1 point does not spread into a block), the point with its
 * series' marker, a line only between adjacent populated buckets (field `segment`), and `k/n` written
 * upwards above the whisker. Rows: series, marker (the series' own label, for the shape, which has no legend), line_id (series + segment), x (offset midpoint), rate, ci_low, ci_high, k, n, segment, label.
 */
export function curveLayers(o: { x: object; y: object; color: object; shape: object; strokeWidth: number; pointSize: number; labelSize: number }) {
  const xField = { field: 'x', ...o.x };
  return [
    {
      mark: { type: 'rule' as const, strokeWidth: 1.3, opacity: 0.7 },
      encoding: { x: xField, y: { field: 'ci_low', ...o.y }, y2: { field: 'ci_high' }, color: o.color },
    },
    {
      mark: { type: 'line' as const, strokeWidth: o.strokeWidth },
      encoding: { x: xField, y: { field: 'rate', ...o.y }, color: o.color, detail: { field: 'line_id', type: 'nominal' as const } },
    },
    {
      mark: { type: 'point' as const, filled: true, size: o.pointSize, opacity: 1 },
      encoding: {
        x: xField,
        y: { field: 'rate', ...o.y },
        color: o.color,
        shape: o.shape,
        tooltip: tooltip(['series', 'nominal'], ['midpoint', 'quantitative', 'bucket midpoint'], ['rate', 'quantitative', undefined, '.3f'], ['k', 'quantitative', 'successes'], ['n', 'quantitative', 'tasks']),
      },
    },
    {
      mark: { type: 'text' as const, angle: 270, align: 'left' as const, baseline: 'middle' as const, dx: 4, fontSize: o.labelSize },
      encoding: { x: xField, y: { field: 'ci_high', ...o.y }, text: { field: 'label', type: 'nominal' as const }, color: o.color },
    },
  ];
}
