import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * bin/log-tree-fingerprint.mjs, the Nx runtime input of collector:collect (issue 12): a tree it cannot
 * walk must never let Nx replay a cached store, and a symlink loop must not break or hang it.
 */

const SCRIPT = join(import.meta.dirname, '../bin/log-tree-fingerprint.mjs');
const fingerprint = (...roots: string[]) => {
  const r = spawnSync(process.execPath, [SCRIPT, ...roots], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'cb-fingerprint-'));
  mkdirSync(join(root, 'run_a/solo/t/1/f1_f2'), { recursive: true });
  writeFileSync(join(root, 'run_a/solo/t/1/f1_f2/eval.json'), '{"both_passed": false}\n');
  return root;
}

describe('log-tree fingerprint', () => {
  it('is stable for an unchanged tree and changes when a file changes', () => {
    const root = tree();
    const first = fingerprint(root);
    expect(first).toMatch(/^1 files [0-9a-f]{64}\n$/);
    expect(fingerprint(root)).toBe(first);
    const file = join(root, 'run_a/solo/t/1/f1_f2/eval.json');
    writeFileSync(file, '{"both_passed": true}\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(fingerprint(root)).not.toBe(first);
  });

  it('fingerprints a symlink loop without following it, stably', () => {
    const root = tree();
    symlinkSync('loop', join(root, 'run_a/solo/t/1/f1_f2/loop'));
    const first = fingerprint(root);
    expect(first).toMatch(/^2 files /);
    expect(fingerprint(root)).toBe(first);
  });

  it('a tree it cannot walk gets a line unique to each call, so Nx never replays a cached store for it', () => {
    const notADirectory = join(tree(), 'run_a/solo/t/1/f1_f2/eval.json');
    const a = fingerprint(notADirectory);
    expect(a).toMatch(/^unfingerprintable [0-9a-f-]{36}: ENOTDIR\n$/);
    expect(fingerprint(notADirectory)).not.toBe(a);
  });

  it('one line per tree given, in order; a missing tree is fingerprinted as empty', () => {
    const root = tree();
    const lines = fingerprint(root, join(root, 'absent')).split('\n');
    expect(lines[0]).toMatch(/^1 files /);
    expect(lines[1]).toMatch(/^0 files /);
  });
});
