import { expect } from 'vitest';
import { compile } from 'vega-lite';
import type { FigureDefinition } from '../render/figure.js';
import { specToSvg } from '../render/svg.js';

/** The figure has the expected name, its spec compiles to vega, and rendering it raises no vega warning. */
export async function expectCleanRender(def: FigureDefinition, name: string): Promise<void> {
  expect(def.name).toBe(name);
  expect(() => compile(def.spec)).not.toThrow();
  const { warnings } = await specToSvg(def.spec);
  expect(warnings).toEqual([]);
}

/** A fixture, in both its real and its synthetic form, passes the stage output's schema. */
export function expectValidFixture(schema: { safeParse(v: unknown): { success: boolean } }, build: (opts: { synthetic?: boolean }) => unknown): void {
  expect(schema.safeParse(build({})).success).toBe(true);
  expect(schema.safeParse(build({ synthetic: true })).success).toBe(true);
}
