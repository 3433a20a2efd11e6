import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_MANIFEST_FILE, RunManifestSchema } from '@cooperbench-repro/contracts';
import { collect } from '@cooperbench-repro/collector';
import { buildPlan } from './plan.js';
import { runExperiment } from './run-experiment.js';
import { ArmMismatchError } from './manifest.js';
import { LOCK_FILE, runChild } from './child-process.js';
import { ExecutableError } from './executable.js';
import { exitCode, lockedUnder, onlyRun, spawnRunner, waitFor } from './test-support/runner-process.js';
import { execLog, experiment, PAIRS, RUNNER_CLI, silent, withEnv, workdir, writeExperiment } from './test-support/standin.js';

const run = (e: ReturnType<typeof experiment>, dir: string, mode: 'run' | 'eval' = 'run', signal = new AbortController().signal) =>
  runExperiment(e, { cwd: dir, progress: silent, signal, mode, sleep: async () => {} });

const manifestOf = (e: ReturnType<typeof experiment>, runName: string) =>
  RunManifestSchema.parse(JSON.parse(readFileSync(join(e.log_dir, runName, RUN_MANIFEST_FILE), 'utf8')));

const noQuirks = { STANDIN_ERROR_RATE: '0', STANDIN_MISSING_EVAL_RATE: '0' };

/** A runner on a solo-only experiment whose stand-in hangs in its first attempt, once that attempt holds its run's lock. */
async function startHangingRunner() {
  const dir = workdir();
  const file = writeExperiment(dir, { arms: ['solo'] });
  const env = { ...process.env, ...noQuirks, STANDIN_HANG: '1', CI: 'true' };
  const runner = spawnRunner(file, dir, env);
  const logs = join(dir, 'logs');
  expect(await waitFor(() => lockedUnder(logs))).toBe(true);
  return { dir, file, env, runner, logs };
}

