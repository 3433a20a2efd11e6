import fs, { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from './io.js';

describe('writeFileAtomic', () => {
  afterEach(() => vi.restoreAllMocks());

  it('fsyncs by default, and not for a file rebuilt from others (durable: false); both replace the file whole', async () => {
    const fsync = vi.spyOn(fs, 'fsync');
    const file = join(mkdtempSync(join(tmpdir(), 'cb-atomic-')), 'out.jsonl');
    await writeFileAtomic(file, 'first\n');
    expect(fsync).toHaveBeenCalledTimes(1);
    const bytes = Buffer.from('xxsecond\nyy');
    await writeFileAtomic(file, bytes.subarray(2, 9), { durable: false }); // a view: exactly its bytes are written
    expect(fsync).toHaveBeenCalledTimes(1);
    expect(readFileSync(file, 'utf8')).toBe('second\n');
  });
});
