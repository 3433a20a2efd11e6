import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The Nx targets of this package: what re-runs a figure or table is decided by these inputs. */
const PKG = JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../package.json'), 'utf8')) as {
  nx: { targets: Record<string, { command?: string; dependsOn?: unknown[]; inputs?: unknown[]; outputs?: string[]; options?: Record<string, string>; configurations?: Record<string, Record<string, string>> }> };
};
const targets = PKG.nx.targets;
const COMPUTE = { projects: ['communication'], target: 'compute' };
const COMM_OUTPUT = { dependentTasksOutputFiles: '**/communication.json' };

describe('nx targets', () => {
  it('fig5 runs after communication:compute on data/communication.json and writes its four files', () => {
    const t = targets.fig5!;
    expect(t.command).toBe('node packages/figures/dist/cli.js fig5');
    expect(t.dependsOn).toEqual(['compile', COMPUTE]);
    expect(t.inputs).toContainEqual(COMM_OUTPUT);
    expect(t.inputs).toContain('{projectRoot}/src/figures/fig5.ts');
    expect(t.inputs).toContain('{projectRoot}/src/render/**/*');
    expect(t.inputs).not.toContain('{projectRoot}/src/figures/fig4.ts');
    expect(t.outputs).toEqual(['svg', 'png', 'pdf', 'csv'].map((e) => `{options.out}/fig5.${e}`));
    expect(t.options).toEqual({ data: 'data/communication.json', out: 'figures' });
    expect(t.configurations!.real).toEqual({ data: 'data/real/communication.json', out: 'figures/real', sources: 'data/real/sources.json' });
  });

  it('qualitative-table depends only on its own source, cli/load and data/communication.json', () => {
    const t = targets['qualitative-table']!;
    expect(t.command).toBe('node packages/figures/dist/cli.js qualitative-table');
    expect(t.dependsOn).toEqual(['compile', COMPUTE]);
    expect(t.inputs).toContainEqual(COMM_OUTPUT);
    expect(t.inputs).toContain('{projectRoot}/src/tables/qualitative.ts');
    expect(t.inputs!.some((i) => typeof i === 'string' && i.includes('render'))).toBe(false);
    expect(t.outputs).toEqual(['{options.out}/qualitative.md', '{options.out}/qualitative.tex']);
  });

  it('fig4 targets do not depend on the communication data, and build runs everything', () => {
    for (const name of ['fig4', 'fig4-per-model']) {
      expect(JSON.stringify(targets[name])).not.toContain('communication');
      expect(targets[name]!.configurations!.real!.out).toBe('figures/real');
    }
    expect(targets.build!.dependsOn).toEqual(['fig4', 'fig4-per-model', 'fig5', 'qualitative-table', 'fig6', 'failure-modes-table']);
  });
});
