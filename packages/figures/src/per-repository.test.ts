import { OutcomesFileSchema } from '@cooperbench-repro/contracts';
import { describe, expect, it } from 'vitest';
import { perRepository, perRepositoryData, renderPerRepositoryMarkdown } from './figures/per-repository/index.js';
import { outcomesFixture } from './test-support/outcomes-fixture.js';

const fixture = OutcomesFileSchema.parse(outcomesFixture());

describe('per-repository figure', () => {
  const d = perRepositoryData(fixture, { source: 'data/outcomes.json' });

  it('draws one panel per model, solo and the two coop arms, k/n beside every point, nothing where n = 0', () => {
    expect(d.panels.map((p) => p.model)).toEqual(['model-a', 'model-b']);
    expect(d.series).toEqual(['Solo', 'Coop (with messaging)', 'Coop (no messaging)']);
    const b = d.panels[1]!;
    expect(b.points.filter((p) => p.series === 'Coop (no messaging)').map((p) => [p.repo, p.label])).toEqual([['repo_x', '0/5']]);
    for (const p of d.panels.flatMap((x) => x.points)) expect(p.label).toBe(`${p.k}/${p.n}`);
    expect(d.repos).toEqual(['repo_x', 'repo_y']);
  });

  it('names the era of each coop total in the panel subtitle, and the arms it leaves out with their records', () => {
    expect(d.panels[1]!.lines).toContain('Coop (with messaging), union era (<= 0.0.15): 2/10 = 20.0% over 2 repositories');
    expect(d.panels[0]!.lines[0]).toBe('Solo: 5/12 = 41.7% over 2 repositories');
    expect(d.leftOut).toEqual([{ arm: 'coop-msg-git', records: 4 }]);
    const subtitle = d.subtitle.lines.join(' ');
    expect(subtitle).toContain('Not drawn (in the CSV and per-repository.md): coop-msg-git (4 records)');
    expect(subtitle).toContain('unknown_outcomes = count-as-failure');
    expect(subtitle).toContain('eras = split');
  });

  it('keeps every repository row in the CSV, with whether it is drawn', () => {
    const def = perRepository(fixture);
    expect(def.csv.rows).toHaveLength(fixture.repositories.length);
    expect(def.csv.rows.filter((r) => r.shown === false).map((r) => `${r.model}/${r.arm}/${r.repo}`)).toEqual([
      'model-b/coop-nomsg/repo_y_task',
      'model-b/coop-msg-git/repo_x_task',
      'model-b/coop-msg-git/repo_y_task',
    ]);
  });

  it('per-repository.md: every arm, per-repository rows and a total row that they sum to', () => {
    const md = renderPerRepositoryMarkdown(fixture, 'data/outcomes.json');
    expect(md).toContain('| Repository | Solo | Coop (with messaging), union era (\\<= 0.0.15) | Coop (no messaging), union era (\\<= 0.0.15) | Coop (messaging + git), union era (\\<= 0.0.15) |');
    expect(md).toMatch(/\| repo\\_y \| 1\/6 = 16\.7% \[[^\]]+\] \(1 unknown, counted as failures\) \|/);
    expect(md).toMatch(/\| \*\*all repositories\*\* \| 5\/12 = 41\.7% \[[^\]]+\] \(1 unknown, counted as failures\) \| 3\/10 = 30\.0%/);
    expect(md).toContain('0/0 (0 records)');
  });

  it('draws a titled empty panel when there are no records', () => {
    const empty = { ...fixture, totals: [], repositories: [], ladder: [] };
    const spec = JSON.stringify(perRepository(empty).spec);
    expect(spec).toContain('No solo or coop per-repository results in data/outcomes.json');
  });
});
