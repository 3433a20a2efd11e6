/**
 * Published reference values of the CooperBench paper (arXiv:2601.13295), embedded as constants so the
 * figures can overlay them without reading anything outside the repository.
 *
 * PAPER_FIG4_WEBSITE_CURVE: the authors' web copy of Figure 4 (right), the pooled success rate per
 * relative-difficulty bucket midpoint, with the ± error the chart draws.
 * Source: repository cooperbench/website, src/components/CoopChart.tsx @ d2636be71657 (transcribed as
 * fig4_website_coopchart_points.csv, columns difficulty_bucket_centre, solo_success, coop_success,
 * solo_err, coop_err). The 0.15 bucket is absent there. A test checks these constants against that CSV.
 *
 * Trapezoid over these 9 points (populated midpoints only, no extension to 0 and 1): AUC 0.3425 solo,
 * 0.1985 coop, retention 0.58, matching the paper's Table 5 pooled row (0.338 / 0.200 / 0.59).
 */
export interface PaperCurvePoint {
  midpoint: number;
  solo: number;
  coop: number;
  solo_err: number;
  coop_err: number;
}

export const PAPER_FIG4_WEBSITE_CURVE: readonly PaperCurvePoint[] = [
  { midpoint: 0.05, solo: 0.75, coop: 0.72, solo_err: 0.06, coop_err: 0.08 },
  { midpoint: 0.25, solo: 0.58, coop: 0.3, solo_err: 0.04, coop_err: 0.04 },
  { midpoint: 0.35, solo: 0.45, coop: 0.18, solo_err: 0.05, coop_err: 0.04 },
  { midpoint: 0.45, solo: 0.42, coop: 0.2, solo_err: 0.08, coop_err: 0.07 },
  { midpoint: 0.55, solo: 0.35, coop: 0.11, solo_err: 0.06, coop_err: 0.05 },
  { midpoint: 0.65, solo: 0.28, coop: 0.13, solo_err: 0.04, coop_err: 0.03 },
  { midpoint: 0.75, solo: 0.18, coop: 0.12, solo_err: 0.03, coop_err: 0.02 },
  { midpoint: 0.85, solo: 0.1, coop: 0.05, solo_err: 0.04, coop_err: 0.02 },
  { midpoint: 0.95, solo: 0.05, coop: 0.05, solo_err: 0.03, coop_err: 0.02 },
];

/** Citation printed with the overlay. */
export const PAPER_FIG4_SOURCE = 'paper Fig. 4 (authors\u2019 website copy, CoopChart.tsx)';

/** Trapezoid rule over the given points in x order, joining neighbours directly (paper-definitions 4.6). */
export function trapezoid(points: readonly { x: number; y: number }[]): number | null {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  if (sorted.length < 2) return null;
  let area = 0;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    area += ((b.x - a.x) * (a.y + b.y)) / 2;
  }
  return area;
}

export function paperCurveAuc(): { solo: number; coop: number; retention: number } {
  const solo = trapezoid(PAPER_FIG4_WEBSITE_CURVE.map((p) => ({ x: p.midpoint, y: p.solo })))!;
  const coop = trapezoid(PAPER_FIG4_WEBSITE_CURVE.map((p) => ({ x: p.midpoint, y: p.coop })))!;
  return { solo, coop, retention: coop / solo };
}
