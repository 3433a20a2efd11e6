import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nx, ranForReal, tempWorkspace, WORKSPACE } from './temp-workspace.js';

/**
 * The Nx graph tells the truth: after a change, exactly the tasks whose inputs changed run again, and
 * `nx affected` names this project whenever a stage, a figure or a data file changes. Each test spawns
 * nx in a throwaway copy of the workspace; timeouts are generous and nothing here asserts on time.
 */

const STAGES = ['difficulty:compute', 'communication:compute', 'failure-modes:classify'];

describe('what a change re-runs under nx run figures:build', () => {
  let ws = '';
  beforeAll(() => {
    ws = tempWorkspace();
    cpSync(join(WORKSPACE, 'data/logs'), join(ws, 'data/logs'), { recursive: true });
    cpSync(join(WORKSPACE, 'data/run-arms.json'), join(ws, 'data/run-arms.json'));
    nx(ws, ['run', 'figures:build']); // fills the cache: every later run starts from "all cached"
  }, 600_000);

  it('a comment in the collector rebuilds and re-collects, and no analysis stage or figure runs (the store is byte-identical)', () => {
    const store = readFileSync(join(ws, 'data/results.jsonl'), 'utf8');
    appendFileSync(join(ws, 'packages/collector/src/collect.ts'), '\n// a comment added by the e2e graph test\n');
    const ran = ranForReal(nx(ws, ['run', 'figures:build']));
    expect(ran).toEqual(expect.arrayContaining(['collector:build', 'collector:collect']));
    expect(readFileSync(join(ws, 'data/results.jsonl'), 'utf8')).toBe(store);
    // Their inputs are their own production files, contracts/public-data and the (unchanged) store.
    expect(ran.filter((t) => STAGES.includes(t))).toEqual([]);
    expect(ran.filter((t) => t.startsWith('figures:'))).toEqual([]);
  }, 300_000);

  it('a new helper file in figures/fig4/ re-renders Figure 4 and no other figure', () => {
    writeFileSync(join(ws, 'packages/figures/src/figures/fig4/extra-helper.ts'), 'export const EXTRA_HELPER = 1;\n');
    const ran = ranForReal(nx(ws, ['run', 'figures:build']));
    expect(ran).toContain('figures:fig4');
    expect(ran.filter((t) => t.startsWith('figures:') && t !== 'figures:compile')).toEqual(['figures:fig4']);
    expect(ran.filter((t) => STAGES.includes(t) || t.startsWith('collector:'))).toEqual([]);
  }, 300_000);
});

describe('nx affected', () => {
  it('lists e2e for a change in a stage, a figure or a data file, and not for a change in the benchmarks only', () => {
    const ws = tempWorkspace();
    const affected = (file: string) => nx(ws, ['show', 'projects', '--affected', `--files=${file}`]).split('\n').map((l) => l.trim()).filter(Boolean);
    expect(affected('packages/difficulty/src/compute.ts')).toContain('e2e');
    expect(affected('packages/collector/src/collect.ts')).toContain('e2e');
    expect(affected('packages/figures/src/figures/fig4/spec.ts')).toContain('e2e');
    expect(affected('packages/contracts/src/index.ts')).toContain('e2e');
    expect(affected('data/logs/some-run/config.json')).toContain('e2e');
    expect(affected('data/reference/paper/paper_reference_numbers.csv')).toContain('e2e');
    expect(affected('tools/bench/store-diff.ts')).not.toContain('e2e');
  }, 300_000);
});
