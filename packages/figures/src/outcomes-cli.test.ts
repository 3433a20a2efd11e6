import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outcomesFixture } from './test-support/outcomes-fixture.js';

/** merge-ladder and per-repository through the compiled CLI (the test target depends on `compile`). */
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

function fixtureFile(mutate?: (d: Record<string, unknown>) => void): string {
  const data = outcomesFixture() as unknown as Record<string, unknown>;
  mutate?.(data);
  const file = join(mkdtempSync(join(tmpdir(), 'outcomes-fixture-')), 'outcomes.json');
  writeFileSync(file, JSON.stringify(data));
  return file;
}

describe('cli: outcomes figures', () => {
  it('merge-ladder writes md, tex and csv; per-repository writes its four files and per-repository.md, the profile label on top', () => {
    const data = fixtureFile();
    const out = mkdtempSync(join(tmpdir(), 'figures-out-'));
    const sources = join(out, 'sources.json');
    writeFileSync(sources, JSON.stringify({ schema: 'cooperbench-repro/data-sources@1', label: 'TEST PROFILE', log_root: { public: 'x' }, mapping: 'x', legacy_imports: [] }));
    const ladder = run(['merge-ladder', '--data', data, '--out', out, '--sources', sources]);
    expect(ladder.status, ladder.stderr).toBe(0);
    for (const ext of ['md', 'tex', 'csv']) expect(existsSync(join(out, `merge-ladder.${ext}`))).toBe(true);
    expect(readFileSync(join(out, 'merge-ladder.md'), 'utf8')).toContain('Source: `TEST PROFILE;');
    const repo = run(['per-repository', '--data', data, '--out', out, '--sources', sources]);
    expect(repo.status, repo.stderr).toBe(0);
    for (const ext of ['svg', 'png', 'pdf', 'csv', 'md']) expect(existsSync(join(out, `per-repository.${ext}`)), ext).toBe(true);
    expect(readFileSync(join(out, 'per-repository.svg'), 'utf8')).toContain('Data: TEST PROFILE');
  });

  it('exits 2 naming the file and field on an invalid outcomes.json', () => {
    const r = run(['merge-ladder', '--data', fixtureFile((d) => ((d.options as Record<string, unknown>).eras = 'pool')), '--out', mkdtempSync(join(tmpdir(), 'figures-out-'))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/outcomes\.json: field options\.eras: expected one of "split", "refuse-mixed", "allow-mixed"/);
  });
});
