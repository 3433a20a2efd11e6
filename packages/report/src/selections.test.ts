import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Selection } from './selection.js';
import { INDEX_COLUMNS } from './record-rows.js';
import { DEMO, requireDemo } from './test-support/demo.js';

/** Reads what the report hands the page (data/meta.js and the index chunks) without a browser. */
function pageData(dir: string): { meta: { selections: Selection[]; records: number; figures: { name: string }[] }; rows: unknown[][] } {
  const CBR: Record<string, unknown> = {};
  const chunks: unknown[][][] = [];
  CBR['setMeta'] = (m: unknown) => (CBR['meta'] = m);
  CBR['addIndex'] = (k: number, rows: unknown[][]) => (chunks[k] = rows);
  const run = (file: string) => new Function('CBR', readFileSync(join(dir, file), 'utf8'))(CBR);
  run('data/meta.js');
  const meta = CBR['meta'] as { selections: Selection[]; records: number; figures: { name: string }[]; chunks: { index: number } };
  for (let k = 0; k < meta.chunks.index; k++) run(`data/index-${String(k).padStart(3, '0')}.js`);
  return { meta, rows: chunks.flat() };
}

describe('the demo report (figures/report)', () => {
  requireDemo();
  const { meta, rows } = pageData(DEMO.report);
  const col = (c: (typeof INDEX_COLUMNS)[number]) => INDEX_COLUMNS.indexOf(c);

  it('indexes every record of the store, in store order', () => {
    const store = readFileSync(DEMO.store, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { record_id: string });
    expect(meta.records).toBe(store.length);
    expect(rows.map((r) => r[col('record_id')])).toEqual(store.map((r) => r.record_id));
  });

  it('has Figures 4, 7, 5, 6, per-repository and published-comparison, and clickable marks in each figure that counts runs', () => {
    expect(meta.figures.map((f) => f.name)).toEqual(['fig4', 'fig4-per-model', 'fig5', 'fig6', 'per-repository', 'published-comparison']);
    for (const fig of ['fig4', 'fig4-per-model', 'fig5', 'fig6', 'per-repository']) expect(meta.selections.some((s) => s.figure === fig)).toBe(true);
  });

  it("each mark's records (+ planned pairs never run) reconcile with the n of the stage output", () => {
    const bad: string[] = [];
    for (const s of meta.selections) {
      const f = s.filter;
      const ids = f.ids ? new Set(f.ids) : null;
      const matched = rows.filter(
        (r, i) =>
          (f.model === undefined || r[col('model')] === f.model) &&
          (f.arm === undefined || r[col('arm')] === f.arm) &&
          (f.repo === undefined || r[col('repo')] === f.repo) &&
          (f.flag === undefined || (r[col('flags')] as string[]).includes(f.flag)) &&
          (f.bucket === undefined || r[col('bucket')] === f.bucket) &&
          (f.era === undefined || r[col('era')] === f.era) &&
          (!f.outcome || f.outcome.includes(r[col('outcome')] as never)) &&
          (!ids || ids.has(i)),
      ).length;
      if (matched + s.missing !== s.n) bad.push(`${s.label}: ${matched} records + ${s.missing} missing != n ${s.n}`);
    }
    expect(bad).toEqual([]);
  });
});
