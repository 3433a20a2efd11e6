import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutcomesFileSchema, type RunRecord } from '@cooperbench-repro/contracts';
import { cliConventionBreaches } from '@cooperbench-repro/contracts/testing';
import { describe, expect, it } from 'vitest';
import { coop, P1, P2, P3 } from './test-support/records.js';

/** The built CLI (the test target builds first): exit codes and what it writes. */
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');

function setUp(records: RunRecord[], config: object) {
  const dir = mkdtempSync(join(tmpdir(), 'outcomes-cli-'));
  writeFileSync(join(dir, 'results.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return { dir, args: ['--store', join(dir, 'results.jsonl'), '--config', join(dir, 'config.json'), '--out', join(dir, 'outcomes.json')] };
}
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const CONFIG = { unknown_outcomes: 'exclude', solo_agent1: 'separate', eras: 'refuse-mixed', confidence: 0.95 };
const mixed = [coop('old', P1, 'clean', 'pass', 'naive-union'), coop('new', P2, 'solo-agent1', 'pass', 'identical-naive'), coop('new', P3, 'missing', 'unknown', 'unknown')];

describe('outcomes CLI', () => {
  it('writes outcomes.json with the policies recorded and the checks named (exit 0)', () => {
    const { dir, args } = setUp(mixed.slice(1), CONFIG);
    const r = run(args);
    expect(r.status, r.stderr).toBe(0);
    const file = OutcomesFileSchema.parse(JSON.parse(readFileSync(join(dir, 'outcomes.json'), 'utf8')));
    expect(file.options).toEqual(CONFIG);
    expect(file.ladder[0]).toMatchObject({ era: 'agent1-era', solo_agent1_passes: 1, final: { successes: 0, total: 1, excluded: 1 } });
    expect(file.checks.length).toBeGreaterThan(0);
  });

  it('stops with exit 1, no stack trace and no file when eras are mixed under refuse-mixed', () => {
    const { dir, args } = setUp(mixed, CONFIG);
    const r = run(args);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: eras: refuse-mixed: .*\n  model-x \/ coop-msg: union-era: old; agent1-era: new/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'outcomes.json'))).toBe(false);
  });

  it('exits 2 on a bad config key or an unknown option, naming it', () => {
    const bad = setUp(mixed, { ...CONFIG, eras: 'pool' });
    const r = run(bad.args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/config\.json: field eras: expected one of "split", "refuse-mixed", "allow-mixed"/);
    expect(run(['--stroe', 'x']).status).toBe(2);
    expect(run(['--help']).stdout).toMatch(/Exit codes: 0 written; 1 data problem/);
  });

  it('ends --help with the exit codes and --debug; an unknown option exits 2 without a stack trace', () => {
    expect(cliConventionBreaches(CLI)).toEqual([]);
    // The bundle the Nx targets run (bundle/cli.js, made by the build) keeps them too.
    expect(cliConventionBreaches(CLI.replace(/dist[\\/]cli\.js$/, 'bundle/cli.js'))).toEqual([]);
  });
});
