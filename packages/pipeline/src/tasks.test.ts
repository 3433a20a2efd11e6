import { describe, expect, it } from 'vitest';
import { pipelineTasks, UnknownTargetError } from './tasks.js';
import { REPO_ROOT } from './test-support/workspace.js';

describe('pipelineTasks (read from the workspace Nx targets)', () => {
  const real = pipelineTasks(REPO_ROOT, ['figures:build'], 'real');
  const position = new Map(real.map((t, i) => [t.id, i]));

  it('lists every stage and figure command of figures:build once, each after what it depends on', () => {
    expect(new Set(real.map((t) => t.id)).size).toBe(real.length);
    expect(real.map((t) => t.id)).toEqual(expect.arrayContaining(['collector:collect', 'difficulty:compute', 'figures:fig4', 'figures:fig6', 'report:report', 'comparison:compute']));
    expect(real.map((t) => t.id)).not.toContain('figures:build'); // an aggregate without a command
    for (const t of real) for (const d of t.dependsOn) expect(position.get(d), `${t.id} after ${d}`).toBeLessThan(position.get(t.id)!);
    expect(real.find((t) => t.id === 'figures:fig4')!.dependsOn).toEqual(['difficulty:compute']);
  });

  it('passes the options of the configuration as Nx does (--key=value), the default ones without it', () => {
    const fig4 = real.find((t) => t.id === 'figures:fig4')!;
    expect([fig4.command, ...fig4.args]).toEqual(['node', 'packages/figures/bundle/cli.js', 'fig4', '--data=data/real/difficulty.json', '--out=figures/real', '--sources=data/real/sources.json']);
    const demo = pipelineTasks(REPO_ROOT, ['figures:fig4'], null);
    expect(demo.map((t) => [t.id, t.args.join(' ')])).toEqual([
      ['collector:collect', 'packages/collector/bundle/cli.js collect --out=data/results.jsonl --report=data/collect-report.json --index=data/collect-index.json'],
      ['difficulty:compute', 'packages/difficulty/bundle/cli.js --store=data/results.jsonl --out=data/difficulty.json'],
      ['figures:fig4', 'packages/figures/bundle/cli.js fig4 --data=data/difficulty.json --out=figures'],
    ]);
  });

  it('keeps the order of several targets: an import runs before the build that reads it, even with threads to spare', () => {
    const both = pipelineTasks(REPO_ROOT, ['collector:import-legacy', 'figures:build'], 'real');
    expect(both[0]!.id).toBe('collector:import-legacy');
    expect(both.slice(1).map((t) => t.id)).toEqual(real.map((t) => t.id));
    // collect has no Nx dependency on the import: without this, a second thread would collect while it imports
    for (const t of both.slice(1)) expect(t.dependsOn, t.id).toContain('collector:import-legacy');
  });

  it('refuses an unknown target and a target that is not project:target', () => {
    expect(() => pipelineTasks(REPO_ROOT, ['figures:nope'], null)).toThrow(UnknownTargetError);
    expect(() => pipelineTasks(REPO_ROOT, ['figures'], null)).toThrow(/expected project:target/);
  });
});
