import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExecLog, runStandin, TINY_PAIRS, workspace } from './test-support/standin.js';

/**
 * Upstream's resume rules (doc 1.2.3): finished pairs are skipped, pairs with an Error agent are re-run
 * in place, and the old eval.json of a re-run pair is kept and returned by auto-eval as "skipped" (stale).
 */

const ws = workspace('resume');
afterAll(ws.cleanup);
const execLog = join(ws.dir, 'exec.jsonl');
const run = (env: Record<string, string> = {}, extra: string[] = []) => runStandin(['run', '-n', 'r', '-s', 'tiny', ...extra], ws.dir, { STANDIN_EXEC_LOG: execLog, ...env });
const executions = () => readExecLog(execLog).filter((l) => l.event === 'agents-done');
const pairDir = (pair: string) => ws.pairDir('r', 'coop', pair);
const statuses = (pair: string) => Object.values(ws.json(join(pairDir(pair), 'result.json')).agents as Record<string, { status: string }>).map((a) => a.status);

describe('resume', () => {
  it('re-runs Error pairs in place, keeps their stale eval.json, then skips everything', async () => {
    // First run: every agent errors, every eval is written.
    const first = await run({ STANDIN_ERROR_RATE: '1', STANDIN_MISSING_EVAL_RATE: '0' });
    expect(first.code).toBe(0);
    expect(ws.json(join(ws.runDir('r'), 'summary.json'))).toMatchObject({ completed: 4, skipped: 0, failed: 0 });
    for (const pair of TINY_PAIRS) expect(statuses(pair)).toEqual(['Error', 'Error']);
    const oldEvals = TINY_PAIRS.map((p) => readFileSync(join(pairDir(p), 'eval.json'), 'utf8'));
    expect(executions()).toHaveLength(4);

    // Second run: the Error pairs are re-run (a fresh draw; re-runs default to no errors) ...
    const second = await run();
    expect(second.code).toBe(0);
    expect(executions()).toHaveLength(8);
    for (const pair of TINY_PAIRS) expect(statuses(pair)).not.toContain('Error');
    // ... and their eval.json is the old one, now older than the agents: stale, reported as skipped.
    TINY_PAIRS.forEach((p, i) => {
      expect(readFileSync(join(pairDir(p), 'eval.json'), 'utf8')).toBe(oldEvals[i]);
      expect(ws.json(join(pairDir(p), 'eval.json')).evaluated_at < ws.json(join(pairDir(p), 'result.json')).ended_at).toBe(true);
    });
    const summary = ws.json(join(ws.runDir('r'), 'summary.json'));
    expect(summary).toMatchObject({ completed: 4, skipped: 0 });
    // Every eval was returned as is; upstream counts an old eval.json that carries an error as an error, not a skip.
    expect(summary.eval.total_evaluated).toBe(4);
    expect(summary.eval.skipped + summary.eval.errors).toBe(4);
    expect(summary.eval.skipped).toBeGreaterThan(0);
    expect(readExecLog(execLog).filter((l) => l.event === 'eval-done')).toHaveLength(4);

    // Third run: nothing left to do.
    const third = await run();
    expect(third.code).toBe(0);
    expect(executions()).toHaveLength(8);
    expect(ws.json(join(ws.runDir('r'), 'summary.json'))).toMatchObject({ completed: 0, skipped: 4, failed: 0 });

    // Every pair was executed exactly twice, by the first two processes (the third only skipped).
    const perPair = new Map<string, number>();
    for (const l of executions()) perPair.set(l.pair!, (perPair.get(l.pair!) ?? 0) + 1);
    expect([...perPair.keys()].sort()).toEqual([...TINY_PAIRS].sort());
    expect([...perPair.values()]).toEqual([2, 2, 2, 2]);
    expect(new Set(readExecLog(execLog).map((l) => l.pid)).size).toBe(2);
  });

  it('re-runs and re-evaluates everything with --force', async () => {
    const before = executions().length;
    const forced = await run({}, ['--force']);
    expect(forced.code).toBe(0);
    expect(executions().length).toBe(before + 4);
    const summary = ws.json(join(ws.runDir('r'), 'summary.json'));
    expect(summary).toMatchObject({ completed: 4, skipped: 0 });
    expect(summary.eval.skipped).toBe(0);
    for (const pair of TINY_PAIRS) {
      expect(ws.json(join(pairDir(pair), 'eval.json')).evaluated_at >= ws.json(join(pairDir(pair), 'result.json')).ended_at).toBe(true);
    }
  });

  it('keeps re-running Errors when STANDIN_ERROR_RATE_RERUN says so', async () => {
    const r1 = await runStandin(['run', '-n', 'stubborn', '-s', 'tiny', '--setting', 'solo', '--no-auto-eval'], ws.dir, { STANDIN_ERROR_RATE: '1', STANDIN_EXEC_LOG: execLog });
    const r2 = await runStandin(['run', '-n', 'stubborn', '-s', 'tiny', '--setting', 'solo', '--no-auto-eval'], ws.dir, { STANDIN_ERROR_RATE_RERUN: '1', STANDIN_EXEC_LOG: execLog });
    expect([r1.code, r2.code]).toEqual([0, 0]);
    for (const pair of TINY_PAIRS) expect(ws.json(join(ws.pairDir('stubborn', 'solo', pair), 'result.json')).agent.status).toBe('Error');
    expect(readExecLog(execLog).filter((l) => l.run === 'stubborn' && l.event === 'agents-done')).toHaveLength(8);
  });
});
