import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGuarded } from './guarded-read.js';
import { tempDir } from './test-support/fixture-tree.js';

describe('readGuarded, transient', () => {
  it('reads each file whole into the reused buffer, larger or smaller than the one before, and refuses as the plain read does', () => {
    const root = tempDir();
    const files = { big: 'x'.repeat(3 * 2 ** 20) + 'end', small: '{"a":1}', empty: '' };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
    for (const name of ['small', 'big', 'empty', 'small'] as const) {
      const got = readGuarded(root, join(root, name), { transient: true });
      expect(got.ok && got.bytes.toString()).toBe(readFileSync(join(root, name), 'utf8'));
    }
    expect(readGuarded(root, join(root, 'big'), { transient: true, maxBytes: 1024 })).toMatchObject({ ok: false, refusal: { code: 'file-too-large' } });
    expect(readGuarded(root, root, { transient: true })).toMatchObject({ ok: false, refusal: { code: 'not-a-regular-file' } });
  });
});
