import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { paperNumbers } from '@cooperbench-repro/public-data';
import { renderTable5Latex, renderTable5Markdown, table5Csv, table5Rows, TABLE5_CSV_COLUMNS } from './tables/table5.js';
import { difficultyFixture } from './test-support/fixture.js';

const fixture = difficultyFixture();

describe('Table 5', () => {
  const rows = table5Rows(fixture, { paperReference: true });

  it('has one row per own model, a pooled row when there are several, then the paper rows from the committed CSV', () => {
    const own = rows.filter((r) => r.source === 'data').map((r) => r.model);
    const models = [...new Set(fixture.overall.map((o) => o.model))].filter((m) => m !== 'pooled');
    expect(own).toEqual(models.length > 1 ? [...models, 'pooled'] : models);
    const gpt5 = rows.find((r) => r.model === 'Paper: GPT-5')!;
    expect(gpt5.solo).toMatchObject({ successes: paperNumbers().value('solo_success_count', 'gpt5'), total: 652 });
    expect(gpt5.retention).toBe(paperNumbers().value('table5_retention', 'gpt5'));
    expect(rows.find((r) => r.model === 'Paper: pooled')!.coop!.total).toBe(5 * 652);
  });

  it('takes k/n, intervals and AUC from difficulty.json: Solo and coop-msg, comparisons for AUC', () => {
    const first = rows[0]!;
    const solo = fixture.overall.find((o) => o.model === first.model && o.arm === 'solo')!;
    const cmp = fixture.comparisons.find((c) => c.model === first.model && c.arm === 'coop-msg')!;
    expect(first.solo).toEqual(solo);
    expect([first.auc_solo, first.auc_coop, first.retention]).toEqual([cmp.auc_solo, cmp.auc_arm, cmp.retention]);
  });

  it('says its denominators, the averaging rule and the paper source in the caption', () => {
    const md = renderTable5Markdown(fixture, rows, 'data/difficulty.json');
    const captionParts = [
      'unknown outcomes left out of n, their count shown',
      'unknown\\_outcomes=exclude, solo\\_agent1=pass, eras=refuse-mixed',
      'difficulty\\_average = per-model',
      'Paper rows: Table 5 of the paper over its 652 pairs',
    ];
    for (const part of captionParts) expect(md, part).toContain(part);
    const tex = renderTable5Latex(fixture, rows, 'data/difficulty.json');
    for (const part of ['\\label{tab:table5}', 'Paper: GPT-5']) expect(tex, part).toContain(part);
  });

  it('writes one CSV row per table row with the documented columns', () => {
    const csv = parse(table5Csv(rows), { columns: true }) as Record<string, string>[];
    expect(Object.keys(csv[0]!)).toEqual([...TABLE5_CSV_COLUMNS]);
    expect(csv).toHaveLength(rows.length);
  });

  it('with one model there is no pooled row repeating it', () => {
    const one = difficultyFixture();
    const keep = one.overall.find((o) => o.model !== 'pooled')!.model;
    one.overall = one.overall.filter((o) => o.model === keep || o.model === 'pooled');
    expect(table5Rows(one, { paperReference: false }).map((r) => r.model)).toEqual([keep]);
  });
});
