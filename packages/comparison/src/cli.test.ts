import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ComparisonFileSchema } from '@cooperbench-repro/contracts';
import { cliConventionBreaches } from '@cooperbench-repro/contracts/testing';
import { record } from './test-support/records.js';

const PKG = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const WORKSPACE = resolve(PKG, '../..');
const CLI = join(PKG, 'dist/cli.js');

function run(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: WORKSPACE, encoding: 'utf8' });
}

describe('cli (built dist/cli.js)', () => {
  it('prints help with exit 0', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--store FILE/);
    expect(r.stdout).toMatch(/--figures-dir DIR/);
  });

  it('exits 2 on usage errors', () => {
    expect(run(['--bogus']).status).toBe(2);
    expect(run(['--own-repeats', 'best-of']).status).toBe(2);
    expect(run(['stray']).status).toBe(2);
  });

  it('ends --help with the exit codes and --debug; an unknown option exits 2 without a stack trace', () => {
    expect(cliConventionBreaches(CLI)).toEqual([]);
    // The bundle the Nx targets run (bundle/cli.js, made by the build) keeps them too.
    expect(cliConventionBreaches(CLI.replace(/dist[\\/]cli\.js$/, 'bundle/cli.js'))).toEqual([]);
  });

  it('exits 1 on data problems: missing or invalid store, invalid config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-cmp-cli-'));
    const missing = run(['--store', join(dir, 'nope.jsonl'), '--out', join(dir, 'o.json'), '--figures-dir', dir]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nope\.jsonl/);
    writeFileSync(join(dir, 'bad.jsonl'), '{"not":"a record"}\n');
    expect(run(['--store', join(dir, 'bad.jsonl'), '--out', join(dir, 'o.json'), '--figures-dir', dir]).status).toBe(1);
    writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ own_repeats: 'best-of' }));
    writeFileSync(join(dir, 'ok.jsonl'), '');
    expect(run(['--store', join(dir, 'ok.jsonl'), '--config', join(dir, 'cfg.json'), '--out', join(dir, 'o.json'), '--figures-dir', dir]).status).toBe(1);
  });

  it('writes the comparison JSON and the five tables beside the figures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-cmp-cli-'));
    const store = join(dir, 'results.jsonl');
    const recs = [
      record('coop-msg', 'm', ['pallets_click_task', 2068, 1, 2], 'pass'),
      record('coop-msg', 'm', ['typst', 6554, 2, 1], 'fail'),
      record('solo', 'm', ['pallets_click_task', 2068, 1, 2], 'pass'),
    ];
    writeFileSync(store, recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const out = join(dir, 'data/comparison.json');
    const figs = join(dir, 'figs');
    const r = run(['--store', store, '--out', out, '--figures', figs, '--own-repeats', 'majority']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const file = ComparisonFileSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(file.options.own_repeats).toBe('majority');
    expect(file.comparisons).toHaveLength(8);
    for (const f of ['published-comparison-pairs.csv', 'published-comparison.md', 'leaderboard.csv', 'leaderboard.json', 'leaderboard.md']) expect(existsSync(join(figs, f))).toBe(true);
    // The figure's CSV is the figures package's output, never written here (one writer per file).
    expect(existsSync(join(figs, 'published-comparison.csv'))).toBe(false);
    const csv = readFileSync(join(figs, 'published-comparison-pairs.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + 652);
    expect(csv[0]).toMatch(/^pair,repo,solved_by,solved_by_published,ours:m:coop-msg,published:gpt5,/);
    expect(csv.find((l) => l.startsWith('pallets_click_task/2068/1_2,'))).toMatch(/^pallets_click_task\/2068\/1_2,pallets_click_task,\d+,\d+,pass,/);
    expect(csv.find((l) => l.startsWith('typst_task/6554/1_2,'))).toMatch(/,fail,unknown,/);
    expect(readFileSync(join(figs, 'published-comparison.md'), 'utf8')).toMatch(/## Caveats/);
    expect(readFileSync(join(figs, 'leaderboard.csv'), 'utf8').split('\n')[0]).toMatch(/^view,rank,model,model_key,full_name,score_pct,ci95_low,ci95_high,framework,git,/);
  });
});

describe('cli --runs', () => {
  it('restricts the store to the named runs and refuses runs it does not have', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-cmp-cli-'));
    const store = join(dir, 'results.jsonl');
    const recs = [
      record('coop-msg', 'm', ['pallets_click_task', 2068, 1, 2], 'pass', { run: 'a', record_id: 'a/1' }),
      record('coop-msg', 'm', ['pallets_click_task', 2068, 1, 3], 'fail', { run: 'b', record_id: 'b/1' }),
    ];
    writeFileSync(store, recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const out = join(dir, 'c.json');
    const ok = run(['--store', store, '--out', out, '--figures-dir', dir, '--runs', 'a']);
    expect(ok.status).toBe(0);
    const file = ComparisonFileSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(file.inputs.run_filter).toEqual(['a']);
    expect(file.own_groups[0]!.runs).toEqual(['a']);
    const bad = run(['--store', store, '--out', out, '--figures-dir', dir, '--runs', 'a,zzz']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/zzz/);
  });
});
