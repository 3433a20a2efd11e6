import { lstatSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PublicDataFile } from '@cooperbench-repro/contracts';
import { HashMemo } from './hash-memo.js';
import { checkFile, sha256Hex } from './verify.js';

function oneFile(text: string) {
  const root = mkdtempSync(join(tmpdir(), 'cb-hash-memo-'));
  writeFileSync(join(root, 'results.json'), text);
  const file: PublicDataFile = { local_path: 'results.json', repository: 'owner/name', commit: 'a'.repeat(40), path: 'results.json', sha256: sha256Hex(Buffer.from(text)), bytes: Buffer.byteLength(text) };
  return { root, file, path: join(root, 'results.json'), memoFile: join(root, 'memo', 'hashes.json') };
}

describe('the public-data hash memo', () => {
  it('remembers a verified file by path, stat and sha256 across processes (save, load)', () => {
    const f = oneFile('[1,2,3]\n');
    const memo = HashMemo.load(f.memoFile);
    expect(memo.knows(f.path, lstatSync(f.path), f.file.sha256)).toBe(false);
    expect(checkFile(f.root, f.file, { hash: true, memo })).toBeNull();
    memo.save();
    const again = HashMemo.load(f.memoFile);
    expect(again.knows(f.path, lstatSync(f.path), f.file.sha256)).toBe(true);
    expect(again.knows(f.path, lstatSync(f.path), 'f'.repeat(64))).toBe(false);
  });

  it('a same-size rewrite with its old mtime put back is hashed again and refused', () => {
    const f = oneFile('[1,2,3]\n');
    const memo = HashMemo.load(f.memoFile);
    expect(checkFile(f.root, f.file, { hash: true, memo })).toBeNull();
    const before = lstatSync(f.path);
    writeFileSync(f.path, '[1,2,4]\n');
    utimesSync(f.path, before.atime, before.mtime); // the ctime still moves: no tool can set it back
    expect(checkFile(f.root, f.file, { hash: true, memo })).toBe('wrong sha256');
  });

  it('an unreadable or foreign memo file is ignored (everything is hashed again), then rewritten', () => {
    const f = oneFile('{"a":1}\n');
    mkdirSync(dirname(f.memoFile));
    for (const junk of ['not json', '[1,2]', '{"x": 3}']) {
      writeFileSync(f.memoFile, junk);
      const loaded = HashMemo.load(f.memoFile);
      expect(loaded.knows(f.path, lstatSync(f.path), f.file.sha256)).toBe(false);
      expect(checkFile(f.root, f.file, { hash: true, memo: loaded })).toBeNull();
      loaded.save();
      expect(HashMemo.load(f.memoFile).knows(f.path, lstatSync(f.path), f.file.sha256)).toBe(true);
    }
  });
});
