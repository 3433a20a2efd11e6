import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, startFakeCohere, type FakeCohereServer } from '../test-support/fake-cohere-server.js';
import { commandARecords } from '../test-support/real-data.js';

/**
 * The stage CLI with a damaged judge cache (issue 12): in replay-only mode an unreadable entry is an
 * error naming the file, exactly as a missing entry is, unless --allow-partial; it is never "partial,
 * exit 0" and never "judge not run" (the cache exists). Async spawns: the fake Cohere runs in this process.
 */

const CLI = join(import.meta.dirname, '../../dist/cli.js');
const run = promisify(execFile);
let server: FakeCohereServer;
let dir: string;
let base: string[];

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { CO_API_KEY: _drop, ...rest } = process.env;
  try {
    const r = await run(process.execPath, [CLI, ...base, ...args], { env: { ...rest, ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const cacheFiles = () => readdirSync(join(dir, 'cache'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name)).sort();

beforeAll(async () => {
  server = await startFakeCohere({ fallback: reply({ evidence: [], issue: null }) });
  dir = mkdtempSync(join(tmpdir(), 'fm-unreadable-cli-'));
  const records = commandARecords().filter((r) => r.setting === 'coop' && r.messages.length > 1).slice(0, 3);
  writeFileSync(join(dir, 'store.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const config = JSON.parse(readFileSync(join(import.meta.dirname, '../../config.json'), 'utf8'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, judge: { ...config.judge, cache_dir: join(dir, 'cache'), requests_per_minute: 6000, max_retries: 0 } }));
  base = ['--store', join(dir, 'store.jsonl'), '--config', join(dir, 'config.json'), '--log-root', dir, '--base-url', server.url];
  const paid = await cli(['--mode', 'read-write', '--out', join(dir, 'paid.json')], { CO_API_KEY: 'test-key', CI: 'true' });
  expect(paid.stderr).not.toContain('error');
  expect(paid.code).toBe(0);
}, 60_000);
afterAll(async () => {
  await server.close();
});

describe('failure-modes CLI with an unreadable judge cache entry', () => {
  it('replay-only: exit 2, the file named, no output written; --allow-partial: exit 0, judge partial', async () => {
    const files = cacheFiles();
    expect(files.length).toBeGreaterThan(1);
    writeFileSync(files[0]!, '{"schema": "cooperbench-repro/judge-cache-entry@1", "key": ');
    const out = join(dir, 'replay.json');
    const strict = await cli(['--out', out]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`judge cache: ${files[0]}: expected valid JSON`);
    expect(strict.stderr).toContain('error: the judge cache answers some transcripts but not');
    expect(strict.stderr).not.toMatch(/\n\s+at /);
    expect(() => readFileSync(out)).toThrow();

    const partial = await cli(['--out', out, '--allow-partial']);
    expect(partial.code).toBe(0);
    expect(partial.stderr).toContain(`judge cache: ${files[0]}`);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.judge.status).toBe('partial');
    // Counted as a missing answer, as the issue asks (the file itself is named on stderr).
    expect(written.judge.not_judged).toEqual({ 'no cached answer (replay-only)': 1 });
  }, 60_000);

  it('every entry unreadable: still an error naming them (a damaged cache is not "judge not run")', async () => {
    for (const f of cacheFiles()) writeFileSync(f, '');
    const r = await cli(['--out', join(dir, 'all-bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/judge cache: .*\.json: expected a JSON document \(the file is empty\)/);
    expect(r.stderr).toContain('error: the judge cache answers some transcripts but not');
  }, 60_000);
});
