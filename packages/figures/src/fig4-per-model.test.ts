import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { fig4PerModel } from './figures/fig4-per-model/index.js';
import { specToSvg } from './render/svg.js';
import { difficultyFixture } from './test-support/fixture.js';
import { svgTexts } from './test-support/svg-text.js';

const fixture = difficultyFixture();

describe('fig4-per-model (paper Fig. 7)', () => {
  it('compiles and renders one panel per model without warnings', async () => {
    const def = fig4PerModel(fixture);
    expect(def.name).toBe('fig4-per-model');
    expect(() => compile(def.spec)).not.toThrow();
    const { svg, warnings } = await specToSvg(def.spec);
    expect(warnings).toEqual([]);
    const texts = svgTexts(svg);
    expect(texts).toContain('model-a');
    expect(texts).toContain('model-b');
    expect(texts).not.toContain('All models (pooled)');
    expect(texts).toContain('Relative difficulty (0 = easiest, 1 = hardest)');
    expect(texts).toContain('Success rate (both tests pass)');
    for (const model of ['model-a', 'model-b']) {
      const solo = fixture.curves.find((c) => c.model === model && c.arm === 'solo')!.auc!;
      const coop = fixture.curves.find((c) => c.model === model && c.arm === 'coop-msg')!.auc!;
      const retention = fixture.comparisons.find((c) => c.model === model)!.retention!;
      expect(texts.some((t) => t.startsWith(`Solo: AUC ${solo.toFixed(2)}; n per bucket`))).toBe(true);
      expect(texts.some((t) => t.startsWith(`Coop (with messaging): AUC ${coop.toFixed(2)}, retention ${retention.toFixed(2)}`))).toBe(true);
    }
  });

  it('labels every point k/n, breaks lines at empty buckets, offsets the series and names the policies', () => {
    const def = fig4PerModel(fixture);
    const panel = (def.spec as { concat: { data: { values: Record<string, unknown>[] } }[] }).concat[0]!;
    const rows = panel.data.values;
    expect(rows.every((r) => r.label === `${r.k}/${r.n}`)).toBe(true);
    // Buckets 0, 2, 3: bucket 1 is empty, so bucket 0 is a segment of its own.
    const solo = rows.filter((r) => r.series === 'Solo');
    expect(new Set(solo.map((r) => r.line_id)).size).toBe(2);
    const coop = rows.filter((r) => r.series === 'Coop (with messaging)');
    expect(solo[0]!.x).not.toBe(coop[0]!.x);
    expect(JSON.stringify(def.spec)).toContain('unknown_outcomes=exclude');
    expect(JSON.stringify(def.spec)).toContain('2 models');
  });

  it('leaves out points with no known outcome', () => {
    const rows = fig4PerModel(fixture).csv.rows;
    expect(rows).toHaveLength(11); // 3 populated buckets x 4 curves, minus model-b coop-msg bucket 3 (total 0)
    expect(rows.some((r) => r.model === 'model-b' && r.arm === 'coop-msg' && r.bucket === 3)).toBe(false);
    expect(rows.some((r) => r.model === 'pooled')).toBe(false);
  });

  it('marks synthetic data', async () => {
    const texts = svgTexts((await specToSvg(fig4PerModel(difficultyFixture({ synthetic: true })).spec)).svg);
    expect(texts.some((t) => t.startsWith('SYNTHETIC DEMO DATA'))).toBe(true);
  });
});
