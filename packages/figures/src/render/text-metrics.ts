import PDFDocument from 'pdfkit';
import * as vega from 'vega';
import { FONT_FILES, type FontStyle } from './fonts.js';
import { parsedFont } from './parsed-font.js';

/**
 * Without node-canvas, vega estimates every text as 0.8 x font size per character, which overestimates
 * DejaVu Sans by about a third: legend labels get truncated with an ellipsis and titles reserve empty
 * space. Vega lets a user-defined `textMetrics.width` replace the estimate (vl-convert does the same);
 * ours measures with the real advance widths of the DejaVu TTFs that the PNG and PDF steps draw with
 * (through pdfkit's fontkit), so the layout is exact and deterministic.
 */

interface TextItem {
  fontSize?: number | string | null;
  fontWeight?: number | string | null;
  fontStyle?: string | null;
}
interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
  estimateWidth: (item: TextItem, text: unknown) => number;
}

let measurer: PDFKit.PDFDocument | null = null;
const cache = new Map<string, number>();

function fontName(item: TextItem): FontStyle {
  const w = item.fontWeight;
  const bold = w === 'bold' || w === 'bolder' || (w !== null && w !== undefined && Number(w) >= 600);
  const italic = item.fontStyle === 'italic' || item.fontStyle === 'oblique';
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

function measure(text: string, font: ReturnType<typeof fontName>, size: number): number {
  const key = `${font}\0${size}\0${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    if (!measurer) {
      // font: null skips pdfkit's default Helvetica, which parsing its AFM file would cost for nothing here.
      measurer = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
      for (const style of Object.keys(FONT_FILES) as FontStyle[]) measurer.registerFont(style, parsedFont(style) as unknown as string);
    }
    width = measurer.font(font).fontSize(size).widthOfString(text);
    if (cache.size > 50_000) cache.clear();
    cache.set(key, width);
  }
  return width;
}

/**
 * Raw width in px of `text` in the item's font. Vega calls this both for bounds (full text) and inside
 * its own `limit` truncation (candidate substrings), so it must not truncate itself; like vl-convert's,
 * the bounds of a label that does get truncated are then slightly generous, which is harmless.
 */
export function dejavuTextWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? +item.fontSize || 0 : 11;
  const s = text == null ? '' : String(text).trim();
  return size <= 0 || s === '' ? 0 : measure(s, fontName(item), size);
}

let installed = false;

/** Makes vega measure text with the DejaVu metrics (idempotent; affects this process's vega). */
export function installTextMetrics(): void {
  if (installed) return;
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  metrics.width = dejavuTextWidth;
  installed = true;
}

