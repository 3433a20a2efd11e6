import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '@cooperbench-repro/contracts';
import { OURS_SERIES, PUBLISHED_COMPARISON_CSV_COLUMNS, PUBLISHED_SERIES, publishedComparison, publishedComparisonData } from './figures/published-comparison/index.js';
import { wrapLine } from './render/subtitle.js';
import { renderFigure } from './render/figure.js';
import { comparisonFixture } from './test-support/comparison-fixture.js';
import { svgTexts } from './test-support/svg-text.js';

describe('published comparison: data step', () => {
  it('places ours beside each published model on their matched pairs, published models by success, with Wilson intervals', () => {
    const d = publishedComparisonData(comparisonFixture());
    const [a, b] = d.panels;
    expect(a!.title).toBe('Ours: model-a, Coop (with messaging)');
    expect(a!.order).toEqual(['GPT-5 (OpenHands) (n = 5, p = 1.000)', 'Claude Sonnet 4.5 (OpenHands) (n = 4, p = 1.000)']);
    const gpt5 = a!.rows.filter((r) => r.row.startsWith('GPT-5'));
    expect(gpt5.map((r) => [r.series, r.passed, r.n])).toEqual([
      [PUBLISHED_SERIES, 3, 5],
      [OURS_SERIES, 2, 5],
    ]);
    const w = wilsonInterval(2, 5, 0.95);
    expect(gpt5[1]).toMatchObject({ rate: 0.4, ci_low: w.low, ci_high: w.high });
    expect(a!.xMax).toBe(Math.ceil(wilsonInterval(3, 5).high! * 10) / 10);
    expect(a!.subtitle[1]).toBe('of those, 1 solved by ours and no published model, 1 by no model');
    // model-b's pairs are not in the dataset: a note, no points.
    expect(b!.rows).toEqual([]);
    expect(b!.note).toBe('no own pair joins the published data: 4 pairs are not in the CooperBench dataset');
  });

  it('grids the pairs with a known own outcome, sorted by how many rows solve them, own rows first', () => {
    const d = publishedComparisonData(comparisonFixture());
    expect(d.grid.pairOrder).toEqual(['repo_a/1/1_2', 'repo_b/7/1_3', 'repo_a/1/1_3', 'repo_a/2/1_2', 'repo_b/7/2_3']);
    expect(d.grid.rowOrder).toEqual(['Ours: model-a, Coop (with messaging)', 'Ours: model-b, Coop (messaging + git)', 'GPT-5 (OpenHands)', 'Claude Sonnet 4.5 (OpenHands)']);
    expect(d.grid.cells).toHaveLength(5 * 4);
    expect(d.grid.cells.find((c) => c.pair === 'repo_a/2/1_2' && c.row.startsWith('Claude'))!.outcome).toBe('unknown');
    expect(d.grid.solved.map((s) => s.solved_by)).toEqual([3, 2, 1, 1, 0]);
    expect(d.grid.title).toBe('(b) Outcome per pair and model: the 5 pairs with a known own outcome');
    expect(d.grid.subtitle[0]).toMatch(/1 solved by nobody \(among known outcomes\), 1 solved only by ours$/);
  });

  it('grid_pairs = all shows every pair; with no own pair known it falls back to all and says so', () => {
    const all = comparisonFixture();
    all.options.grid_pairs = 'all';
    expect(publishedComparisonData(all).grid.pairOrder).toHaveLength(6);
    const none = comparisonFixture();
    for (const p of none.pair_grid.pairs) p.outcomes[0] = 'not-run';
    const g = publishedComparisonData(none).grid;
    expect(g.pairOrder).toHaveLength(6);
    expect(g.title).toMatch(/all 6 published pairs \(no own pair with a known outcome joins the published data\)/);
  });

  it('carries the caveats and options into the caption, and red SYNTHETIC when the store is synthetic', () => {
    const file = comparisonFixture();
    const text = publishedComparisonData(file).subtitle.lines.join(' ');
    for (const s of ['paper-era (naive -> union -> LLM merge resolver)', 'eval_format identical-naive', 'Typst pairs missing for claude', 'conflict flags missing for claude 1', "difficulty axis", 'own_repeats = first-seed', 'result_missing = unknown', 'Wilson 95%', 'McNemar', 'grid_pairs = own-known']) {
      expect(text).toContain(s);
    }
    expect(publishedComparisonData(file).subtitle.lines.every((l) => l.length <= 150)).toBe(true);
    file.inputs.synthetic_records = 9;
    const synth = publishedComparisonData(file).subtitle;
    expect(synth.lines[0]).toMatch(/^SYNTHETIC DEMO DATA/);
    expect(synth.color).toBe('#c00000');
  });

  it('writes one CSV row per own model, own arm and published model, with the issue columns first', () => {
    const def = publishedComparison(comparisonFixture());
    expect(PUBLISHED_COMPARISON_CSV_COLUMNS.slice(0, 11)).toEqual(['model', 'arm', 'published_model', 'matched_pairs', 'ours_passed', 'published_passed', 'only_ours', 'only_published', 'mcnemar_p', 'conflict_known', 'conflict_agreement']);
    expect(def.csv.rows).toHaveLength(4);
    expect(def.csv.rows[0]).toMatchObject({ model: 'model-a', arm: 'coop-msg', published_model: 'gpt5', matched_pairs: 5, ours_passed: 2, published_passed: 3, ours_rate: 0.4, published_rate: 0.6, published_typst_missing: false, own_repeats: 'first-seed' });
    const tiny = comparisonFixture();
    tiny.comparisons[0]!.mcnemar_p = 9.313225746154785e-10;
    expect(publishedComparison(tiny).csv.rows[0]!.mcnemar_p).toBe(9.31323e-10);
    expect(def.csv.rows[3]).toMatchObject({ model: 'model-b', published_model: 'claude', matched_pairs: 0, ours_rate: null, mcnemar_p: null, published_typst_missing: true, published_conflict_unknown: 1 });
  });

  it('wraps caption lines at word boundaries', () => {
    expect(wrapLine('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapLine('short', 50)).toEqual(['short']);
  });
});

describe('published comparison: rendered', () => {
  it('draws the panels, the grid rows (own ones first) and the caveats, without vega warnings', async () => {
    const r = await renderFigure(publishedComparison(comparisonFixture()), 1);
    expect(r.warnings).toEqual([]);
    const texts = svgTexts(r.svg);
    for (const t of ['Ours: model-a, Coop (with messaging)', 'GPT-5 (OpenHands) (n = 5, p = 1.000)', 'Claude Sonnet 4.5 (OpenHands)', PUBLISHED_SERIES, OURS_SERIES, 'passed', 'not run by this own model']) expect(texts).toContain(t);
    expect(texts.some((t) => t.startsWith('no own pair joins the published data'))).toBe(true);
    expect(r.width).toBeLessThan(1400);
  });
});

describe('published comparison: cli (compiled dist/cli.js)', () => {
  const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

  it('writes the four files from a comparison file, and exits 2 naming the field of an invalid one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'figures-pc-'));
    const data = join(dir, 'comparison.json');
    writeFileSync(data, JSON.stringify(comparisonFixture()));
    const ok = run(['published-comparison', '--data', data, '--out', dir]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    for (const ext of ['svg', 'png', 'pdf', 'csv']) expect(existsSync(join(dir, `published-comparison.${ext}`))).toBe(true);
    expect(ok.stdout).toContain('published-comparison.csv (4 rows)');
    const bad = comparisonFixture() as unknown as { pair_grid: { pairs: { outcomes: string[] }[] } };
    bad.pair_grid.pairs[0]!.outcomes.pop();
    writeFileSync(data, JSON.stringify(bad));
    const r = run(['published-comparison', '--data', data, '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/field pair_grid\.pairs\[0\]\.outcomes: expected 4 outcomes \(one per column\), got 3/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
