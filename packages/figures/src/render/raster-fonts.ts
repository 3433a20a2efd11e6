import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_FILES } from './fonts.js';

/**
 * The font files resvg draws an SVG's text with. resvg 2.6 reads a font file in full, from disk, each
 * time it looks up a character (fontdb keeps only the path): about 800 reads of the 757 KB regular face
 * for fig4. The build (build/raster-fonts.mjs) writes the same faces subset to the characters figures
 * use, with their outlines, advances, kerning and shaping kept, so the PNG bytes do not change
 * (raster-fonts.test.ts) while each read is a fifth of the size. An SVG with any character outside the
 * subset, or a package built without raster-fonts/ (or for other DejaVu files), is drawn with the full faces.
 */

const DIR = fileURLToPath(new URL('../../raster-fonts/', import.meta.url));
const require = createRequire(import.meta.url);

interface Coverage {
  fonts: string;
  ranges: [number, number][];
}

let subset: { files: string[]; ranges: [number, number][] } | null | undefined;

/** The subset faces in FONT_FILES' order and the code points they hold, or null when they are not usable. */
function loadSubset(): typeof subset {
  try {
    const coverage = JSON.parse(readFileSync(join(DIR, 'coverage.json'), 'utf8')) as Coverage;
    const installed = `dejavu-fonts-ttf@${(require('dejavu-fonts-ttf/package.json') as { version: string }).version}`;
    const files = Object.values(FONT_FILES).map((full) => join(DIR, basename(full)));
    if (coverage.fonts !== installed || !Array.isArray(coverage.ranges) || !files.every((f) => existsSync(f))) return null;
    return { files, ranges: coverage.ranges };
  } catch {
    return null; // not built: the full faces draw the same pixels
  }
}

const inRanges = (ranges: readonly [number, number][], cp: number) => ranges.some(([from, to]) => cp >= from && cp <= to);

/** Whether every character of the SVG, written out or as a numeric character reference, is in `ranges`. */
export function svgCharactersIn(svg: string, ranges: readonly [number, number][]): boolean {
  // One pass: a character outside printable ASCII, or a reference (group 1: `x` and hex digits, or decimal digits).
  for (const [ch, ref] of svg.matchAll(/[^\t\n\r\x20-\x7e]|&#(x[0-9a-f]+|[0-9]+);/giu)) {
    const cp = ref === undefined ? ch.codePointAt(0)! : ref.startsWith('x') || ref.startsWith('X') ? parseInt(ref.slice(1), 16) : parseInt(ref, 10);
    if (!inRanges(ranges, cp)) return false;
  }
  return true;
}

/** The four DejaVu faces to draw `svg` with: the subset ones when they hold all of its characters. */
export function rasterFontFiles(svg: string): string[] {
  if (subset === undefined) subset = loadSubset();
  return subset && svgCharactersIn(svg, subset.ranges) ? subset.files : Object.values(FONT_FILES);
}