describe('runner against the stand-in CLI', () => {
  it('runs a full matrix, writes manifests, and the collector reads every arm right', async () => {
    const dir = workdir();
    const log = join(dir, 'exec.log');
    const e = experiment(dir, { models: ['vertex_ai/gemini-3-flash-preview', 'openai/gpt-5'], arms: ['solo', 'coop-msg', 'coop-nomsg'], solo_seeds: [0, 1], parallel_invocations: 2 });
    const report = await withEnv({ ...noQuirks, STANDIN_EXEC_LOG: log }, () => run(e, dir));
    expect(report.invocations).toHaveLength(2 * (2 + 1 + 1));
    expect(report.invocations.every((i) => i.state === 'complete' && i.pairs_with_result === 3 && i.pairs_with_eval === 3)).toBe(true);
    expect(report.synthetic).toBe(true);
    expect(report.upstream_version).toMatch(/^0\.0\.\d+/);
    expect(report.total_cost_usd).toBeGreaterThan(0);
    expect(report.cost_by_model_arm).toHaveLength(6);
    expect(execLog(log).filter((l) => l.event === 'agents-done')).toHaveLength(8 * 3);

    for (const inv of buildPlan(e).invocations) {
      expect(manifestOf(e, inv.runName)).toMatchObject({ arm: inv.arm, model: inv.model, seed: inv.seed, synthetic: true, argv: inv.argv, experiment: 't' });
    }
    const out = join(dir, 'out');
    const c = await collect({ logRoot: e.log_dir, mappingFile: null, importedDir: null, storeFile: join(out, 'r.jsonl'), reportFile: join(out, 'rep.json'), indexFile: join(out, 'i.json'), progress: { start() {}, tick() {}, stop() {} } });
    expect(c.report.counts).toMatchObject({ pair_dirs_found: 24, records_written: 24, errors: 0, reconciled: true });
    const records = readFileSync(join(out, 'r.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records.every((r) => r.synthetic === true)).toBe(true);
    // Genuine failures (tests failing) are among them, and they ran exactly once (never retried).
    expect(records.some((r) => r.outcome === 'fail')).toBe(true);
    const arms = new Map<string, Set<string>>();
    for (const r of records) arms.set(r.run, (arms.get(r.run) ?? new Set()).add(r.arm));
    for (const inv of buildPlan(e).invocations) expect([...arms.get(inv.runName)!]).toEqual([inv.arm]);
    expect(records.filter((r) => r.arm === 'coop-nomsg').every((r) => r.message_count === 0)).toBe(true);

    // A second run finds everything complete and starts nothing.
    const again = await withEnv({ STANDIN_EXEC_LOG: log }, () => run(e, dir));
    expect(again.invocations.every((i) => i.state === 'already-complete')).toBe(true);
    expect(execLog(log).filter((l) => l.event === 'agents-done')).toHaveLength(24);
  });

  it('re-runs pairs whose agents ended in Error, setting their stale eval aside, and never retries genuine failures', async () => {
    const dir = workdir();
    const log = join(dir, 'exec.log');
    const e = experiment(dir, { arms: ['coop-msg'] });
    const report = await withEnv({ STANDIN_ERROR_RATE: '1', STANDIN_ERROR_RATE_RERUN: '0', STANDIN_MISSING_EVAL_RATE: '0', STANDIN_EXEC_LOG: log }, () => run(e, dir));
    const [inv] = report.invocations;
    expect(inv).toMatchObject({ state: 'complete', attempts: 2, agent_error: 0 });
    expect(inv!.infra_failures[0]).toMatch(/3 pairs whose agents ended in Error/);
    const done = execLog(log).filter((l) => l.event === 'agents-done');
    expect(done).toHaveLength(6); // each pair: the Error run, then one re-run
    const m = manifestOf(e, inv!.run);
    expect(m.attempts.map((a) => a.infra_error)).toEqual([true, false]);
    const pairDir = join(e.log_dir, inv!.run, 'coop', PAIRS[0]![0], String(PAIRS[0]![1]), `f${PAIRS[0]![2][0]}_f${PAIRS[0]![2][1]}`);
    expect(readdirSync(pairDir).filter((n) => n.startsWith('eval.stale-'))).toHaveLength(1);
    // Re-running the finished experiment (as make-demo does) keeps the history in the report: the
    // attempts and infrastructure failures come from the manifest, like the spend from the ledger.
    const again = (await run(e, dir)).invocations[0]!;
    expect(again).toMatchObject({ state: 'already-complete', attempts: 2, infra_failures: inv!.infra_failures, cost_usd: inv!.cost_usd });
    const ev = JSON.parse(readFileSync(join(pairDir, 'eval.json'), 'utf8'));
    const res = JSON.parse(readFileSync(join(pairDir, 'result.json'), 'utf8'));
    expect(ev.evaluated_at >= res.ended_at).toBe(true);
  });

  it('retries infrastructure failures (crash at start) and records them in the manifest', async () => {
    const dir = workdir();
    const e = experiment(dir, { arms: ['solo'] });
    const report = await withEnv({ ...noQuirks, STANDIN_FAIL_ONCE_FILE: join(dir, 'failed-once') }, () => run(e, dir));
    expect(report.invocations[0]).toMatchObject({ state: 'complete', attempts: 2 });
    expect(manifestOf(e, report.invocations[0]!.run).attempts.map((a) => [a.exit_code, a.infra_error])).toEqual([[1, true], [0, false]]);
  });

  it('gives up after the configured retries and says what is missing', async () => {
    const dir = workdir();
    const e = experiment(dir, { arms: ['solo'], retries: { max: 1, backoff_seconds: 0 } });
    const report = await withEnv({ STANDIN_FAIL_EXIT: '1' }, () => run(e, dir));
    expect(report.invocations[0]).toMatchObject({ state: 'incomplete', attempts: 2, pending: 3 });
  });

  it('kills a hung child that ignores SIGTERM when the timeout expires', async () => {
    const dir = workdir();
    const e = experiment(dir, { arms: ['solo'], timeout_minutes: 2 / 60, retries: { max: 0, backoff_seconds: 0 } });
    const log = join(dir, 'exec.log');
    const report = await withEnv({ STANDIN_HANG: '1', STANDIN_IGNORE_SIGTERM: '1', STANDIN_SPAWN_GRANDCHILD: '1', STANDIN_EXEC_LOG: log }, () => run(e, dir));
    expect(report.invocations[0]!.state).toBe('incomplete');
    const m = manifestOf(e, report.invocations[0]!.run);
    // The killed attempt is in the manifest: it ignored SIGTERM, so SIGKILL ended it.
    expect(m.attempts).toHaveLength(1);
    expect(m.attempts[0]).toMatchObject({ signal: 'SIGKILL', infra_error: true, exit_code: null });
    expect(m.attempts[0]!.ended_at).not.toBeNull();
    expect(m.attempts[0]!.reason).toMatch(/timed out/);
    expect(existsSync(join(e.log_dir, report.invocations[0]!.run, LOCK_FILE))).toBe(false);
    // The whole process group went, grandchildren included.
    const grandchild = execLog(log).find((l) => l.event === 'grandchild') as { pid?: number } | undefined;
    expect(grandchild?.pid).toBeGreaterThan(0);
    expect(() => process.kill(grandchild!.pid!, 0)).toThrow();
  });

  it('stops scheduling new invocations once the budget is reached', async () => {
    const dir = workdir();
    const e = experiment(dir, { models: ['a/m1', 'b/m2', 'c/m3'], arms: ['solo'], budget_usd: 0.01 });
    const report = await withEnv(noQuirks, () => run(e, dir));
    expect(report.invocations.map((i) => i.state)).toEqual(['complete', 'budget-skipped', 'budget-skipped']);
    expect(report.budget_reached).toBe(true);
  });

  it('passes odd model names through argv untouched, with no shell', async () => {
    const dir = workdir();
    const model = `evil; touch ${join(dir, 'pwned')} "q" $(id)`;
    const e = experiment(dir, { models: [model], arms: ['solo'] });
    const report = await withEnv(noQuirks, () => run(e, dir));
    expect(report.invocations[0]!.state).toBe('complete');
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    const config = JSON.parse(readFileSync(join(e.log_dir, report.invocations[0]!.run, 'config.json'), 'utf8'));
    expect(config.model).toBe(model);
  });

  it('never mixes arms in one run directory', async () => {
    const dir = workdir();
    const e = experiment(dir, { arms: ['coop-msg'] });
    const inv = buildPlan(e).invocations[0]!;
    mkdirSync(join(e.log_dir, inv.runName), { recursive: true });
    writeFileSync(join(e.log_dir, inv.runName, RUN_MANIFEST_FILE), JSON.stringify({ schema: 'cooperbench-repro/run-manifest@1', run_name: inv.runName, arm: 'coop-nomsg', model: inv.model, seed: 0, agent_framework: 'x', subset: null, experiment: null, upstream_version: null, argv: [], started_at: 'x', synthetic: true, attempts: [] }));
    await expect(run(e, dir)).rejects.toThrow(ArmMismatchError);
  });

  it('eval mode evaluates runs whose pairs lack evals', async () => {
    const dir = workdir();
    const e = experiment(dir, { arms: ['solo'], eval: { auto: false, concurrency: 2 } });
    const first = await withEnv(noQuirks, () => run(e, dir));
    expect(first.invocations[0]).toMatchObject({ state: 'complete', pairs_with_eval: 0, needs_eval: 3 });
    const evaluated = await withEnv(noQuirks, () => run(e, dir, 'eval'));
    expect(evaluated.invocations[0]).toMatchObject({ state: 'complete', pairs_with_eval: 3 });
  });

  it('resumes after kill -9 of the runner mid-run: no finished pair lost, none run twice', { timeout: 120_000 }, async () => {
    const dir = workdir();
    const log = join(dir, 'exec.log');
    const file = writeExperiment(dir, { arms: ['solo', 'coop-msg'] });
    const env = { ...process.env, ...noQuirks, STANDIN_EXEC_LOG: log, STANDIN_PAIR_DELAY_MS: '400', CI: 'true' };
    const runner = spawnRunner(file, dir, env);
    // Wait until some pair has finished, then kill the runner without warning.
    await waitFor(() => execLog(log).length > 0, 400);
    expect(execLog(log).length).toBeGreaterThan(0);
    runner.kill('SIGKILL');
    await exitCode(runner);
    expect(await exitCode(spawnRunner(file, dir, { ...env, STANDIN_PAIR_DELAY_MS: '0' }))).toBe(0);
    const done = execLog(log).filter((l) => l.event === 'agents-done');
    const perPair = new Map<string, number>();
    for (const l of done) perPair.set(`${l.run}/${l.pair}`, (perPair.get(`${l.run}/${l.pair}`) ?? 0) + 1);
    expect(perPair.size).toBe(2 * PAIRS.length);
    expect([...perPair.values()].every((n) => n === 1)).toBe(true);
  });

  it('SIGTERM stops the running invocation and leaves a resumable state', { timeout: 120_000 }, async () => {
    const { dir, file, env, runner, logs } = await startHangingRunner();
    runner.kill('SIGTERM');
    expect(await exitCode(runner)).toBe(130);
    const run = onlyRun(logs);
    expect(run.manifest().attempts.at(-1)!.reason).toMatch(/cancelled/);
    expect(existsSync(run.lock)).toBe(false);
    expect(await exitCode(spawnRunner(file, dir, { ...env, STANDIN_HANG: '' }))).toBe(0);
  });

  it('records an attempt whose child was killed by a signal, and counts the cost of the pairs it finished', async () => {
    const dir = workdir();
    const e = experiment(dir, { arms: ['solo'], retries: { max: 0, backoff_seconds: 0 } });
    const report = await withEnv({ ...noQuirks, STANDIN_DIE_AFTER: '1' }, () => run(e, dir));
    const [inv] = report.invocations;
    expect(inv).toMatchObject({ state: 'incomplete', attempts: 1, pairs_with_result: 1 });
    const m = manifestOf(e, inv!.run);
    expect(m.attempts).toHaveLength(1);
    expect(m.attempts[0]).toMatchObject({ exit_code: null, signal: 'SIGKILL', infra_error: true, reason: 'run: killed by SIGKILL' });
    expect(m.attempts[0]!.ended_at).not.toBeNull();
    expect(inv!.cost_usd).toBeGreaterThan(0);
    expect(inv!.cost_usd).toBeCloseTo(inv!.current_results_cost_usd, 9);
  });

  it('the spend counts executions whose result.json a re-run overwrote, across runner executions', async () => {
    const dir = workdir();
    const log = join(dir, 'exec.log');
    const e = experiment(dir, { arms: ['solo'] });
    const inv = buildPlan(e).invocations[0]!;
    // An earlier execution of the first pair whose agent ended in Error after spending $50.
    const [repo, task, [a, b]] = PAIRS[0]!;
    const pairDir = join(e.log_dir, inv.runName, 'solo', repo, String(task), `f${a}_f${b}`);
    mkdirSync(pairDir, { recursive: true });
    writeFileSync(join(pairDir, 'result.json'), JSON.stringify({ repo, task_id: task, features: [a, b], setting: 'solo', agent: { status: 'Error', cost: 50 }, total_cost: 50, started_at: '2026-01-01T00:00:00', ended_at: '2026-01-01T00:10:00' }));
    const report = await withEnv({ ...noQuirks, STANDIN_EXEC_LOG: log }, () => run(e, dir));
    const [r] = report.invocations;
    expect(r!.state).toBe('complete');
    // Upstream re-ran the pair in place: result.json no longer says $50, the spend still does.
    expect(execLog(log).filter((l) => l.event === 'agents-done' && l.pair === `${repo}/${task}/f${a}_f${b}`)).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(pairDir, 'result.json'), 'utf8')).total_cost).not.toBe(50);
    expect(r!.current_results_cost_usd).toBeGreaterThan(0);
    expect(r!.cost_usd).toBeCloseTo(r!.current_results_cost_usd + 50, 6);
    expect(report.total_cost_usd).toBeCloseTo(r!.cost_usd, 9);
    // A later runner execution (resume) still counts it.
    const again = await run(e, dir);
    expect(again.invocations[0]).toMatchObject({ state: 'already-complete' });
    expect(again.total_cost_usd).toBeCloseTo(report.total_cost_usd, 9);
  });

  it('sets budget_reached when the only invocation overspends (no invocation left to skip)', async () => {
    const dir = workdir();
    const e = experiment(dir, { arms: ['solo'], budget_usd: 0.5 });
    const report = await withEnv(noQuirks, () => run(e, dir));
    expect(report.invocations[0]!.state).toBe('complete');
    expect(report.total_cost_usd).toBeGreaterThanOrEqual(0.5);
    expect(report.budget_reached).toBe(true);
  });

  it('an earlier overspend (re-run costs included) skips every new invocation', async () => {
    const dir = workdir();
    const e = experiment(dir, { models: ['a/m1', 'b/m2'], arms: ['solo'], budget_usd: 40 });
    const inv = buildPlan(e).invocations[0]!;
    const [repo, task, [a, b]] = PAIRS[0]!;
    const pairDir = join(e.log_dir, inv.runName, 'solo', repo, String(task), `f${a}_f${b}`);
    mkdirSync(pairDir, { recursive: true });
    writeFileSync(join(pairDir, 'result.json'), JSON.stringify({ agent: { status: 'Error' }, total_cost: 123.73 }));
    const report = await withEnv(noQuirks, () => run(e, dir));
    expect(report.invocations.map((i) => i.state)).toEqual(['budget-skipped', 'budget-skipped']);
    expect(report.total_cost_usd).toBeCloseTo(123.73, 6);
    expect(report.budget_reached).toBe(true);
  });

  it('starts no retry once the budget is reached', async () => {
    const dir = workdir();
    const e = experiment(dir, { arms: ['solo'], budget_usd: 0.01, retries: { max: 2, backoff_seconds: 0 } });
    const report = await withEnv({ ...noQuirks, STANDIN_DIE_AFTER: '1' }, () => run(e, dir));
    const [inv] = report.invocations;
    expect(inv).toMatchObject({ state: 'incomplete', attempts: 1 });
    expect(inv!.infra_failures.at(-1)).toMatch(/no attempt 2: budget of \$0.01 reached/);
    expect(report.budget_reached).toBe(true);
    expect(manifestOf(e, inv!.run).attempts).toHaveLength(1);
  });

  it('a missing cooperbench executable is reported as such, before anything is written', async () => {
    const dir = workdir();
    const e = experiment(dir, { arms: ['solo'], cooperbench: join(dir, 'no-such-cooperbench') });
    await expect(run(e, dir)).rejects.toThrow(ExecutableError);
    await expect(run(e, dir)).rejects.toThrow(`executable not found: ${join(dir, 'no-such-cooperbench')}`);
    expect(existsSync(e.log_dir)).toBe(false);
    const bare = experiment(dir, { arms: ['solo'], cooperbench: 'no-such-cooperbench-on-path' });
    await expect(run(bare, dir)).rejects.toThrow(/executable not found: no-such-cooperbench-on-path \(not on PATH/);
    // Should it vanish between the check and the start, the attempt says so too (not "exit code null").
    mkdirSync(join(dir, 'run'), { recursive: true });
    const child = await runChild({ argv: [join(dir, 'gone'), 'run'], cwd: dir, runDir: join(dir, 'run'), timeoutMs: null, signal: new AbortController().signal });
    expect(child.spawnError).toBe(`executable not found: ${join(dir, 'gone')}`);
  });

  it('a runner killed with kill -9 mid-attempt: the next runner records that attempt as killed', { timeout: 120_000 }, async () => {
    const { dir, file, env, runner, logs } = await startHangingRunner();
    runner.kill('SIGKILL');
    await exitCode(runner);
    const { manifest } = onlyRun(logs);
    // The dead runner could not finish its record: the attempt is there, open.
    expect(manifest().attempts).toEqual([expect.objectContaining({ ended_at: null, reason: expect.stringMatching(/^run: running/) })]);
    expect(await exitCode(spawnRunner(file, dir, { ...env, STANDIN_HANG: '' }))).toBe(0);
    const attempts = manifest().attempts;
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toMatchObject({ infra_error: true, signal: 'SIGTERM', reason: expect.stringMatching(/^run: killed: the runner \(pid \d+\) died during this attempt; the next runner stopped the orphaned process group \d+ with SIGTERM/) });
    expect(attempts[0]!.ended_at).not.toBeNull();
    expect(attempts[1]).toMatchObject({ infra_error: false, exit_code: 0 });
  });

  it('a second SIGTERM exits at once, SIGKILLs the child group and records the attempt as killed', { timeout: 120_000 }, async () => {
    const dir = workdir();
    const log = join(dir, 'exec.log');
    const file = writeExperiment(dir, { arms: ['solo'] });
    const env = { ...process.env, ...noQuirks, STANDIN_HANG: '1', STANDIN_IGNORE_SIGTERM: '1', STANDIN_SPAWN_GRANDCHILD: '1', STANDIN_EXEC_LOG: log, CI: 'true' };
    const runner = spawn(process.execPath, [RUNNER_CLI, 'run', '--experiment', file], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    runner.stderr.on('data', (d) => (stderr += String(d)));
    const exited = exitCode(runner);
    const logs = join(dir, 'logs');
    const grandchild = () => execLog(log).find((l) => l.event === 'grandchild');
    await waitFor(() => grandchild() !== undefined);
    expect(grandchild()?.pid).toBeGreaterThan(0);
    runner.kill('SIGTERM');
    // The child ignores SIGTERM, so the first stop is still waiting for it when the second signal comes.
    await waitFor(() => /stopping running invocations/.test(stderr), 600, 50);
    runner.kill('SIGTERM');
    expect(await exited).toBe(130);
    const run = onlyRun(logs);
    const m = run.manifest();
    expect(m.attempts).toHaveLength(1);
    expect(m.attempts[0]).toMatchObject({ signal: 'SIGKILL', infra_error: true, reason: expect.stringMatching(/^run: (killed: the runner got SIGTERM a second time|cancelled)/) });
    expect(m.attempts[0]!.ended_at).not.toBeNull();
    expect(existsSync(run.lock)).toBe(false);
    // Nothing of the invocation is left running (SIGKILL is synchronous for the kernel, but the exit is not).
    let alive = true;
    for (let i = 0; i < 100 && alive; i++) {
      try {
        process.kill(grandchild()!.pid, 0);
        await new Promise((r) => setTimeout(r, 50));
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
  });
});
