import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { toCsv } from '../render/csv.js';
import type { FigureDefinition } from '../render/figure.js';
import { specToSvg } from '../render/svg.js';
import { svgTexts } from './svg-text.js';

/** The figure has the expected name, its spec compiles to vega, and rendering it raises no vega warning. */
async function expectCleanRender(def: FigureDefinition, name: string): Promise<void> {
  expect(def.name).toBe(name);
  expect(() => compile(def.spec)).not.toThrow();
  const { warnings } = await specToSvg(def.spec);
  expect(warnings).toEqual([]);
}

/** A fixture, in both its real and its synthetic form, passes the stage output's schema. */
function expectValidFixture(schema: { safeParse(v: unknown): { success: boolean } }, build: (opts: { synthetic?: boolean }) => unknown): void {
  expect(schema.safeParse(build({})).success).toBe(true);
  expect(schema.safeParse(build({ synthetic: true })).success).toBe(true);
}

/**
 * The tests every figure drawn from one stage file shares: the fixture is a valid `stageFile` (real and
 * synthetic), and the figure drawn from it compiles to vega and renders without warnings.
 */
export function describeFigureBasics<D>(
  name: string,
  stageFile: string,
  schema: { safeParse(v: unknown): { success: boolean } },
  fixture: (opts: { synthetic?: boolean }) => D,
  figure: (data: D) => FigureDefinition,
): void {
  describe(`${name} fixture`, () => {
    it(`is a valid ${stageFile}`, () => expectValidFixture(schema, fixture));
  });
  describe(name, () => {
    it('compiles to vega and renders without warnings', () => expectCleanRender(figure(fixture({})), name));
  });
}

/** The text of every <text> element of the figure's rendered SVG. */
export async function renderedTexts(def: FigureDefinition): Promise<string[]> {
  return svgTexts((await specToSvg(def.spec)).svg);
}

/**
 * The figure's CSV as lines (no trailing blank line): the first is the header naming `columns` in order, and
 * there are `rowCounts[key]` rows for each key, a panel (`b-conflict`) or a panel and source (`c-share/data`).
 */
export function expectCsv(def: FigureDefinition, columns: readonly string[], rowCounts: Record<string, number>): string[] {
  const lines = toCsv(def.csv.columns, def.csv.rows).trim().split('\n');
  expect(lines[0]).toBe(columns.join(','));
  const count = (key: string) => {
    const [panel, source] = key.split('/');
    return def.csv.rows.filter((r) => r.panel === panel && (source === undefined || r.source === source)).length;
  };
  expect(Object.fromEntries(Object.keys(rowCounts).map((k) => [k, count(k)]))).toEqual(rowCounts);
  return lines;
}
