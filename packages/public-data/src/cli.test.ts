import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliConventionBreaches } from '@cooperbench-repro/contracts/testing';
import { describe, expect, it } from 'vitest';
import { closedPort } from './test-support/mirror.js';
import { WORKSPACE_ROOT } from './workspace.js';

/**
 * A checkout with no public data anywhere: the built package and the manifest copied into a scratch
 * folder (no ../shared beside it, no data/public/files), node_modules linked to the real one.
 */
function bareCheckout(): string {
  const base = mkdtempSync(join(tmpdir(), 'cb-bare-'));
  const checkout = join(base, 'checkout');
  mkdirSync(join(checkout, 'packages/public-data'), { recursive: true });
  cpSync(join(WORKSPACE_ROOT, 'packages/public-data/dist'), join(checkout, 'packages/public-data/dist'), { recursive: true });
  cpSync(join(WORKSPACE_ROOT, 'packages/public-data/package.json'), join(checkout, 'packages/public-data/package.json'));
  mkdirSync(join(checkout, 'data/public'), { recursive: true });
  cpSync(join(WORKSPACE_ROOT, 'data/public/manifest.json'), join(checkout, 'data/public/manifest.json'));
  symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(checkout, 'node_modules'));
  return checkout;
}

function cli(checkout: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const { COOPERBENCH_PUBLIC_DATA: _ignored, ...rest } = process.env;
  return spawnSync(process.execPath, [join(checkout, 'packages/public-data/dist/cli.js'), ...args], {
    cwd: checkout,
    env: { ...rest, CI: 'true', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('the public-data CLI', () => {
  it('ensure, with no data and no network: exit 1 and the one message naming npm run fetch-data and both variables', async () => {
    const port = await closedPort();
    const r = cli(bareCheckout(), ['ensure', '--quiet'], { COOPERBENCH_MIRROR: `http://127.0.0.1:${port}` });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no network: cannot reach 127.0.0.1');
    expect(r.stderr).toContain('public data not found');
    expect(r.stderr).toContain('npm run fetch-data');
    expect(r.stderr).toContain('COOPERBENCH_MIRROR');
    expect(r.stderr).toContain('COOPERBENCH_PUBLIC_DATA');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('check finds the data through the resolver and says where', () => {
    const r = cli(WORKSPACE_ROOT, ['check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^public data: 1088 files \(8\.5 MiB\) verified in /);
  });

  it('answers --help with the commands, the environment variables and the exit codes', () => {
    const r = cli(WORKSPACE_ROOT, ['--help']);
    expect(r.status).toBe(0);
    for (const text of ['fetch', 'check', 'ensure', 'COOPERBENCH_MIRROR', 'COOPERBENCH_PUBLIC_DATA', 'Exit codes: 0 done, 1 data missing']) {
      expect(r.stdout).toContain(text);
    }
  });

  it('bad usage exits 2 with the reason and the help, no stack trace', () => {
    const r = cli(WORKSPACE_ROOT, ['fetch', '--concurrency', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--concurrency 0: expected an integer >= 1');
    const unknown = cli(WORKSPACE_ROOT, ['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('expected a command (fetch, check, ensure, where), got "frobnicate"');
  });

  it('ends --help with the exit codes and --debug; an unknown option exits 2 without a stack trace', () => {
    expect(cliConventionBreaches(new URL('../dist/cli.js', import.meta.url))).toEqual([]);
  });
});
