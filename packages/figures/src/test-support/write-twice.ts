import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { writeFigure, type FigureDefinition } from '../render/figure.js';

/** Writes the figure twice into two fresh folders and asserts each of its four files is non-empty and byte-identical. */
export async function expectByteIdenticalWrites(def: () => FigureDefinition, label = ''): Promise<void> {
  const w1 = await writeFigure(def(), mkdtempSync(join(tmpdir(), 'figures-a-')));
  const w2 = await writeFigure(def(), mkdtempSync(join(tmpdir(), 'figures-b-')));
  for (const ext of ['svg', 'png', 'pdf', 'csv'] as const) {
    const a = readFileSync(w1.files[ext]);
    expect(a.length, `${label}${ext}`).toBeGreaterThan(0);
    expect(Buffer.compare(a, readFileSync(w2.files[ext])), `${label}${ext}`).toBe(0);
  }
}
