import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { synthesizePairs } from './pairs.js';
import { readTree, tempDir } from './test-support/tree.js';
import { writeTree, type TreeSpec } from './write-tree.js';

const tree: TreeSpec = { models: ['openai/gpt-synth-a', 'vertex_ai/gemini-synth-preview'], arms: ['solo', 'coop-msg', 'coop-nomsg'], soloSeeds: [0, 1], era: 'identical-naive' };
const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((cleanup) => cleanup()));

function generate(seed: number, options: { trajectories?: boolean } = {}): Map<string, string> {
  const { dir, cleanup } = tempDir('synth-det');
  dirs.push(cleanup);
  writeTree(dir, tree, synthesizePairs({ pairs: 25, seed: 1 }), { seed, trajectories: options.trajectories ?? true });
  return new Map([...readTree(dir)].map(([path, bytes]) => [path, createHash('sha256').update(bytes).digest('hex')]));
}

describe('determinism', () => {
  it('writes a byte-identical tree for the same seed, wherever it is written', () => {
    const a = generate(7);
    const b = generate(7);
    expect(a.size).toBeGreaterThan(25 * 4 * 3);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [path, hash] of a) expect(b.get(path), path).toBe(hash);
  });

  it('writes different content for a different seed over the same pairs', () => {
    const a = generate(7, { trajectories: false });
    const c = generate(8, { trajectories: false });
    const shared = [...a].filter(([path]) => c.has(path));
    expect(shared.length).toBeGreaterThan(a.size * 0.9);
    expect(shared.filter(([path, hash]) => c.get(path) !== hash).length).toBeGreaterThan(shared.length * 0.9);
  });

  it('synthesizes the same pair list for the same seed', () => {
    expect(synthesizePairs({ pairs: 652, seed: 3 })).toEqual(synthesizePairs({ pairs: 652, seed: 3 }));
  });
});
