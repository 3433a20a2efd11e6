import { cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicDataRoot } from '@cooperbench-repro/public-data';
import { nx, ranForReal, tempWorkspace, WORKSPACE } from './temp-workspace.js';

const FIGURE_FILES = [
  ...['fig4', 'fig4-per-model', 'fig5', 'fig6', 'per-repository', 'published-comparison'].flatMap((f) =>
    ['svg', 'png', 'pdf', 'csv'].map((ext) => `${f}.${ext}`),
  ),
  ...['table5', 'merge-ladder'].flatMap((t) => ['md', 'tex', 'csv'].map((ext) => `${t}.${ext}`)),
  'report/index.html',
  'qualitative.md',
  'qualitative.tex',
  'failure-modes.md',
  'failure-modes.tex',
];

describe('nx run figures:build on a fresh copy of the workspace', () => {
  it('runs collect -> difficulty/communication -> figures, then only what a change affects', () => {
    const ws = tempWorkspace();
    cpSync(join(WORKSPACE, 'data/logs'), join(ws, 'data/logs'), { recursive: true });
    cpSync(join(WORKSPACE, 'data/run-arms.json'), join(ws, 'data/run-arms.json'));

    const first = nx(ws, ['run', 'figures:build']);
    expect(ranForReal(first)).toEqual(
      expect.arrayContaining(['collector:collect', 'difficulty:compute', 'communication:compute', 'figures:fig4', 'figures:fig4-per-model', 'figures:fig5', 'figures:qualitative-table', 'failure-modes:classify', 'figures:fig6', 'figures:failure-modes-table', 'outcomes:compute', 'comparison:compute', 'report:report']),
    );
    for (const f of FIGURE_FILES) expect(statSync(join(ws, 'figures', f)).size).toBeGreaterThan(100);
    expect(existsSync(join(ws, 'data/difficulty.json'))).toBe(true);
    expect(existsSync(join(ws, 'data/communication.json'))).toBe(true);
    const fig4Png = readFileSync(join(ws, 'figures/fig4.png'));

    // Second run: everything from the cache.
    const second = nx(ws, ['run', 'figures:build']);
    expect(ranForReal(second)).toEqual([]);
    expect(second).toMatch(/Nx read the output from the cache instead of running the command for \d+ out of \d+ tasks/);

    // A change to fig4's spec re-renders fig4 only (its compile step rebuilds, no other figure or stage runs),
    // and the HTML report, which embeds the same spec.
    const spec = join(ws, 'packages/figures/src/figures/fig4/spec.ts');
    writeFileSync(spec, `${readFileSync(spec, 'utf8')}\n// touched by the Nx behaviour test\n`);
    const third = nx(ws, ['run', 'figures:build']);
    expect(ranForReal(third)).toEqual(['figures:compile', 'figures:fig4', 'report:build', 'report:report']);

    // A result change that moves no analysed number (a cost) re-runs collect and both analysis stages,
    // but difficulty.json and communication.json come out byte-identical, so every figure stays cached.
    const run = readdirSync(join(ws, 'data/logs')).find((r) => r.includes('coop-msg'))!;
    const repo = readdirSync(join(ws, 'data/logs', run, 'coop'))[0]!;
    const task = readdirSync(join(ws, 'data/logs', run, 'coop', repo))[0]!;
    const pair = readdirSync(join(ws, 'data/logs', run, 'coop', repo, task))[0]!;
    const resultFile = join(ws, 'data/logs', run, 'coop', repo, task, pair, 'result.json');
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    result.total_cost += 1;
    writeFileSync(resultFile, JSON.stringify(result));
    const difficultyBefore = readFileSync(join(ws, 'data/difficulty.json'), 'utf8');
    const communicationBefore = readFileSync(join(ws, 'data/communication.json'), 'utf8');
    const failureModesBefore = readFileSync(join(ws, 'data/failure-modes.json'), 'utf8');
    const fourth = nx(ws, ['run', 'figures:build']);
    // (Other stages that read the store, e.g. comparison:compute, may re-run too; no figure does.)
    expect(ranForReal(fourth)).toEqual(expect.arrayContaining(['collector:collect', 'communication:compute', 'difficulty:compute', 'failure-modes:classify']));
    expect(ranForReal(fourth).filter((t) => t.startsWith('figures:'))).toEqual([]);
    expect(readFileSync(join(ws, 'data/difficulty.json'), 'utf8')).toBe(difficultyBefore);
    expect(readFileSync(join(ws, 'data/communication.json'), 'utf8')).toBe(communicationBefore);
    expect(readFileSync(join(ws, 'data/failure-modes.json'), 'utf8')).toBe(failureModesBefore);

    // A change to the speech-act rules (short acknowledgements no longer count as Ack) re-runs the
    // communication stage, Figure 5, the qualitative table and the HTML report (it shows speech acts), and nothing else.
    const rules = join(ws, 'packages/communication/src/speech-act-rules.ts');
    const ackRule = 'test: (c) => c.features.ackOpener && c.features.words <= c.ackMaxWords && !c.features.asks,';
    const rulesText = readFileSync(rules, 'utf8');
    expect(rulesText).toContain(ackRule);
    writeFileSync(rules, rulesText.replace(ackRule, 'test: () => false,'));
    const fifth = nx(ws, ['run', 'figures:build']);
    expect(ranForReal(fifth)).toEqual(['communication:build', 'communication:compute', 'figures:fig5', 'figures:qualitative-table', 'report:build', 'report:report']);
    expect(readFileSync(join(ws, 'data/communication.json'), 'utf8')).not.toBe(communicationBefore);
    // Rendering is deterministic: the re-rendered (comment-only change) and the cached figure are the first one, byte for byte.
    expect(readFileSync(join(ws, 'figures/fig4.png')).equals(fig4Png)).toBe(true);
  }, 1_200_000); // generous: each step runs nx in a copy of the workspace; on a loaded 2-core machine this took > 5 min

  it('builds every figure and table from the public real runs into figures/real (nx run figures:build:real), cached like the demo', () => {
    const ws = tempWorkspace();
    // The copy has no ../shared beside it: the resolver finds the public data through COOPERBENCH_PUBLIC_DATA.
    const env = { COOPERBENCH_PUBLIC_DATA: publicDataRoot() };
    const first = nx(ws, ['run', 'figures:build:real'], env);
    expect(ranForReal(first)).toEqual(
      expect.arrayContaining(['collector:collect:real', 'difficulty:compute:real', 'communication:compute:real', 'failure-modes:classify:real', 'figures:fig4:real', 'figures:fig6:real', 'figures:failure-modes-table:real']),
    );
    for (const f of FIGURE_FILES) expect(statSync(join(ws, 'figures/real', f)).size).toBeGreaterThan(100);
    expect(readdirSync(join(ws, 'figures')).filter((f) => f !== 'real')).toEqual([]); // nothing lands where the demo's figures go
    const report = JSON.parse(readFileSync(join(ws, 'data/real/collect-report.json'), 'utf8'));
    expect(report.counts).toMatchObject({ run_dirs: 13, pair_dirs_found: 179, imported_records: 500, records_written: 679, reconciled: true });
    expect(report.imported).toEqual([{ file: 'command-a-lite-results/results.json', records: 500 }]);
    const svg = readFileSync(join(ws, 'figures/real/fig4.svg'), 'utf8');
    expect(svg).toContain('Data: REAL public runs');
    expect(svg).not.toContain('SYNTHETIC');
    expect(readFileSync(join(ws, 'figures/real/failure-modes.md'), 'utf8')).toContain('REAL public runs');

    const second = nx(ws, ['run', 'figures:build:real'], env);
    expect(ranForReal(second)).toEqual([]);
  }, 1_200_000); // generous: each step runs nx in a copy of the workspace; on a loaded 2-core machine this took > 5 min
});
