import { describe, expect, it } from 'vitest';
import { listRunDirs, pairDirRefOf, scanRun } from './discover.js';
import { REAL_LOGS } from './test-support/collect-helper.js';
import { SAMPLE_PATCH, soloResult, tempDir, writeFile } from './test-support/fixture-tree.js';

describe('pairDirRefOf', () => {
  it('rebuilds, from its relDir alone, every pair reference the scan made (setting and flat layouts)', () => {
    const flat = tempDir();
    writeFile(flat, 'flat_run/pallets_jinja_task/1621/f1_f2/result.json', soloResult('pallets_jinja_task', 1621, [1, 2]));
    writeFile(flat, 'flat_run/pallets_jinja_task/1621/f1_f2/solo.patch', SAMPLE_PATCH);
    const refs = [REAL_LOGS, flat].flatMap((root) => listRunDirs(root).runs.flatMap((run) => scanRun(root, run).pairs));
    expect(refs.some((r) => r.settingDir === null)).toBe(true);
    expect(refs.filter((r) => r.settingDir !== null).length).toBeGreaterThan(100);
    for (const ref of refs) expect(pairDirRefOf(ref.root, ref.relDir)).toEqual(ref);
  });

  it('refuses a path that is not a pair directory', () => {
    expect(() => pairDirRefOf('/logs', 'run/solo/repo_task/12')).toThrow('not a pair directory the scan accepted');
  });
});
