import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referencePath } from '@cooperbench-repro/public-data';
import { PAPER_FIG4_WEBSITE_CURVE, paperCurveAuc, trapezoid } from './paper-reference.js';

const CSV = referencePath('paper/fig4_website_coopchart_points.csv');

describe('paper reference constants', () => {
  it('equal the transcribed website curve (fig4_website_coopchart_points.csv)', () => {
    const [header, ...lines] = readFileSync(CSV, 'utf8').trim().split(/\r?\n/);
    expect(header!.split(',')).toEqual(['difficulty_bucket_centre', 'solo_success', 'coop_success', 'solo_err', 'coop_err']);
    const rows = lines.map((l) => {
      const [midpoint, solo, coop, solo_err, coop_err] = l.split(',').map(Number);
      return { midpoint, solo, coop, solo_err, coop_err };
    });
    expect(rows).toHaveLength(9);
    expect(PAPER_FIG4_WEBSITE_CURVE).toEqual(rows);
  });

  it('reproduce the paper-compatible trapezoid AUC: 0.3425 solo, 0.1985 coop', () => {
    const auc = paperCurveAuc();
    expect(auc.solo).toBeCloseTo(0.3425, 10);
    expect(auc.coop).toBeCloseTo(0.1985, 10);
    expect(auc.retention).toBeCloseTo(0.1985 / 0.3425, 10);
    expect(auc.retention.toFixed(2)).toBe('0.58');
  });

  it('trapezoid joins neighbouring points and needs two of them', () => {
    expect(trapezoid([{ x: 0.5, y: 1 }])).toBeNull();
    expect(trapezoid([{ x: 1, y: 0 }, { x: 0, y: 1 }])).toBeCloseTo(0.5, 12);
  });
});
