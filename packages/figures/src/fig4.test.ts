import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { DifficultyFileSchema } from '@cooperbench-repro/contracts';
import { FIG4_CSV_COLUMNS, fig4, fig4Data } from './figures/fig4/index.js';
import { toCsv } from './render/csv.js';
import { describeFigureBasics, expectCsv, renderedTexts } from './test-support/figure-checks.js';
import { difficultyFixture } from './test-support/fixture.js';
import { websiteCurveCsv } from './test-support/paper-csv.js';

const fixture = difficultyFixture();
const pooledAuc = (arm: string) => fixture.curves.find((c) => c.model === 'pooled' && c.arm === arm)!.auc!;
const pooledRetention = fixture.comparisons.find((c) => c.model === 'pooled' && c.arm === 'coop-msg')!.retention!;

describeFigureBasics('fig4', 'data/difficulty.json', DifficultyFileSchema, difficultyFixture, fig4);

describe('fig4', () => {
  it('has readable axis titles, panel titles and AUC/retention legend labels', async () => {
    const texts = await renderedTexts(fig4(fixture));
    expect(texts).toContain('Relative task difficulty (0 = easiest, 1 = hardest)');
    expect(texts).toContain("Success rate (both features' tests pass)");
    expect(texts).toContain('Success rate per model');
    expect(texts).toContain('Pooled success rate vs. relative task difficulty');
    expect(texts).toContain(`Solo: AUC ${pooledAuc('solo').toFixed(2)}`);
    expect(texts).toContain(`Coop (with messaging): AUC ${pooledAuc('coop-msg').toFixed(2)}, retention ${pooledRetention.toFixed(2)}`);
    // left panel: models (strongest solo first), pooled group, arm legend, bar value labels
    for (const t of ['model-a', 'model-b', 'All models (pooled)', 'Solo', 'Coop (with messaging)', '0.47 (14/30)', '0.42 (10/24)']) expect(texts).toContain(t);
    expect(texts.indexOf('model-a')).toBeLessThan(texts.indexOf('model-b'));
  });

  it('overlays the paper curve by default, and not when switched off', async () => {
    const on = await renderedTexts(fig4(fixture));
    expect(on).toContain('Paper, Solo: AUC 0.34');
    expect(on).toContain('Paper, Coop: AUC 0.20, retention 0.58');
    const offDef = fig4(fixture, { paperReference: false });
    const off = await renderedTexts(offDef);
    expect(off.some((t) => t.startsWith('Paper'))).toBe(false);
    expect(off.some((t) => t.includes('dashed'))).toBe(false);
    expect(offDef.csv.rows.some((r) => r.source === 'paper-website')).toBe(false);
  });

  it('says SYNTHETIC visibly if and only if the data are synthetic', async () => {
    const real = await renderedTexts(fig4(fixture));
    expect(real.some((t) => /synthetic/i.test(t))).toBe(false);
    const synth = await renderedTexts(fig4(difficultyFixture({ synthetic: true })));
    expect(synth.some((t) => t.startsWith('SYNTHETIC DEMO DATA — not real agent runs'))).toBe(true);
  });

  it('writes the plotted data as CSV and leaves empty buckets out', () => {
    const def = fig4(fixture);
    const rows = def.csv.rows;
    // per-model: 2 models + pooled, 2 arms; the curve: buckets 0, 2, 3 for each arm (bucket 1 is empty everywhere)
    const lines = expectCsv(def, FIG4_CSV_COLUMNS, { 'per-model': 6, 'difficulty/data': 6 });
    expect(rows.some((r) => r.panel === 'difficulty' && r.source === 'data' && r.bucket === 1)).toBe(false);
    expect(rows.filter((r) => r.source === 'paper-website')).toHaveLength(18);
    expect(lines).toHaveLength(1 + 6 + 6 + 18);
    expect(lines[1]).toMatch(/^per-model,data,model-a,solo,Solo,,,14,30,0,0\.4666666666666667,0\.3\d+,0\.6\d+,,,solo,0,0$/);
    expect(lines).toContain('difficulty,data,pooled,coop-msg,Coop (with messaging),3,0.875,0,10,2,0,0,' + `${fixture.curves.find((c) => c.model === 'pooled' && c.arm === 'coop-msg')!.points[3]!.ci_high},${pooledAuc('coop-msg')},${pooledRetention},agent1-era,0,0`);
    // the paper's first website point (fig4_website_coopchart_points.csv) with its ± error; AUC 0.3425
    const p0 = websiteCurveCsv()[0]!;
    const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
    expect(lines).toContain(`difficulty,paper-website,pooled,solo,"Paper, Solo",,${p0.midpoint},,,,${p0.solo},${r6(p0.solo - p0.solo_err)},${r6(p0.solo + p0.solo_err)},0.3425,,,,`);
    // CSV fields round-trip through a real CSV parser (the paper's labels contain commas)
    const parsed = parse(toCsv(def.csv.columns, rows), { columns: true }) as Record<string, string>[];
    expect(parsed).toHaveLength(lines.length - 1);
    expect(parsed.filter((r) => r.label === 'Paper, Solo')).toHaveLength(9);
  });

  it('draws no bars or points for entries with total 0', () => {
    const data = difficultyFixture();
    data.overall.push({ model: 'model-c', arm: 'solo', era: 'solo', successes: 0, total: 0, unknown: 5, rate: null, ci_low: null, ci_high: null, missing: 0, solo_agent1: 0 });
    const def = fig4(data);
    expect(JSON.stringify(def.spec)).not.toContain('model-c');
  });

  it('stays honest on one sparse model: 1 model, no pooled repeat, k/n per point, whiskers not bands, no line across empty buckets', () => {
    const one = difficultyFixture();
    one.overall = one.overall.filter((o) => o.model === 'model-a' || o.model === 'pooled');
    one.curves = one.curves.filter((c) => c.model === 'model-a' || c.model === 'pooled');
    one.comparisons = one.comparisons.filter((c) => c.model !== 'model-b').map((c) => ({ ...c, models: ['model-a'] }));
    const def = fig4(one);
    const spec = JSON.stringify(def.spec);
    expect(spec).toContain('1 model (model-a)');
    expect(spec).not.toContain('1 models');
    expect(spec).not.toContain('All models (pooled)');
    const d = fig4Data(one, { paperReference: true, source: 'x' });
    expect(d.curveNotes.join('\n')).toMatch(/populated buckets \(midpoint, Solo n\): 0\.125 \(n=\d+\), 0\.625 \(n=\d+\), 0\.875 \(n=\d+\): 3 of 4/);
    expect(spec).not.toContain('"type":"area"'); // a lone n = 1 bucket gets a whisker, never a band merged with its neighbours
    const right = (def.spec as { hconcat: { layer: { data?: { values: Record<string, unknown>[] } }[] }[] }).hconcat[1]!;
    const points = right.layer.find((l) => l.data?.values.some((r) => 'line_id' in r))!.data!.values;
    expect(points.every((r) => r.label === `${r.k}/${r.n}`)).toBe(true);
    const solo = points.filter((r) => String(r.series).startsWith('Solo'));
    expect(solo.map((r) => r.line_id)).toEqual(['solo|solo#0', 'solo|solo#1', 'solo|solo#1']); // bucket 1 empty: 0 stands alone
    expect(solo[0]!.x).not.toBe(points.find((r) => String(r.series).startsWith('Coop'))!.x); // offset, so coinciding series stay visible
  });

  it('draws one series per eval era when eras are split, and no grey gap over different model sets', () => {
    const split = difficultyFixture();
    const pooledCoop = split.curves.find((c) => c.model === 'pooled' && c.arm === 'coop-msg')!;
    split.curves.push({ ...pooledCoop, era: 'union-era' });
    split.comparisons = split.comparisons.map((c) => (c.model === 'pooled' ? { ...c, models: ['model-a'] } : c));
    split.comparisons.push({ ...split.comparisons.find((c) => c.model === 'pooled')!, era: 'union-era', models: ['model-b'] });
    const spec = JSON.stringify(fig4(split).spec);
    expect(spec).toContain('Coop (with messaging), upstream ≥ 0.0.16: AUC');
    expect(spec).toContain('Coop (with messaging), upstream ≤ 0.0.15: AUC');
    expect(fig4Data(split, { paperReference: true, source: 'x' }).gapNote).toBe('no grey gap: no single Coop (with messaging) series covers the same 2 models as Solo');
  });
});
