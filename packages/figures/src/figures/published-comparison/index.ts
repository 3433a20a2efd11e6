import type { ComparisonFile } from '@cooperbench-repro/contracts';
import type { FigureDefinition } from '../../render/figure.js';
import { PUBLISHED_COMPARISON_CSV_COLUMNS, publishedComparisonData } from './data.js';
import { PUBLISHED_COMPARISON_TITLE, publishedComparisonSpec } from './spec.js';

/**
 * Own coop-with-messaging runs against the paper's published per-pair Coop outcomes (data/comparison.json):
 * (a) per own model/arm, each published model's success and ours on the pairs both have (Wilson
 *     intervals, exact McNemar p in the row label), published models sorted by their success;
 * (b) the pair x model grid (passed / failed / unknown / not run), pairs sorted by how many rows solve them.
 * The caveats (eval era, typst pairs, missing conflict flags, no solo data) and the options are on its face.
 * CSV: one row per own model, own arm and published model.
 */

export { GRID_OUTCOMES, OURS_SERIES, PUBLISHED_COMPARISON_CSV_COLUMNS, PUBLISHED_SERIES, comparisonSubtitle, publishedComparisonData, type PublishedComparisonData } from './data.js';
export { PLACEMENT_X_TITLE, PUBLISHED_COMPARISON_TITLE, publishedComparisonSpec } from './spec.js';

export function publishedComparison(data: ComparisonFile): FigureDefinition {
  const d = publishedComparisonData(data);
  return { name: 'published-comparison', title: PUBLISHED_COMPARISON_TITLE, spec: publishedComparisonSpec(d), csv: { columns: PUBLISHED_COMPARISON_CSV_COLUMNS, rows: d.csv } };
}
