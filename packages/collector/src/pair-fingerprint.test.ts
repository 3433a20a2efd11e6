import { lstatSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statKey } from '@cooperbench-repro/contracts';
import { LISTING_TRUST_MARGIN_MS, statFingerprint } from './pair-fingerprint.js';
import { tempDir } from './test-support/fixture-tree.js';

/** A listing made by a collection that began this long after the directory last changed. */
const LATER = LISTING_TRUST_MARGIN_MS + 1000;

/** A pair directory with two files, its mtime set an hour back. */
function oldPairDir(): { dir: string; mtimeMs: number; ctimeMs: number } {
  const dir = join(tempDir(), 'f1_f2');
  mkdirSync(dir);
  writeFileSync(join(dir, 'result.json'), '{}');
  writeFileSync(join(dir, 'eval.json'), '{}');
  const hourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(dir, hourAgo, hourAgo);
  const st = lstatSync(dir);
  return { dir, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
}

/** Returns once the file-system clock (coarse: a kernel tick) has passed `ctimeMs`, so the next change gets a later ctime. */
function pastClockTick(dir: string, ctimeMs: number): void {
  const probe = join(dir, '..', 'clock-probe');
  do writeFileSync(probe, '');
  while (lstatSync(probe).ctimeMs <= ctimeMs);
}

describe('statFingerprint', () => {
  it('takes the names of an earlier listing while the directory keeps its stat key and is older than that listing', () => {
    const { dir } = oldPairDir();
    const listing = { dir: statKey(lstatSync(dir)), names: 'eval.json' }; // one name left out: only a trusted listing would say so
    const trusted = statFingerprint(dir, listing, Date.now() + LATER);
    expect(trusted.names).toEqual(['eval.json']);
    expect(trusted.stat).not.toBe(statFingerprint(dir).stat);
  });

  it('lists the directory again when its stat key changed, even with its mtime set back (cp -p, rsync -t)', () => {
    const { dir, mtimeMs, ctimeMs } = oldPairDir();
    const listing = { dir: statKey(lstatSync(dir)), names: 'eval.json/result.json' };
    pastClockTick(dir, ctimeMs);
    writeFileSync(join(dir, 'solo.patch'), '');
    utimesSync(dir, new Date(mtimeMs), new Date(mtimeMs)); // the ctime still moves
    expect(lstatSync(dir).mtimeMs).toBeLessThan(Date.now() - LISTING_TRUST_MARGIN_MS);
    expect(statFingerprint(dir, listing, Date.now() + LATER).names).toEqual(['eval.json', 'result.json', 'solo.patch']);
  });

  it('lists the directory again when it changed (ctime) within the margin before the earlier listing began, whatever its mtime', () => {
    const { dir, ctimeMs } = oldPairDir();
    const listing = { dir: statKey(lstatSync(dir)), names: 'eval.json' };
    expect(statFingerprint(dir, listing, ctimeMs + LISTING_TRUST_MARGIN_MS).names).toEqual(['eval.json', 'result.json']);
    expect(statFingerprint(dir, listing, ctimeMs + LISTING_TRUST_MARGIN_MS + 1).names).toEqual(['eval.json']);
  });

  it('sees a file rewritten in place even when the listing is trusted', () => {
    const { dir } = oldPairDir();
    const listing = { dir: statKey(lstatSync(dir)), names: 'eval.json/result.json' };
    const before = statFingerprint(dir, listing, Date.now() + LATER);
    writeFileSync(join(dir, 'eval.json'), '{"both_passed": true}');
    const after = statFingerprint(dir, listing, Date.now() + LATER);
    expect(after.dir).toBe(before.dir); // an in-place rewrite leaves the directory alone...
    expect(after.stat).not.toBe(before.stat); // ...and is caught by the file's own stat
  });

  it('an empty directory has no names, listed or trusted', () => {
    const dir = tempDir();
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(dir, hourAgo, hourAgo);
    const fresh = statFingerprint(dir);
    expect(fresh.names).toEqual([]);
    expect(statFingerprint(dir, { dir: fresh.dir, names: '' }, Date.now() + LATER)).toEqual(fresh);
  });
});
