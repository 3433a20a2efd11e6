import type { ComparisonFile } from '@cooperbench-repro/contracts';
import { toCsv } from './csv.js';

/** Column name of one grid column: `ours:<model>:<arm>` or `published:<model>`. */
export function gridColumnName(c: ComparisonFile['pair_grid']['columns'][number]): string {
  return c.source === 'ours' ? `ours:${c.model}:${c.arm}` : `published:${c.model}`;
}

/**
 * figures/published-comparison-pairs.csv: every published pair (table order) with its outcome per grid
 * column (pass / fail / unknown / not-run) and how many columns, and published models, pass it.
 */
export function pairGridCsv(file: ComparisonFile): string {
  const names = file.pair_grid.columns.map(gridColumnName);
  const columns = ['pair', 'repo', 'solved_by', 'solved_by_published', ...names];
  const rows = file.pair_grid.pairs.map((p) => {
    const row: Record<string, unknown> = { pair: p.pair, repo: p.repo, solved_by: p.solved_by, solved_by_published: p.solved_by_published };
    names.forEach((n, i) => (row[n] = p.outcomes[i]));
    return row;
  });
  return toCsv(columns, rows);
}
