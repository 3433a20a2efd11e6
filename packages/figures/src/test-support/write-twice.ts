import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { writeFigure, type FigureDefinition } from '../render/figure.js';

/** Each named file of the first write is non-empty and byte-identical to the same file of the second. */
function expectSameNonEmptyFiles<K extends string>(first: Record<K, string>, second: Record<K, string>, keys: readonly K[], label: string): void {
  for (const k of keys) {
    const a = readFileSync(first[k]);
    expect(a.length, `${label}${k}`).toBeGreaterThan(0);
    expect(Buffer.compare(a, readFileSync(second[k])), `${label}${k}`).toBe(0);
  }
}

/** Writes the figure twice into two fresh folders and asserts each of its four files is non-empty and byte-identical. */
export async function expectByteIdenticalWrites(def: () => FigureDefinition, label = ''): Promise<void> {
  const w1 = await writeFigure(def(), mkdtempSync(join(tmpdir(), 'figures-a-')));
  const w2 = await writeFigure(def(), mkdtempSync(join(tmpdir(), 'figures-b-')));
  expectSameNonEmptyFiles(w1.files, w2.files, ['svg', 'png', 'pdf', 'csv'], label);
}

type WrittenTable = { markdown: string; files: { md: string; tex: string } };

/**
 * Writes a table twice into two fresh folders: it lands in `<dir>/<name>.md` and `<dir>/<name>.tex`, both
 * non-empty and byte-identical across the writes, and the .md file holds the returned markdown.
 */
export async function expectByteIdenticalTableWrites(name: string, write: (dir: string) => Promise<WrittenTable>, label = ''): Promise<void> {
  const [d1, d2] = [mkdtempSync(join(tmpdir(), `${name}-a-`)), mkdtempSync(join(tmpdir(), `${name}-b-`))];
  const w1 = await write(d1);
  const w2 = await write(d2);
  expect(w1.files, label).toEqual({ md: join(d1, `${name}.md`), tex: join(d1, `${name}.tex`) });
  expectSameNonEmptyFiles(w1.files, w2.files, ['md', 'tex'], label);
  expect(readFileSync(w1.files.md, 'utf8'), label).toBe(w1.markdown);
}
