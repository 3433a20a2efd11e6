import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunnerReport } from '@cooperbench-repro/contracts';
import { cliConventionBreaches } from '@cooperbench-repro/contracts/testing';
import { RUNNER_CLI, runCli, workdir, writeExperiment } from './test-support/standin.js';

const noQuirks = { STANDIN_ERROR_RATE: '0', STANDIN_MISSING_EVAL_RATE: '0' };
const SPAWN_TIMEOUT = { timeout: 120_000 };
const STACK = /^\s+at /m;

describe('runner CLI', () => {
  it('has --help on every command, with the exit codes and the report directory', SPAWN_TIMEOUT, async () => {
    const dir = workdir();
    for (const args of [['--help'], ['-h'], [], ['help'], ['plan', '--help'], ['run', '--help'], ['eval', '-h'], ['help', 'run']]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Exit codes:/);
      for (const code of ['0', '1', '2', '3', '130']) expect(r.stdout).toMatch(new RegExp(`^  ${code} `, 'm'));
      expect(r.stderr).toBe('');
    }
    const runHelp = (await runCli(['run', '--help'], { cwd: dir })).stdout;
    expect(runHelp).toMatch(/^Usage: cooperbench-runner run/);
    expect(runHelp).toMatch(/--report-dir DIR .*default data\/runner/);
    expect(runHelp).toMatch(/--debug/);
    expect((await runCli(['eval', '--help'], { cwd: dir })).stdout).toMatch(/--report-dir/);
    expect((await runCli(['plan', '--help'], { cwd: dir })).stdout).toMatch(/^Usage: cooperbench-runner plan/);
  });

  it('exits 2 on usage errors, with a message and no stack trace', SPAWN_TIMEOUT, async () => {
    const dir = workdir();
    for (const args of [['bogus'], ['run', '--bogus'], ['run', '--experiment'], ['run', 'extra'], ['plan', '--report-dir', 'x'], ['help', 'bogus']]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^error: /);
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it('exits 1 on data problems without a stack trace; --debug shows it', SPAWN_TIMEOUT, async () => {
    const dir = workdir();
    const typo = writeExperiment(dir, { budget_usb: 100 });
    const r = await runCli(['run', '--experiment', typo], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: .*experiment\.json: field budget_usb: .*did you mean budget_usd\?/);
    expect(r.stderr).not.toMatch(STACK);
    const plan = await runCli(['plan', '--experiment', typo], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/did you mean budget_usd\?/);
    const debug = await runCli(['run', '--experiment', typo, '--debug'], { cwd: dir });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(STACK);
    const missing = await runCli(['run', '--experiment', join(dir, 'nope.yaml')], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.yaml: expected a readable experiment file/);
    expect(missing.stderr).not.toMatch(STACK);
  });

  it('names a nonexistent cooperbench executable (exit 1)', SPAWN_TIMEOUT, async () => {
    const dir = workdir();
    const file = writeExperiment(dir, { cooperbench: '/nonexistent/cooperbench' });
    const r = await runCli(['run', '--experiment', file], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: executable not found: \/nonexistent\/cooperbench$/m);
    expect(r.stderr).not.toMatch(/exit code null/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('writes the report to data/runner/<experiment>.json under the current directory, or --report-dir', SPAWN_TIMEOUT, async () => {
    const dir = workdir();
    const file = writeExperiment(dir);
    const r = await runCli(['run', '--experiment', file, '--quiet'], { cwd: dir, env: noQuirks });
    expect(r.code).toBe(0);
    const report = join(dir, 'data/runner/t.json');
    expect(r.stdout).toContain(`report ${report}`);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ experiment: 't', budget_reached: false });
    // What the runner writes is what the contracts schema reads back (it validates before writing).
    expect(await readRunnerReport(report)).toEqual(JSON.parse(readFileSync(report, 'utf8')));
    // Not next to the log dir, where it used to go.
    expect(existsSync(join(dir, 'runner/t.json'))).toBe(false);
    const other = await runCli(['run', '--experiment', file, '--quiet', '--report-dir', 'out/reports'], { cwd: dir });
    expect(other.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out/reports/t.json'), 'utf8')).invocations[0].state).toBe('already-complete');
  });

  it('overspending sets budget_reached in the report and exits 3', SPAWN_TIMEOUT, async () => {
    const dir = workdir();
    const file = writeExperiment(dir, { models: ['a/m1', 'b/m2'], budget_usd: 0.01 });
    const r = await runCli(['run', '--experiment', file, '--quiet'], { cwd: dir, env: noQuirks });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/budget reached/);
    const report = JSON.parse(readFileSync(join(dir, 'data/runner/t.json'), 'utf8'));
    expect(report.budget_reached).toBe(true);
    expect(report.total_cost_usd).toBeGreaterThanOrEqual(0.01);
    expect(report.invocations.map((i: { state: string }) => i.state)).toEqual(['complete', 'budget-skipped']);
    // Raising the budget lets it finish.
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), budget_usd: 1000 }));
    const more = await runCli(['run', '--experiment', file, '--quiet'], { cwd: dir, env: noQuirks });
    expect(more.code).toBe(0);
  });
});

describe('runner CLI conventions', () => {
  it('every command: --help ends with the exit-code line; an unknown option exits 2, its stack trace only under --debug', () => {
    for (const command of [[], ['plan'], ['run'], ['eval']]) expect(cliConventionBreaches(RUNNER_CLI, command), command.join(' ') || '(no command)').toEqual([]);
  });
});
