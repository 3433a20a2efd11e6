import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

// The CLI is run from its compiled output (the test target depends on `compile`).
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the figures CLI with `args` (in `cwd`, default this process's) and returns its exit code and output. */
export function runCli(args: string[], cwd?: string): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh empty folder for a command's output (or to run it in). */
export const tempDir = (prefix = 'figures-out-') => mkdtempSync(join(tmpdir(), prefix));

/** `<command> --data <data> --out <out>` exits 0 with nothing on stderr and says what it wrote, with each of `says`. */
export function expectWrites(command: string, data: string, out: string, says: string[] = []): CliResult {
  const r = runCli([command, '--data', data, '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`${command}: wrote`);
  for (const s of says) expect(r.stdout).toContain(s);
  return r;
}

/** The figure's SVG, PNG, PDF and CSV are all in `out`. */
export function expectFigureFiles(out: string, figure: string): void {
  for (const ext of ['svg', 'png', 'pdf', 'csv']) expect(existsSync(join(out, `${figure}.${ext}`)), `${figure}.${ext}`).toBe(true);
}

/** Run without --data in an empty folder, `command` exits 2 naming the default data file it looked for. */
export function expectMissingDefault(command: string, defaultFile: string): void {
  const missing = runCli([command], tempDir('figures-cwd-'));
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain(defaultFile);
}

/** On an invalid data file, `command` exits 2 naming the file and the field. */
export function expectInvalidData(command: string, file: string, field: string): void {
  const r = runCli([command, '--data', file, '--out', tempDir()]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(file);
  expect(r.stderr).toContain(field);
}
