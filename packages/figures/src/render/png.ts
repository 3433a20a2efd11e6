import { Resvg, type RenderedImage } from '@resvg/resvg-js';
import { FONT_FAMILY, FONT_FILES } from './fonts.js';

/** Default raster scale: twice the SVG's pixel size, sharp at paper width. */
export const PNG_SCALE = 2;

/**
 * SVG -> raster with resvg on a white background. Fonts come only from the DejaVu TTFs shipped by npm
 * (`loadSystemFonts: false`), so the bytes are the same on any machine; `fonts: false` exists for tests
 * (resvg then silently draws no text at all).
 */
export function rasterize(svg: string, scale = PNG_SCALE, opts: { fonts?: boolean } = {}): RenderedImage {
  const fonts = opts.fonts ?? true;
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: fonts
      ? { loadSystemFonts: false, fontFiles: Object.values(FONT_FILES), defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY }
      : { loadSystemFonts: false, fontFiles: [] },
  });
  return resvg.render();
}

/** SVG -> PNG bytes at `scale` x the SVG's pixel size. */
export function svgToPng(svg: string, scale = PNG_SCALE): Buffer {
  return rasterize(svg, scale).asPng();
}
