import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The Nx targets of this package: what re-runs a figure or table is decided by these inputs. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  nx: { targets: Record<string, { command?: string; dependsOn?: unknown[]; inputs?: unknown[]; outputs?: string[]; options?: Record<string, string>; configurations?: Record<string, Record<string, string>> }> };
};
const targets = PKG.nx.targets;
const COMPUTE = { projects: ['communication'], target: 'compute' };
const COMM_OUTPUT = { dependentTasksOutputFiles: '**/communication.json' };
const FIGURES = ['fig4', 'fig4-per-model', 'fig5', 'fig6', 'published-comparison', 'per-repository'];
const TABLES = ['qualitative-table', 'failure-modes-table', 'merge-ladder'];
/** Inputs every figure and table target shares: shared code by glob, the paper tables read at run time. */
const SHARED = [
  '{projectRoot}/src/render/**/*',
  '{projectRoot}/src/cli.ts',
  '{projectRoot}/src/load.ts',
  '{projectRoot}/package.json',
  '{projectRoot}/tsconfig.json',
  '{workspaceRoot}/data/reference/paper/*.csv',
  '^production',
  '{workspaceRoot}/data/real/sources.json',
];
const stringInputs = (name: string) => targets[name]!.inputs!.filter((i): i is string => typeof i === 'string');

describe('nx targets', () => {
  it('fig5 runs after communication:compute on data/communication.json and writes its four files', () => {
    const t = targets.fig5!;
    expect(t.command).toBe('node packages/figures/bundle/cli.js fig5');
    expect(t.dependsOn).toEqual(['compile', COMPUTE]);
    expect(t.inputs).toContainEqual(COMM_OUTPUT);
    expect(t.inputs).toContain('{projectRoot}/src/figures/fig5/**/*');
    expect(t.inputs).not.toContain('{projectRoot}/src/figures/fig4/**/*');
    expect(t.outputs).toEqual(['svg', 'png', 'pdf', 'csv'].map((e) => `{options.out}/fig5.${e}`));
    expect(t.options).toEqual({ data: 'data/communication.json', out: 'figures' });
    expect(t.configurations!.real).toEqual({ data: 'data/real/communication.json', out: 'figures/real', sources: 'data/real/sources.json' });
  });

  it("each figure takes its own folder by glob, the shared code and the paper tables, and no other figure's folder", () => {
    for (const name of FIGURES) {
      const inputs = stringInputs(name);
      expect(inputs, name).toContain(`{projectRoot}/src/figures/${name}/**/*`);
      for (const s of SHARED) expect(inputs, name).toContain(s);
      const folders = inputs.filter((i) => i.includes('/src/figures/'));
      expect(folders, name).toEqual([`{projectRoot}/src/figures/${name}/**/*`]);
      // no single-file inputs under src/ besides cli.ts and load.ts: a new helper file is always covered
      expect(inputs.filter((i) => i.includes('/src/') && !i.endsWith('/**/*')), name).toEqual(['{projectRoot}/src/cli.ts', '{projectRoot}/src/load.ts']);
      const ext = targets[name]!.inputs!.find((i) => typeof i === 'object' && i !== null && 'externalDependencies' in i) as { externalDependencies: string[] };
      expect(ext.externalDependencies, name).toEqual(expect.arrayContaining(['vega', 'vega-lite', 'csv-parse', 'csv-stringify']));
    }
  });

  it('every figure folder under src/figures has its target, and every source of a figure is in its folder', () => {
    const folders = readdirSync(resolve(ROOT, 'src/figures'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual([...FIGURES].sort());
    expect(readdirSync(resolve(ROOT, 'src/figures')).filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('the tables take src/tables and the shared code by glob, and the paper tables', () => {
    for (const name of TABLES) {
      const t = targets[name]!;
      expect(t.command).toBe(`node packages/figures/bundle/cli.js ${name}`);
      const inputs = stringInputs(name);
      expect(inputs).toContain('{projectRoot}/src/tables/**/*');
      for (const s of SHARED) expect(inputs, name).toContain(s);
      expect(inputs.some((i) => i.includes('/src/figures/'))).toBe(false);
    }
    const q = targets['qualitative-table']!;
    expect(q.dependsOn).toEqual(['compile', COMPUTE]);
    expect(q.inputs).toContainEqual(COMM_OUTPUT);
    expect(q.outputs).toEqual(['{options.out}/qualitative.md', '{options.out}/qualitative.tex']);
  });

  it('fig4 targets do not depend on the communication data, and build runs everything', () => {
    for (const name of ['fig4', 'fig4-per-model']) {
      expect(JSON.stringify(targets[name])).not.toContain('communication');
      expect(targets[name]!.configurations!.real!.out).toBe('figures/real');
    }
    expect(targets.build!.dependsOn).toEqual(['fig4', 'fig4-per-model', 'table5', 'fig5', 'qualitative-table', 'fig6', 'failure-modes-table', 'per-repository', 'merge-ladder', 'published-comparison', { projects: ['comparison'], target: 'compute' }, { projects: ['report'], target: 'report' }]);
  });

  it('per-repository and merge-ladder run after outcomes:compute on data/outcomes.json, with the real configuration', () => {
    const outcomes = { projects: ['outcomes'], target: 'compute' };
    for (const name of ['per-repository', 'merge-ladder']) {
      const t = targets[name]!;
      expect(t.dependsOn, name).toEqual(['compile', outcomes]);
      expect(t.inputs, name).toContainEqual({ dependentTasksOutputFiles: '**/outcomes.json' });
      expect(t.options, name).toEqual({ data: 'data/outcomes.json', out: 'figures' });
      expect(t.configurations!.real, name).toEqual({ data: 'data/real/outcomes.json', out: 'figures/real', sources: 'data/real/sources.json' });
    }
    expect(targets['per-repository']!.outputs).toEqual(['svg', 'png', 'pdf', 'csv', 'md'].map((e) => `{options.out}/per-repository.${e}`));
    expect(targets['merge-ladder']!.outputs).toEqual(['md', 'tex', 'csv'].map((e) => `{options.out}/merge-ladder.${e}`));
  });

  it('reads the paper numbers through @cooperbench-repro/public-data and csv-parse at run time', () => {
    expect(PKG.dependencies['@cooperbench-repro/public-data']).toBe('*');
    expect(PKG.dependencies['csv-parse']).toBe('6.2.1');
  });
});
