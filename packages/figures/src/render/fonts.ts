import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The only fonts the figures use: DejaVu Sans from the `dejavu-fonts-ttf` npm package, so the PNG and
 * PDF steps never depend on what the machine has installed (resvg silently drops all text when it has no
 * font, and system fonts differ between machines). Parsed fonts for pdfkit are in parsed-font.ts, apart
 * from these names, so that the table commands (which import the style through this file) load no fontkit.
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
