import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliConventionBreaches } from '@cooperbench-repro/contracts/testing';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../dist/cli.js');

describe('failure-modes CLI', () => {
  it('judge without CO_API_KEY: exit 2 naming the key, no call, the existing output untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-fm-cli-'));
    const out = join(dir, 'failure-modes.json');
    writeFileSync(out, '{"previous": true}\n');
    const { CO_API_KEY: _unset, ...env } = process.env;
    for (const mode of ['read-write', 'refresh']) {
      const r = spawnSync(process.execPath, [CLI, '--mode', mode, '--out', out, '--store', join(dir, 'none.jsonl')], { env, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('needs the API key in CO_API_KEY, which is not set');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(out, 'utf8')).toBe('{"previous": true}\n');
  });

  it('answers --help', () => {
    const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('CO_API_KEY');
  });

  it('ends --help with the exit codes and --debug; an unknown option exits 2 without a stack trace', () => {
    expect(cliConventionBreaches(CLI)).toEqual([]);
    // The bundle the Nx targets run (bundle/cli.js, made by the build) keeps them too.
    expect(cliConventionBreaches(CLI.replace(/dist[\\/]cli\.js$/, 'bundle/cli.js'))).toEqual([]);
  });

  it('validate keeps the same conventions', () => {
    expect(cliConventionBreaches(join(import.meta.dirname, '../dist/validate/validate-cli.js'))).toEqual([]);
  });
});
