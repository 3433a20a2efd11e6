import { parse } from 'csv-parse/sync';
import { OutcomesFileSchema } from '@cooperbench-repro/contracts';
import { describe, expect, it } from 'vitest';
import { MERGE_LADDER_CSV_COLUMNS, mergeLadderRows, renderMergeLadderLatex, renderMergeLadderMarkdown } from './tables/merge-ladder.js';
import { toCsv } from './render/csv.js';
import { outcomesFixture } from './test-support/outcomes-fixture.js';
import { paperCsv } from './test-support/paper-csv.js';

const fixture = OutcomesFileSchema.parse(outcomesFixture());

describe('merge-ladder table', () => {
  const rows = mergeLadderRows(fixture, { paperReference: true });
  const own = rows.filter((r) => r.source === 'data');

  it('has one row per ladder row with its era named, cumulative k/n per step and only its era\u2019s steps', () => {
    expect(own.map((r) => [r.model, r.csv.arm, r.era])).toEqual(fixture.ladder.map((l) => [l.model, l.arm, expect.stringMatching(l.era === 'union-era' ? /^union era/ : /^agent-1 era/)]));
    const a = own.find((r) => r.model === 'model-a' && r.csv.arm === 'coop-msg')!;
    expect(a.cells).toMatchObject({ naive: '1/10 = 10.0%', union: '—', identical: '2/10 = 20.0%', 'solo-agent1': '3/10 = 30.0%', llm: '—' });
    expect(a.cells.final).toMatch(/^3\/10 = 30\.0% \[\d+\.\d%, \d+\.\d%\]$/);
    expect(a.notes).toContain('compare: paper Naive (with comm)');
    const b = own.find((r) => r.model === 'model-b' && r.csv.arm === 'coop-msg')!;
    expect(b.cells).toMatchObject({ naive: '1/10 = 10.0%', union: '2/10 = 20.0%', identical: '—', 'solo-agent1': '—' });
    expect(b.notes).toMatch(/1 unmergeable \(failures\); 1 unknown \(failures\); compare: paper Union \(with comm\)/);
    expect(own.find((r) => r.csv.arm === 'coop-msg-git')!.notes).toContain('no paper arm to compare');
  });

  it('puts the paper\u2019s Table 6 naive / union / LLM columns below, read from the committed CSV', () => {
    const paper = paperCsv();
    const gpt = rows.filter((r) => r.model === 'Paper: GPT-5');
    expect(gpt.map((r) => r.csv.paper_setting)).toEqual(['comm', 'nocomm']);
    for (const col of ['naive', 'union', 'llm'] as const) {
      expect(gpt[0]!.csv[`${col}_rate`], col).toBeCloseTo(paper.get(`table6_merge_success_comm_${col}`, 'gpt5') / 100, 9);
    }
    expect(gpt[0]!.csv.n).toBe(652);
    expect(gpt[1]!.cells.naive).toBe(`${paper.get('table6_merge_success_nocomm_naive', 'gpt5')}%`);
    expect(rows.filter((r) => r.source === 'paper')).toHaveLength(12);
    expect(mergeLadderRows(fixture, { paperReference: false }).every((r) => r.source === 'data')).toBe(true);
  });

  it('names the policies, the denominators and the comparable paper column in the caption', () => {
    const md = renderMergeLadderMarkdown(fixture, rows, 'data/outcomes.json');
    expect(md).toContain('unknown\\_outcomes = count-as-failure (n = every record plus the planned pairs never run; 3 unknown outcomes and 0 planned pairs without a record count as failures)');
    expect(md).toContain('solo\\_agent1 = pass');
    expect(md).toContain('eras = split (one row per eval era, never pooled)');
    expect(md).toContain('Compare a union-era row’s success with the paper’s Union column and an agent-1-era row’s with its Naive column');
    const tex = renderMergeLadderLatex(fixture, rows, 'data/outcomes.json');
    expect(tex).toContain('\\label{tab:merge-ladder}');
    expect(tex).toContain('unknown\\_outcomes = count-as-failure');
  });

  it('says so loudly when the data are synthetic, and writes one CSV row per table row', () => {
    expect(renderMergeLadderMarkdown(outcomesFixture({ synthetic: true }), rows, 'x')).toMatch(/SYNTHETIC DEMO DATA/);
    const csv = parse(toCsv(MERGE_LADDER_CSV_COLUMNS, rows.map((r) => r.csv)), { columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(rows.length);
    expect(Object.keys(csv[0]!)).toEqual([...MERGE_LADDER_CSV_COLUMNS]);
    expect(csv[0]).toMatchObject({ source: 'data', model: 'model-a', arm: 'coop-msg', era: 'agent1-era', final_k: '3', n: '10', solo_agent1_passes: '1' });
  });
});
