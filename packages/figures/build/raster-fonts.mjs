#!/usr/bin/env node
// Writes raster-fonts/: the four DejaVu Sans faces the figures use, subset to the characters in
// RANGES (HarfBuzz's hb-subset through subset-font: the glyphs' outlines, advances, kerning and
// shaping rules are kept as they are), and coverage.json saying which. Why: resvg 2.6, which draws
// the PNGs, reads a font file in full from disk every time it looks up a character (fontdb keeps only
// the path): about 800 reads of the 757 KB regular face for fig4. A fifth of the bytes gives the very
// same PNG (src/render/raster-fonts.test.ts), in about 0.5 s less for the real profile's figures.
// src/render/raster-fonts.ts uses these only for an SVG whose every character is in RANGES.
// Run by the figures' Nx compile target, with cwd = packages/figures. Exit codes: 0 written, 1 failed.
// The faces are those of src/render/fonts.ts, compiled to dist/ by the tsc -b that runs first.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import subsetFont from 'subset-font';
import { FONT_FILES } from '../dist/render/fonts.js';

const require = createRequire(import.meta.url);

/** Latin (with Latin-1 and Extended-A/B), Greek, general punctuation (the ellipsis of truncated labels), currency, letterlike symbols, arrows, math operators, box drawing and geometric shapes. */
const RANGES = [[0x20, 0x7e], [0xa0, 0x24f], [0x370, 0x3ff], [0x2000, 0x206f], [0x20a0, 0x20cf], [0x2100, 0x214f], [0x2190, 0x21ff], [0x2200, 0x22ff], [0x2500, 0x25ff]];

const OUT = 'raster-fonts';
const TMP = `${OUT}.tmp-${process.pid}`;
try {
  const text = RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i))).join('');
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP);
  for (const file of Object.values(FONT_FILES)) {
    // Name IDs kept so resvg finds the family, "DejaVu Sans", and the style of each face.
    const subset = await subsetFont(readFileSync(file), text, { targetFormat: 'truetype', preserveNameIds: [0, 1, 2, 3, 4, 5, 6, 16, 17] });
    writeFileSync(join(TMP, basename(file)), subset);
  }
  const { version } = require('dejavu-fonts-ttf/package.json');
  writeFileSync(join(TMP, 'coverage.json'), `${JSON.stringify({ fonts: `dejavu-fonts-ttf@${version}`, ranges: RANGES })}\n`);
  // Swapped in whole, so a reader sees the old set or the new one.
  rmSync(OUT, { recursive: true, force: true });
  renameSync(TMP, OUT);
} catch (err) {
  rmSync(TMP, { recursive: true, force: true });
  process.stderr.write(`${basename(process.argv[1])}: ${err?.message ?? err}\n`);
  process.exit(1);
}
