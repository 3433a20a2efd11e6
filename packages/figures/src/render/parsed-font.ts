import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FONT_FILES, type FontStyle } from './fonts.js';
import { memoizeLayout } from './layout-memo.js';

/** The part of a fontkit font that pdfkit checks to accept a parsed font instead of a file. */
interface ParsedFont {
  layout: (...args: never[]) => unknown;
}

interface Fontkit {
  create(buffer: Uint8Array): ParsedFont;
}

const require = createRequire(import.meta.url);

/**
 * The fontkit that pdfkit itself depends on (resolved from pdfkit, not a dependency of our own), so the
 * parsed font is exactly what pdfkit would have made from the file. pdfkit is an ES module and imports
 * fontkit's ES build (package.json `exports.node.import`); importing that same file shares pdfkit's
 * instance, where `require` would load and initialise fontkit's CommonJS build as a second copy.
 * Falls back to `require` if fontkit ever stops declaring the entry this way.
 */
async function loadFontkit(): Promise<Fontkit> {
  const fromPdfkit = createRequire(require.resolve('pdfkit'));
  const cjsEntry = fromPdfkit.resolve('fontkit');
  let dir = dirname(cjsEntry);
  while (dir !== dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; exports?: { node?: { import?: unknown } } };
      if (pkg.name === 'fontkit') {
        const esm = pkg.exports?.node?.import;
        if (typeof esm === 'string') return (await import(pathToFileURL(join(dir, esm)).href)) as Fontkit;
        break;
      }
    } catch {
      // no package.json at this level: keep walking up
    }
    dir = dirname(dir);
  }
  return fromPdfkit('fontkit') as Fontkit;
}

const fontkit = await loadFontkit();
const parsed = new Map<FontStyle, ParsedFont>();

/**
 * A DejaVu face parsed once per process and shared by the text measurer and every PDF: fontkit decodes
 * its tables (GSUB, GPOS, glyphs) lazily and keeps them on the font object, so the layout work done while
 * vega measures the labels is not repeated when the PDF lays the same text out, and no second copy of the
 * font is parsed. The bytes drawn and embedded are those of the same file, so the PDF does not change.
 * Its `layout` is memoized (layout-memo.ts) because both pdfkit documents shape the same words.
 */
export function parsedFont(style: FontStyle): ParsedFont {
  let font = parsed.get(style);
  if (!font) {
    font = memoizeLayout(fontkit.create(readFileSync(FONT_FILES[style])));
    parsed.set(style, font);
  }
  return font;
}
