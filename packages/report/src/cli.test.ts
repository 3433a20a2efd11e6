import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliConventionBreaches } from '@cooperbench-repro/contracts/testing';
import { ROOT } from './test-support/demo.js';

const CLI = join(ROOT, 'packages/report/dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });

describe('cooperbench-report CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--help documents the options and exit codes', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--store FILE[\s\S]*--out DIR[\s\S]*Exit codes: 0 written, 1 unreadable or invalid input, 2 bad usage/);
  });

  it('exits 2 on an unknown option', () => {
    const r = run('--stroe', 'x');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--stroe'/);
  });

  it('ends --help with the exit codes and --debug; an unknown option exits 2 without a stack trace', () => {
    expect(cliConventionBreaches(CLI)).toEqual([]);
    // The bundle the Nx targets run (bundle/cli.js, made by the build) keeps them too.
    expect(cliConventionBreaches(CLI.replace(/dist[\\/]cli\.js$/, 'bundle/cli.js'))).toEqual([]);
  });

  it('exits 1 naming the file and field of a bad record, with no stack trace', () => {
    const store = join(dir, 'bad.jsonl');
    writeFileSync(store, '{"record_id": 3}\n');
    const r = run('--store', store, '--out', join(dir, 'out'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(store);
    expect(r.stderr).toMatch(/record_id/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
