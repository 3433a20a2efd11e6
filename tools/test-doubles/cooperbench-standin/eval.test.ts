import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExecLog, runStandin, TINY_PAIRS, workspace } from './test-support/standin.js';

/** `cooperbench eval` (doc 1.3): only pairs with result.json and no eval.json, summary of this invocation only. */

const ws = workspace('eval');
afterAll(ws.cleanup);
const execLog = join(ws.dir, 'exec.jsonl');
const evalRun = (args: string[], env: Record<string, string> = {}) => runStandin(['eval', ...args], ws.dir, { STANDIN_EXEC_LOG: execLog, ...env });
const evalJson = (run: string, pair: string) => join(ws.pairDir(run, 'solo', pair), 'eval.json');
const summaryOf = (run: string) => ws.json(join(ws.runDir(run), 'eval_summary.json'));

describe('cooperbench eval', () => {
  it('requires -n', async () => {
    const r = await evalRun([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: -n/--name is required for eval command\n');
  });

  it('evaluates what the run left unevaluated, then has nothing to do', async () => {
    expect((await runStandin(['run', '-n', 'e', '-s', 'tiny', '--setting', 'solo', '--no-auto-eval'], ws.dir)).code).toBe(0);
    expect(TINY_PAIRS.some((p) => existsSync(evalJson('e', p)))).toBe(false);

    const one = await evalRun(['-n', 'e', '-f', '5,3']);
    expect(one.code).toBe(0);
    expect(TINY_PAIRS.filter((p) => existsSync(evalJson('e', p)))).toEqual(['dspy_task/8394/f3_f5']);
    // A single evaluated pair leaves `results` empty, as upstream's single-run path does.
    expect(summaryOf('e')).toMatchObject({ run_name: 'e', total_runs: 1, results: [] });

    const rest = await evalRun(['-n', 'e']);
    expect(rest.code).toBe(0);
    expect(TINY_PAIRS.every((p) => existsSync(evalJson('e', p)))).toBe(true);
    const summary = summaryOf('e');
    expect(summary.total_runs).toBe(3);
    expect(summary.results.map((r: { run: string }) => r.run)).toEqual(['dspy_task/8394/3,4', 'openai_tiktoken_task/0/1,2', 'pallets_jinja_task/1559/2,4']);
    expect(summary.passed + summary.failed + summary.errors).toBe(3);

    const before = statSync(join(ws.runDir('e'), 'eval_summary.json')).mtimeMs;
    const nothing = await evalRun(['-n', 'e']);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toContain('no runs found to evaluate');
    expect(statSync(join(ws.runDir('e'), 'eval_summary.json')).mtimeMs).toBe(before);
  });

  it('re-evaluates everything with --force and filters with -r and -t (ignoring -t 0)', async () => {
    const oldEval = readFileSync(evalJson('e', 'pallets_jinja_task/1559/f2_f4'), 'utf8');
    const forced = await evalRun(['-n', 'e', '--force', '-r', 'pallets_jinja_task', '-t', '0']);
    expect(forced.code).toBe(0);
    expect(summaryOf('e').total_runs).toBe(1);
    const fresh = JSON.parse(readFileSync(evalJson('e', 'pallets_jinja_task/1559/f2_f4'), 'utf8'));
    // Same draw (same patches and plan), new time.
    expect(fresh.both_passed).toBe(JSON.parse(oldEval).both_passed);
    expect(fresh.evaluated_at > JSON.parse(oldEval).evaluated_at).toBe(true);
    const all = await evalRun(['-n', 'e', '--force', '-t', '0']);
    expect(summaryOf('e').total_runs).toBe(4);
    expect(all.code).toBe(0);
  });

  it('agrees with auto-eval on the same draw', async () => {
    expect((await runStandin(['run', '-n', 'e', '-s', 'tiny', '--setting', 'solo', '--log-dir', 'auto'], ws.dir)).code).toBe(0);
    for (const pair of TINY_PAIRS) {
      const auto = join(ws.dir, 'auto', 'e', 'solo', pair, 'eval.json');
      if (!existsSync(auto)) continue;
      const a = ws.json(auto);
      const b = ws.json(evalJson('e', pair));
      expect([b.both_passed, b.feature1.passed, b.feature2.passed], pair).toEqual([a.both_passed, a.feature1.passed, a.feature2.passed]);
    }
  });

  it('leaves no eval.json when the eval "raises", and a retry converges', async () => {
    expect((await runStandin(['run', '-n', 'm', '-s', 'tiny', '--setting', 'solo', '--no-auto-eval'], ws.dir)).code).toBe(0);
    const raised = await evalRun(['-n', 'm'], { STANDIN_MISSING_EVAL_RATE: '1' });
    expect(raised.code).toBe(0);
    expect(TINY_PAIRS.some((p) => existsSync(evalJson('m', p)))).toBe(false);
    expect(summaryOf('m')).toMatchObject({ total_runs: 4, errors: 4, passed: 0, failed: 0 });
    expect(summaryOf('m').results[0].error).toMatch(/Read timed out/);
    expect(readExecLog(execLog).filter((l) => l.run === 'm' && l.event === 'eval-raised')).toHaveLength(4);

    const retry = await evalRun(['-n', 'm'], { STANDIN_MISSING_EVAL_RATE: '1' });
    expect(retry.code).toBe(0);
    expect(TINY_PAIRS.every((p) => existsSync(evalJson('m', p)))).toBe(true);
    expect(summaryOf('m').errors).toBe(0);
  });

  it('exits 0 without writing anything for an unknown run, and 1 for an unknown subset', async () => {
    const unknown = await evalRun(['-n', 'never-ran']);
    expect(unknown.code).toBe(0);
    expect(existsSync(ws.runDir('never-ran'))).toBe(false);
    const badSubset = await evalRun(['-n', 'e', '-s', 'nope']);
    expect(badSubset.code).toBe(1);
    expect(badSubset.stderr).toMatch(/^ValueError: Subset 'nope' not found at dataset\/subsets\/nope\.json$/m);
  });
});
