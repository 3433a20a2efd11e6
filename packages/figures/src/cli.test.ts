import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeCommunicationFixture } from './test-support/communication-fixture.js';
import { writeFixture } from './test-support/fixture.js';

// The CLI is run from its compiled output (the test target depends on `compile`).
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli', () => {
  it('writes svg, png, pdf and csv for fig4 and fig4-per-model and says so', () => {
    const data = writeFixture();
    const out = mkdtempSync(join(tmpdir(), 'figures-out-'));
    for (const fig of ['fig4', 'fig4-per-model']) {
      const r = run([fig, '--data', data, '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`${fig}: wrote`);
      for (const ext of ['svg', 'png', 'pdf', 'csv']) {
        expect(existsSync(join(out, `${fig}.${ext}`))).toBe(true);
        expect(r.stdout).toContain(`${fig}.${ext}`);
      }
    }
    expect(readFileSync(join(out, 'fig4.csv'), 'utf8')).toContain('paper-website');
  });

  it('--no-paper-reference leaves the overlay out', () => {
    const out = mkdtempSync(join(tmpdir(), 'figures-out-'));
    const r = run(['fig4', '--data', writeFixture(), '--out', out, '--no-paper-reference']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'fig4.csv'), 'utf8')).not.toContain('paper-website');
    expect(readFileSync(join(out, 'fig4.svg'), 'utf8')).not.toContain('Paper, Solo');
  });

  it('exits 2 naming file and field on an invalid data file', () => {
    const data = writeFixture({}, (d) => {
      (d.options as Record<string, unknown>).buckets = 'ten';
    });
    const r = run(['fig4', '--data', data, '--out', mkdtempSync(join(tmpdir(), 'figures-out-'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(data);
    expect(r.stderr).toContain('options.buckets');
  });

  it('exits 2 on a missing file, an unknown figure, or bad options', () => {
    const missing = run(['fig4', '--data', '/nonexistent/difficulty.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/difficulty.json');
    const unknown = run(['fig9']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown figure "fig9"');
    expect(run(['fig4', '--bogus']).code).toBe(2);
    expect(run([]).code).toBe(2);
  });

  it('fig5 and qualitative-table read --data (a communication file) and write to --out', () => {
    const data = writeCommunicationFixture({ synthetic: true });
    const out = mkdtempSync(join(tmpdir(), 'figures-out-'));
    const f = run(['fig5', '--data', data, '--out', out]);
    expect(f.stderr).toBe('');
    expect(f.code).toBe(0);
    expect(f.stdout).toContain('fig5: wrote');
    expect(f.stdout).toContain('[SYNTHETIC: 160/160 records]');
    for (const ext of ['svg', 'png', 'pdf', 'csv']) expect(existsSync(join(out, `fig5.${ext}`))).toBe(true);
    expect(readFileSync(join(out, 'fig5.csv'), 'utf8')).toContain('paper-table6-naive');
    const t = run(['qualitative-table', '--data', data, '--out', out]);
    expect(t.stderr).toBe('');
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('qualitative-table: wrote');
    expect(t.stdout).toContain('(7 rows)');
    expect(readFileSync(join(out, 'qualitative.md'), 'utf8')).toContain('SYNTHETIC DEMO DATA');
    expect(readFileSync(join(out, 'qualitative.tex'), 'utf8')).toContain('\\toprule');
  });

  it('fig5 defaults to data/communication.json and names it when missing or invalid', () => {
    const missing = spawnSync(process.execPath, [CLI, 'fig5'], { encoding: 'utf8', cwd: mkdtempSync(join(tmpdir(), 'figures-cwd-')) });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('data/communication.json');
    const bad = writeCommunicationFixture({}, (d) => {
      (d.inputs as Record<string, unknown>).records = 'many';
    });
    const r = run(['qualitative-table', '--data', bad, '--out', mkdtempSync(join(tmpdir(), 'figures-out-'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toContain('inputs.records');
  });
});
