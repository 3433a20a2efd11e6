import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The only fonts the figures use: DejaVu Sans from the `dejavu-fonts-ttf` npm package, so the PNG and
 * PDF steps never depend on what the machine has installed (resvg silently drops all text when it has no
 * font, and system fonts differ between machines).
 */
export const FONT_FAMILY = 'DejaVu Sans';

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONT_FILES = {
  regular: join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  italic: join(FONT_DIR, 'DejaVuSans-Oblique.ttf'),
  boldItalic: join(FONT_DIR, 'DejaVuSans-BoldOblique.ttf'),
} as const;

export type FontStyle = keyof typeof FONT_FILES;

/** The part of a fontkit font that pdfkit checks to accept a parsed font instead of a file. */
export interface ParsedFont {
  layout: (...args: never[]) => unknown;
}

// The fontkit that pdfkit itself depends on (resolved from pdfkit, not a dependency of our own), so the
// parsed font is exactly what pdfkit would have made from the file.
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(buffer: Uint8Array): ParsedFont };
const parsed = new Map<FontStyle, ParsedFont>();

/**
 * A DejaVu face parsed once per process and shared by the text measurer and every PDF: fontkit decodes
 * its tables (GSUB, GPOS, glyphs) lazily and keeps them on the font object, so the layout work done while
 * vega measures the labels is not repeated when the PDF lays the same text out, and no second copy of the
 * font is parsed. The bytes drawn and embedded are those of the same file, so the PDF does not change.
 */
export function parsedFont(style: FontStyle): ParsedFont {
  let font = parsed.get(style);
  if (!font) {
    font = fontkit.create(readFileSync(FONT_FILES[style]));
    parsed.set(style, font);
  }
  return font;
}
