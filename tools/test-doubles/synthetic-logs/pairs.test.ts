import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COOPERBENCH_REPOS, readSubsetFile, synthesizePairs, toSubsetFile } from './pairs.js';
import { tempDir } from './test-support/tree.js';

const tmp = tempDir('synth-pairs');
afterAll(tmp.cleanup);

describe('pair lists', () => {
  it('synthesizes the benchmark shape: 652 pairs over 30 tasks and the 12 dataset repos', () => {
    const pairs = synthesizePairs({ pairs: 652, seed: 0 });
    expect(pairs).toHaveLength(652);
    expect(new Set(pairs.map((p) => `${p.repo}/${p.task_id}`)).size).toBe(30);
    expect(new Set(pairs.map((p) => p.repo))).toEqual(new Set(COOPERBENCH_REPOS));
    expect(new Set(pairs.map((p) => `${p.repo}/${p.task_id}/${p.features.join('_')}`)).size).toBe(652);
    expect(pairs.every((p) => p.features[0] < p.features[1])).toBe(true);
  });

  it('gives any requested count exactly', () => {
    for (const n of [1, 2, 10, 31, 100, 999]) expect(synthesizePairs({ pairs: n, seed: 5 })).toHaveLength(n);
  });

  it('reads a subset file, sorting features and pairs', () => {
    const file = join(tmp.dir, 'subset.json');
    writeFileSync(file, JSON.stringify({ name: 'mini', tasks: [{ repo: 'dspy_task', task_id: 8394, pairs: [[4, 3]] }, { repo: 'dottxt_ai_outlines_task', task_id: 1655, pairs: [[7, 10], [6, 7]] }] }));
    expect(readSubsetFile(file)).toEqual([
      { repo: 'dottxt_ai_outlines_task', task_id: 1655, features: [6, 7] },
      { repo: 'dottxt_ai_outlines_task', task_id: 1655, features: [7, 10] },
      { repo: 'dspy_task', task_id: 8394, features: [3, 4] },
    ]);
  });

  it('round-trips through the subset file shape', () => {
    const pairs = synthesizePairs({ pairs: 40, seed: 1 });
    const file = join(tmp.dir, 'roundtrip.json');
    writeFileSync(file, JSON.stringify(toSubsetFile(pairs)));
    expect(readSubsetFile(file)).toEqual(pairs);
  });

  it('refuses names that would leave the log root or duplicate a directory', () => {
    const bad = [
      { tasks: [{ repo: '../evil_task', task_id: 1, pairs: [[1, 2]] }] },
      { tasks: [{ repo: 'dspy', task_id: 1, pairs: [[1, 2]] }] },
      { tasks: [{ repo: 'dspy_task', task_id: -1, pairs: [[1, 2]] }] },
      { tasks: [{ repo: 'dspy_task', task_id: 1, pairs: [[2, 2]] }] },
      { tasks: [{ repo: 'dspy_task', task_id: 1, pairs: [[1, 2], [2, 1]] }] },
      { tasks: [{ repo: 'dspy_task', task_id: 1 }] },
    ];
    bad.forEach((content, i) => {
      const file = join(tmp.dir, `bad${i}.json`);
      writeFileSync(file, JSON.stringify(content));
      expect(() => readSubsetFile(file), JSON.stringify(content)).toThrow();
    });
  });
});
