import { describe, expect, it } from 'vitest';
import { expectByteIdenticalWrites } from './test-support/write-twice.js';
import type { TopLevelSpec } from 'vega-lite';
import { fig4 } from './figures/fig4/index.js';
import { renderFigure } from './render/figure.js';
import { normalizeDashArrays, svgToPdf } from './render/pdf.js';
import { rasterize, svgToPng } from './render/png.js';
import { specToSvg } from './render/svg.js';
import { svgSize } from './render/svg-size.js';
import { toCsv } from './render/csv.js';
import { dejavuTextWidth } from './render/text-metrics.js';
import { difficultyFixture } from './test-support/fixture.js';

const TEXT_ONLY: TopLevelSpec = {
  width: 200,
  height: 60,
  config: { font: 'DejaVu Sans' },
  data: { values: [{ x: 1, y: 1, t: 'Hello figures' }] },
  mark: { type: 'text', fontSize: 20 },
  encoding: { x: { field: 'x', type: 'quantitative', axis: null }, y: { field: 'y', type: 'quantitative', axis: null }, text: { field: 't' } },
};

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Pixels that are clearly not white. (Read `pixels` once: resvg's getter copies the whole buffer.) */
function inkPixels(img: { pixels: Buffer }): number {
  const px = img.pixels;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i]! < 200 || px[i + 1]! < 200 || px[i + 2]! < 200) n++;
  return n;
}

describe('render pipeline', () => {
  it('renders SVG headlessly without warnings', async () => {
    const { svg, warnings } = await specToSvg(TEXT_ONLY);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Hello figures');
    expect(svg).toContain('DejaVu Sans');
    expect(warnings).toEqual([]);
  });

  it('measures text with the DejaVu metrics, not the 0.8 x size estimate', () => {
    const w = dejavuTextWidth({ fontSize: 10 }, 'Relative task difficulty');
    expect(w).toBeGreaterThan(80);
    expect(w).toBeLessThan(0.8 * 24 * 10 * 0.85);
    expect(dejavuTextWidth({ fontSize: 10, fontWeight: 'bold' }, 'Solo')).toBeGreaterThan(dejavuTextWidth({ fontSize: 10 }, 'Solo'));
  });

  it('PNG is 2x the SVG size and draws text with the packaged fonts', async () => {
    const { svg } = await specToSvg(TEXT_ONLY);
    const size = svgSize(svg);
    const png = svgToPng(svg);
    expect(pngSize(png)).toEqual({ width: Math.round(size.width * 2), height: Math.round(size.height * 2) });
    // Only text is drawn: with the DejaVu files there is ink, without any font resvg draws nothing.
    expect(inkPixels(rasterize(svg, 2))).toBeGreaterThan(500);
    expect(inkPixels(rasterize(svg, 2, { fonts: false }))).toBe(0);
  });

  it('PDF is a vector PDF with DejaVu embedded and byte-identical across renders', async () => {
    const { svg } = await specToSvg(TEXT_ONLY);
    const a = await svgToPdf(svg, 't');
    const b = await svgToPdf(svg, 't');
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.toString('latin1')).toContain('DejaVuSans');
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('drops solid dash patterns that pdfkit rejects', () => {
    expect(normalizeDashArrays('<path stroke-dasharray="1,0" d="M0"/>')).toBe('<path d="M0"/>');
    expect(normalizeDashArrays('<path stroke-dasharray="7,4"/>')).toBe('<path stroke-dasharray="7,4"/>');
    expect(normalizeDashArrays('<path stroke-dasharray="0,4"/>')).toBe('<path stroke-dasharray="0.001,4"/>');
  });

  it('CSV has a header, empty cells for null and unix line ends', () => {
    expect(toCsv(['a', 'b', 'c'], [{ a: 'x,y', b: null, c: 0.5 }, { a: 'z', b: true, c: 1 }])).toBe('a,b,c\n"x,y",,0.5\nz,true,1\n');
    // Floating-point noise of a sum does not reach the CSV; every other number prints as JS prints it.
    const row = { auc: 0.14999999999999997, sum: 0.19850000000000007, p1: 0.9999999999999962, third: 0.4666666666666667, ci: 0.14164643854782039, p: 1.2345e-20, big: 652 };
    expect(toCsv(Object.keys(row), [row])).toBe('auc,sum,p1,third,ci,p,big\n0.15,0.1985,1,0.4666666666666667,0.14164643854782039,1.2345e-20,652\n');
  });

  it('same input gives byte-identical SVG, PNG, PDF and CSV files', async () => {
    await expectByteIdenticalWrites(() => fig4(difficultyFixture({ synthetic: true })));
  });

  it('a full figure renders to PNG at >= 2x with text', async () => {
    const r = await renderFigure(fig4(difficultyFixture()));
    const size = pngSize(r.png);
    expect(size.width).toBeGreaterThanOrEqual(2 * r.width);
    expect(size.height).toBeGreaterThanOrEqual(2 * r.height);
    const withText = inkPixels(rasterize(r.svg, 1));
    const withoutText = inkPixels(rasterize(r.svg, 1, { fonts: false }));
    expect(withText - withoutText).toBeGreaterThan(2000);
  });
});
