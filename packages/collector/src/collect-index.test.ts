import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedStoreBytes, fileStat, loadStoreLines, sha256, type StoreLine } from './collect-index.js';
import { tempDir } from './test-support/fixture-tree.js';

/** A previous store of five records, loaded as collect() loads it. */
function previousStore() {
  const text = ['a', 'b', 'c', 'd', 'e'].map((id) => `{"record_id":"${id}","n":1}\n`).join('');
  const file = join(tempDir(), 'results.jsonl');
  writeFileSync(file, text);
  const store = loadStoreLines(file, { sha256: sha256(text), stat: fileStat(file) })!;
  return { text, store, line: (id: string) => store.lines.get(id)! };
}

describe('changedStoreBytes', () => {
  it('is null for the previous lines in their order: nothing to hash or write', () => {
    const { store, line } = previousStore();
    expect(changedStoreBytes(['a', 'b', 'c', 'd', 'e'].map(line), store)).toBeNull();
  });

  it('splices new lines between runs of reused ones, byte for byte', () => {
    const { text, store, line } = previousStore();
    const lines: StoreLine[] = [line('a'), line('b'), '{"record_id":"c","n":2}', line('d'), line('e')];
    expect(changedStoreBytes(lines, store)!.toString()).toBe(text.replace('"c","n":1', '"c","n":2'));
  });

  it('keeps reused lines in a new order, drops removed ones and adds new ones', () => {
    const { store, line } = previousStore();
    const lines: StoreLine[] = [line('e'), line('a'), line('b'), '{"record_id":"f"}', line('d')];
    expect(changedStoreBytes(lines, store)!.toString()).toBe(['e', 'a', 'b'].map((id) => `{"record_id":"${id}","n":1}\n`).join('') + '{"record_id":"f"}\n{"record_id":"d","n":1}\n');
  });

  it('is null when lines parsed again come out as the same bytes; without a previous store it is the lines', () => {
    const { text, store } = previousStore();
    const same = text.trimEnd().split('\n');
    expect(changedStoreBytes(same, store)).toBeNull();
    expect(changedStoreBytes(same, null)!.toString()).toBe(text);
    expect(changedStoreBytes([], null)!.length).toBe(0);
  });
});
