import { Resvg, renderAsync, type RenderedImage, type ResvgRenderOptions } from '@resvg/resvg-js';
import { FONT_FAMILY } from './fonts.js';
import { rasterFontFiles } from './raster-fonts.js';

/** Default raster scale: twice the SVG's pixel size, sharp at paper width. */
const PNG_SCALE = 2;

/**
 * resvg options for `svg`: white background; fonts only from the DejaVu TTFs shipped by npm
 * (`loadSystemFonts: false`, raster-fonts.ts), so the bytes are the same on any machine; `fonts: false`
 * exists for tests (resvg then silently draws no text at all).
 */
function resvgOptions(svg: string, scale: number, fonts: boolean): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: fonts
      ? { loadSystemFonts: false, fontFiles: rasterFontFiles(svg), defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY }
      : { loadSystemFonts: false, fontFiles: [] },
  };
}

/** SVG -> raster with resvg on a white background. */
export function rasterize(svg: string, scale = PNG_SCALE, opts: { fonts?: boolean } = {}): RenderedImage {
  return new Resvg(svg, resvgOptions(svg, scale, opts.fonts ?? true)).render();
}

/** SVG -> PNG bytes at `scale` x the SVG's pixel size. */
export function svgToPng(svg: string, scale = PNG_SCALE): Buffer {
  return rasterize(svg, scale).asPng();
}

/**
 * svgToPng with resvg's parsing, text shaping and rendering (the bulk of it) on a libuv pool thread, so
 * the caller can build the PDF meanwhile; the same resvg code runs, so the PNG bytes are the same.
 * Only the PNG encoding (`asPng`) stays on the calling thread.
 */
export async function svgToPngAsync(svg: string, scale = PNG_SCALE): Promise<Buffer> {
  return (await renderAsync(svg, resvgOptions(svg, scale, true))).asPng();
}
