import type { GridOutcome, PairGrid } from '@cooperbench-repro/contracts';
import { publishedOutcome, type OwnPairOutcome } from './compare.js';
import type { PublishedTable } from './published.js';
import type { ComparisonOptions } from '@cooperbench-repro/contracts';

export interface GridGroup {
  model: string;
  arm: string;
  pairs: ReadonlyMap<string, OwnPairOutcome>;
}

/**
 * Every published pair x (compared own groups, then the published models), in the published table's
 * pair order: pass / fail / unknown (no known outcome) / not-run (own group without a record of the
 * pair). The figure sorts and restricts it; the file keeps every pair so nothing is dropped here.
 */
export function pairGrid(groups: readonly GridGroup[], published: PublishedTable, options: ComparisonOptions): PairGrid {
  const columns = [
    ...groups.map((g) => ({ source: 'ours' as const, model: g.model, arm: g.arm })),
    ...published.models.map((m) => ({ source: 'published' as const, model: m, arm: 'coop-msg' })),
  ];
  const pairs = published.pairs.map((p) => {
    const own: GridOutcome[] = groups.map((g) => {
      const o = g.pairs.get(p.key);
      return o === undefined ? 'not-run' : o.passed === null ? 'unknown' : o.passed ? 'pass' : 'fail';
    });
    const pub: GridOutcome[] = published.models.map((m) => {
      const o = publishedOutcome(p.outcomes.get(m), options);
      return o === null ? 'unknown' : o.passed ? 'pass' : 'fail';
    });
    const outcomes = [...own, ...pub];
    return {
      pair: p.key,
      repo: p.repo,
      solved_by: outcomes.filter((o) => o === 'pass').length,
      solved_by_published: pub.filter((o) => o === 'pass').length,
      outcomes,
    };
  });
  return { columns, pairs };
}
