import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('never keeps a process alive once its PNGs are drawn', () => {
    const dir = mkdtempSync(join(tmpdir(), 'png-thread-'));
    try {
      const script = join(dir, 'draw.mjs');
      writeFileSync(script, `const m = await import(${JSON.stringify(COMPILED.href)});\nconsole.log((await m.drawPng('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')).length);\n`);
      const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30_000 });
      expect(r.signal, 'still running after 30 s: the idle PNG thread kept it alive').toBeNull();
      expect(r.status, r.stderr).toBe(0);
      // The last line: anything else the process printed (once seen in a full parallel test run) is shown, not misread.
      expect(Number(r.stdout.trim().split('\n').at(-1)), `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
