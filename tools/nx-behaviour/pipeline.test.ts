import { cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nx, tempWorkspace, WORKSPACE } from './temp-workspace.js';

/** Which tasks Nx ran for real (not replayed from its cache) in one invocation's output. */
function ranForReal(output: string): string[] {
  return [...output.matchAll(/^> nx run (\S+)(.*)$/gm)]
    .filter((m) => !/\[(local|remote) cache\]|existing outputs match the cache/.test(m[2]!))
    .map((m) => m[1]!)
    .filter((t) => t !== 'figures:build') // the aggregate no-op
    .sort();
}

const FIGURE_FILES = ['fig4.svg', 'fig4.png', 'fig4.pdf', 'fig4.csv', 'fig4-per-model.svg', 'fig4-per-model.png', 'fig4-per-model.pdf', 'fig4-per-model.csv'];

describe('nx run figures:build on a fresh copy of the workspace', () => {
  it('runs collect -> difficulty -> figures, then only what a change affects', () => {
    const ws = tempWorkspace();
    cpSync(join(WORKSPACE, 'data/logs'), join(ws, 'data/logs'), { recursive: true });
    cpSync(join(WORKSPACE, 'data/run-arms.json'), join(ws, 'data/run-arms.json'));

    const first = nx(ws, ['run', 'figures:build']);
    expect(ranForReal(first)).toEqual(expect.arrayContaining(['collector:collect', 'difficulty:compute', 'figures:fig4', 'figures:fig4-per-model']));
    for (const f of FIGURE_FILES) expect(statSync(join(ws, 'figures', f)).size).toBeGreaterThan(100);
    expect(existsSync(join(ws, 'data/difficulty.json'))).toBe(true);
    const fig4Png = readFileSync(join(ws, 'figures/fig4.png'));

    // Second run: everything from the cache.
    const second = nx(ws, ['run', 'figures:build']);
    expect(ranForReal(second)).toEqual([]);
    expect(second).toMatch(/Nx read the output from the cache instead of running the command for \d+ out of \d+ tasks/);

    // A change to fig4's spec re-renders fig4 only (its compile step rebuilds, no other figure or stage runs).
    const spec = join(ws, 'packages/figures/src/figures/fig4.ts');
    writeFileSync(spec, `${readFileSync(spec, 'utf8')}\n// touched by the Nx behaviour test\n`);
    const third = nx(ws, ['run', 'figures:build']);
    expect(ranForReal(third)).toEqual(['figures:compile', 'figures:fig4']);

    // A result change that moves no difficulty number (a cost) re-runs collect and difficulty, but
    // difficulty.json comes out byte-identical, so both figures stay cached.
    const run = readdirSync(join(ws, 'data/logs')).find((r) => r.includes('coop-msg'))!;
    const repo = readdirSync(join(ws, 'data/logs', run, 'coop'))[0]!;
    const task = readdirSync(join(ws, 'data/logs', run, 'coop', repo))[0]!;
    const pair = readdirSync(join(ws, 'data/logs', run, 'coop', repo, task))[0]!;
    const resultFile = join(ws, 'data/logs', run, 'coop', repo, task, pair, 'result.json');
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    result.total_cost += 1;
    writeFileSync(resultFile, JSON.stringify(result));
    const difficultyBefore = readFileSync(join(ws, 'data/difficulty.json'), 'utf8');
    const fourth = nx(ws, ['run', 'figures:build']);
    expect(ranForReal(fourth)).toEqual(['collector:collect', 'difficulty:compute']);
    expect(readFileSync(join(ws, 'data/difficulty.json'), 'utf8')).toBe(difficultyBefore);
    // Rendering is deterministic: the re-rendered (comment-only change) and the cached figure are the first one, byte for byte.
    expect(readFileSync(join(ws, 'figures/fig4.png')).equals(fig4Png)).toBe(true);
  }, 300_000);
});
