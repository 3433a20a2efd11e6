import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { FONT_FILES, type FontStyle } from './fonts.js';
import { parsedFont } from './parsed-font.js';
import { svgSize } from './svg-size.js';

/** Fixed document dates, so the same SVG always gives a byte-identical PDF. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * pdfkit refuses dash patterns with a zero length, which vega emits for solid lines in a strokeDash
 * scale (`stroke-dasharray="1,0"`). Per SVG, a pattern whose gaps are all zero is solid: drop it; other
 * zero lengths (dots with round caps) become a hair above zero.
 */
export function normalizeDashArrays(svg: string): string {
  return svg.replace(/\sstroke-dasharray="([^"]*)"/g, (whole, value: string) => {
    const parts = value.split(/[\s,]+/).filter((x) => x !== '').map(Number);
    if (parts.length === 0 || parts.some((x) => !Number.isFinite(x) || x < 0)) return '';
    const pattern = parts.length % 2 === 1 ? [...parts, ...parts] : parts;
    if (pattern.filter((_, i) => i % 2 === 1).every((gap) => gap === 0)) return '';
    if (pattern.every((x) => x > 0)) return whole;
    return ` stroke-dasharray="${parts.map((x) => (x === 0 ? 0.001 : x)).join(',')}"`;
  });
}

/** SVG -> vector PDF (pdfkit + svg-to-pdfkit), page = SVG size in points, DejaVu embedded (subset). */
export function svgToPdf(svg: string, title?: string): Promise<Buffer> {
  const { width, height } = svgSize(svg);
  const doc = new PDFDocument({
    size: [width, height],
    margin: 0,
    autoFirstPage: true,
    info: { CreationDate: FIXED_DATE, ModDate: FIXED_DATE, Producer: 'cooperbench-repro figures', Creator: 'cooperbench-repro figures', ...(title ? { Title: title } : {}) },
  });
  // pdfkit accepts a parsed fontkit font in place of a file (its types do not say so).
  for (const style of Object.keys(FONT_FILES) as FontStyle[]) doc.registerFont(style, parsedFont(style) as unknown as string);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // @types/svg-to-pdfkit types `doc` as the PDFDocument constructor rather than an instance.
  SVGtoPDF(doc as unknown as typeof PDFDocument, normalizeDashArrays(svg), 0, 0, {
    width,
    height,
    assumePt: true,
    fontCallback: (_family, bold, italic) => (bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular'),
  });
  doc.end();
  return done;
}
