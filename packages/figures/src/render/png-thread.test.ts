import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fig4 } from '../figures/fig4/index.js';
import { difficultyFixture } from '../test-support/fixture.js';
import { svgToPng } from './png.js';
import { specToSvg } from './svg.js';

/**
 * The PNG thread needs its compiled worker file, so this drives the compiled module (dist/, which the
 * package's compile step writes before its tests run); the sources run under this test runner fall back
 * to drawing in-thread, which the other render tests cover.
 */
const COMPILED = new URL('../../dist/render/png-thread.js', import.meta.url);

describe('the PNG thread', () => {
  it('is there once the package is compiled', () => {
    expect(existsSync(COMPILED), `${COMPILED.pathname}: run npx nx run figures:compile first`).toBe(true);
  });

  it('draws the same PNG bytes as resvg on the calling thread, for several figures at once', async () => {
    const { drawPng } = (await import(COMPILED.href)) as typeof import('./png-thread.js');
    const { svg } = await specToSvg(fig4(difficultyFixture()).spec);
    const small = svg.replace(/^<svg/, '<svg data-variant="1"');
    const [a, b, c] = await Promise.all([drawPng(svg), drawPng(small, 1), drawPng(svg)]);
    const expected = svgToPng(svg);
    expect(a.equals(expected)).toBe(true);
    expect(c.equals(expected)).toBe(true);
    expect(b.equals(svgToPng(small, 1))).toBe(true);
  });

  it("rejects with resvg's own error for an SVG it cannot read, and goes on drawing", async () => {
    const { drawPng } = (await import(COMPILED.href)) as typeof import('./png-thread.js');
    await expect(drawPng('<svg')).rejects.toThrow(/^PNG: .+/);
    const ok = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="red"/></svg>';
    expect((await drawPng(ok)).equals(svgToPng(ok))).toBe(true);
  });
});
