import type { OutcomesFile } from '@cooperbench-repro/contracts';
import type { FigureDefinition } from '../../render/figure.js';
import { PER_REPOSITORY_CSV_COLUMNS, perRepositoryData } from './data.js';
import { PER_REPOSITORY_TITLE, perRepositorySpec } from './spec.js';

/**
 * Per-repository results (the earlier Python implementation's next step; the paper's Table 3 lists the
 * repositories): one small panel per model, one row per repository, the success rate of Solo and each
 * coop arm with its Wilson interval and k/n. Per-repository.md holds the same numbers for every arm.
 */

export { PER_REPOSITORY_CSV_COLUMNS, PER_REPOSITORY_ARMS, perRepositoryData, repoLabel, type PerRepositoryData } from './data.js';
export { PER_REPOSITORY_TITLE, perRepositorySpec } from './spec.js';
export { renderPerRepositoryMarkdown, writePerRepositoryMarkdown } from './markdown.js';

export function perRepository(data: OutcomesFile, opts: { source?: string } = {}): FigureDefinition {
  const d = perRepositoryData(data, { source: opts.source ?? 'data/outcomes.json' });
  return { name: 'per-repository', title: PER_REPOSITORY_TITLE, spec: perRepositorySpec(d), csv: { columns: PER_REPOSITORY_CSV_COLUMNS, rows: d.csv } };
}
