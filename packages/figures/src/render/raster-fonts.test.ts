import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { fig4 } from '../figures/fig4/index.js';
import { fig5 } from '../figures/fig5/index.js';
import { communicationFixture } from '../test-support/communication-fixture.js';
import { difficultyFixture } from '../test-support/fixture.js';
import { FONT_FAMILY, FONT_FILES } from './fonts.js';
import { rasterize } from './png.js';
import { rasterFontFiles, svgCharactersIn } from './raster-fonts.js';
import { specToSvg } from './svg.js';

const LATIN: [number, number][] = [[0x20, 0x7e], [0xa0, 0x24f]];

describe('svgCharactersIn', () => {
  it('holds for ASCII and in-range characters, written out or as character references', () => {
    expect(svgCharactersIn('<svg>\n\t<text>Coop vs Solo (n = 12)</text></svg>', LATIN)).toBe(true);
    expect(svgCharactersIn('<text>Jos\u00e9 &#233; &#xE9;</text>', LATIN)).toBe(true);
  });

  it('fails for any character outside, written out, astral, or as a decimal or hex reference', () => {
    expect(svgCharactersIn('<text>model \u4e2d</text>', LATIN)).toBe(false);
    expect(svgCharactersIn('<text>\u{1F600}</text>', LATIN)).toBe(false);
    expect(svgCharactersIn('<text>&#20013;</text>', LATIN)).toBe(false);
    expect(svgCharactersIn('<text>&#X4E2D;</text>', LATIN)).toBe(false);
  });
});

describe('rasterFontFiles', () => {
  it('draws with the subset faces the build wrote, and with the full faces when a character is not in them', () => {
    const subset = rasterFontFiles('<svg><text>fig4</text></svg>');
    expect(subset.map((f) => basename(f))).toEqual(Object.values(FONT_FILES).map((f) => basename(f)));
    expect(basename(dirname(subset[0]!))).toBe('raster-fonts');
    for (const f of subset) expect(existsSync(f), f).toBe(true);
    expect(rasterFontFiles('<svg><text>\u4e2d</text></svg>')).toEqual(Object.values(FONT_FILES));
  });

  it('gives the very same PNG bytes as the full DejaVu faces', async () => {
    const full = (svg: string) =>
      new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white', font: { loadSystemFonts: false, fontFiles: Object.values(FONT_FILES), defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY } })
        .render()
        .asPng();
    const specs = [fig4(difficultyFixture(), {}).spec, fig5(communicationFixture(), {}).spec];
    for (const spec of specs) {
      const { svg } = await specToSvg(spec);
      expect(rasterFontFiles(svg)[0]).toMatch(/raster-fonts/);
      expect(rasterize(svg).asPng().equals(full(svg))).toBe(true);
    }
  });
});
