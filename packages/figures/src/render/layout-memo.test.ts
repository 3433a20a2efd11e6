import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FONT_FILES } from './fonts.js';
import { memoizeLayout } from './layout-memo.js';
import { parsedFont } from './parsed-font.js';
import { svgToPng, svgToPngAsync } from './png.js';
import { specToSvg } from './svg.js';

class Position {
  constructor(public xAdvance: number) {}
}
class Run {
  constructor(
    public glyphs: number[],
    public positions: Position[],
  ) {}
  get advanceWidth(): number {
    return this.positions.reduce((sum, p) => sum + p.xAdvance, 0);
  }
}

/** A stand-in font whose layout counts its calls: one glyph per character, advance 10 + its index. */
function countingFont() {
  const font = {
    calls: 0,
    layout(text: string, features?: unknown): Run {
      font.calls++;
      return new Run([...text].map((_, i) => i), [...text].map((_, i) => new Position(10 + i + (features ? 100 : 0))));
    },
  };
  return font;
}

type Layout = (text: string, features?: unknown) => Run;

describe('memoized font layout', () => {
  it('shapes each text once and hands out independent copies that keep the run class', () => {
    const font = memoizeLayout(countingFont());
    const layout = font.layout as unknown as Layout;
    const first = layout('ab');
    for (const p of first.positions) p.xAdvance *= 2; // what pdfkit does to a run it is given
    const second = layout('ab');
    expect(font.calls).toBe(1);
    expect(second).toBeInstanceOf(Run);
    expect(second.positions[0]).toBeInstanceOf(Position);
    expect(second.positions.map((p) => p.xAdvance)).toEqual([10, 11]);
    expect(second.advanceWidth).toBe(21);
    expect(first.advanceWidth).toBe(42);
  });

  it('passes calls with features straight through', () => {
    const font = memoizeLayout(countingFont());
    const layout = font.layout as unknown as Layout;
    layout('ab', ['kern']);
    const run = layout('ab', ['kern']);
    expect(font.calls).toBe(2);
    expect(run.positions.map((p) => p.xAdvance)).toEqual([110, 111]);
  });

  it('gives the DejaVu face the glyphs and positions of a fresh, unmemoized font, also on a repeated layout', () => {
    type Shaped = { glyphs: { id: number }[]; positions: object[]; advanceWidth: number };
    // A second fontkit font of the same file, never memoized (pdfkit's own fontkit, as parsed-font.ts uses).
    const fontkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as { create(b: Buffer): { layout(t: string): Shaped } };
    const fresh = fontkit.create(readFileSync(FONT_FILES.regular));
    const layout = parsedFont('regular').layout as unknown as (text: string) => Shaped;
    for (const text of ['Vacation AV ', 'fi ffl Wa To', 'Vacation AV ']) {
      const [memo, reference] = [layout(text), fresh.layout(text)];
      expect(memo.glyphs.map((g) => g.id), text).toEqual(reference.glyphs.map((g) => g.id));
      expect(JSON.parse(JSON.stringify(memo.positions)), text).toEqual(JSON.parse(JSON.stringify(reference.positions)));
      expect(memo.advanceWidth, text).toBe(reference.advanceWidth);
    }
    const [a, b] = [layout('Vacation AV '), layout('Vacation AV ')];
    expect(b.positions[0]).not.toBe(a.positions[0]);
  });
});

describe('PNG on a pool thread', () => {
  it('gives the same bytes as the synchronous render', async () => {
    const { svg } = await specToSvg({
      width: 120,
      height: 40,
      data: { values: [{ x: 1, t: 'AV Wa' }] },
      mark: { type: 'text', fontSize: 16 },
      encoding: { x: { field: 'x', type: 'quantitative', axis: null }, text: { field: 't' } },
    });
    expect((await svgToPngAsync(svg)).equals(svgToPng(svg))).toBe(true);
  });
});
