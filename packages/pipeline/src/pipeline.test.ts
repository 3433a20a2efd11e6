import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliConventionBreaches } from '@cooperbench-repro/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace, runPipeline, writtenBytes, writtenFiles } from './test-support/workspace.js';

const STACK = /^\s+at /m;
/** The collector's incremental index records the store's inode and times, which differ in every copy. */
const PER_COPY = new Set(['data/collect-index.json']);

describe('the demo figures:build, in one process and as one process per command', () => {
  const workspaces: Record<'processes' | 'threads' | 'oneThread', string> = { processes: '', threads: '', oneThread: '' };
  const runs: Partial<Record<keyof typeof workspaces, ReturnType<typeof runPipeline>>> = {};

  beforeAll(() => {
    const args = { processes: ['--processes', '-j', '2'], threads: ['-j', '2'], oneThread: ['-j', '1'] };
    for (const mode of Object.keys(workspaces) as (keyof typeof workspaces)[]) {
      workspaces[mode] = demoWorkspace();
      runs[mode] = runPipeline(workspaces[mode], args[mode]);
    }
  }, 600_000);
  afterAll(() => {
    for (const dir of Object.values(workspaces)) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs every command of figures:build and says where each ran', () => {
    for (const mode of ['processes', 'threads', 'oneThread'] as const) {
      const r = runs[mode]!;
      expect(r.status, `${mode}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toMatch(/pipeline: \[17\/17\] \S+ done in/);
      expect(r.stdout).toMatch(/^fig4: wrote figures\/fig4\.svg/m);
      expect(r.stdout).toMatch(/^report: wrote figures\/report\/index\.html/m);
    }
    expect(runs.processes!.stderr).toMatch(/figures:fig6 done in [\d.]+ s, own process/);
    expect(runs.threads!.stderr).not.toMatch(/own process/);
    // the figures on the main thread, every other stage on the command thread
    expect(runs.threads!.stdout).toMatch(/pipeline: 17 commands in [\d.]+ s, 17 in this process: 10 on the main thread, 7 on the command thread/);
    expect(runs.threads!.stderr).toMatch(/figures:fig6 done in [\d.]+ s\n/);
    expect(runs.threads!.stderr).toMatch(/difficulty:compute done in [\d.]+ s, command thread/);
    expect(runs.oneThread!.stdout).toMatch(/pipeline: 17 commands in [\d.]+ s, 17 in this process\n/);
  });

  it('writes the same files, byte for byte, whichever way the commands ran', () => {
    const files = writtenFiles(workspaces.processes).filter((f) => !PER_COPY.has(f));
    expect(files).toEqual(expect.arrayContaining(['data/results.jsonl', 'data/difficulty.json', 'figures/fig4.png', 'figures/fig6.pdf', 'figures/table5.md', 'figures/report/index.html']));
    for (const mode of ['threads', 'oneThread'] as const) {
      expect(writtenFiles(workspaces[mode]).filter((f) => !PER_COPY.has(f))).toEqual(files);
      for (const f of files) expect(writtenBytes(workspaces[mode], f).equals(writtenBytes(workspaces.processes, f)), `${mode}: ${f}`).toBe(true);
    }
  });
});

describe('failures', () => {
  const dirs: string[] = [];
  const workspace = () => {
    const dir = demoWorkspace();
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('stops at a failing command with its exit code and error line, and names what did not run', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'data/run-arms.json'), '{ "runs": ');
    const r = runPipeline(dir, ['-j', '2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: .*run-arms\.json/m);
    expect(r.stderr).toMatch(/pipeline: \[ 1\/17\] collector:collect FAILED \(exit 2\)/);
    expect(r.stderr).toMatch(/pipeline: stopped at collector:collect \(exit 2\) after [\d.]+ s; not run: difficulty:compute, figures:fig4, /);
    expect(r.stderr).not.toMatch(STACK);
    expect(writtenFiles(dir)).toEqual([]);
  });

  it("reports a command's usage error as that command does (exit 2, no stack), on a thread and on the main thread", () => {
    const dir = workspace();
    // with -j 2 the import, the first command of these targets, runs on the command thread; with -j 1 on the main thread
    for (const jobs of ['1', '2']) {
      const r = runPipeline(dir, ['collector:import-legacy', 'figures:build', '-j', jobs]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^error: import-legacy needs --input FILE/m);
      expect(r.stderr).toMatch(jobs === '2' ? /collector:import-legacy FAILED \(exit 2\) in [\d.]+ s, command thread/ : /collector:import-legacy FAILED \(exit 2\) in [\d.]+ s\n/);
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it('passes the arguments after -- to the first target', () => {
    const dir = workspace();
    const r = runPipeline(dir, ['collector:import-legacy', '--', '--input=data/no-such-results.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: --input data\/no-such-results\.json: expected a readable results\.json file/m);
  });

  it('refuses an unknown target, and a directory outside any Nx workspace', () => {
    const dir = workspace();
    const unknown = runPipeline(dir, ['figures:no-such-target']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^error: figures:no-such-target: no such Nx target/m);
    const outside = runPipeline(join(dir, '..'), ['--list']);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/^error: .*expected to be inside an Nx workspace/m);
  });
});

it('the CLI (dist and bundle) keeps the conventions of every CLI', () => {
  expect(cliConventionBreaches(new URL('../dist/cli.js', import.meta.url))).toEqual([]);
  expect(cliConventionBreaches(new URL('../bundle/cli.js', import.meta.url))).toEqual([]);
});
