import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_MANIFEST_FILE, RunManifestSchema } from '@cooperbench-repro/contracts';
import { collect } from '@cooperbench-repro/collector';
import { buildPlan } from './plan.js';
import { runExperiment } from './run-experiment.js';
import { ArmMismatchError } from './manifest.js';
import { execLog, experiment, PAIRS, RUNNER_CLI, silent, withEnv, workdir, writeExperiment } from './test-support/standin.js';

const run = (e: ReturnType<typeof experiment>, dir: string, mode: 'run' | 'eval' = 'run', signal = new AbortController().signal) =>
  runExperiment(e, { cwd: dir, progress: silent, signal, mode, sleep: async () => {} });

const manifestOf = (e: ReturnType<typeof experiment>, runName: string) =>
  RunManifestSchema.parse(JSON.parse(readFileSync(join(e.log_dir, runName, RUN_MANIFEST_FILE), 'utf8')));

const noQuirks = { STANDIN_ERROR_RATE: '0', STANDIN_MISSING_EVAL_RATE: '0' };

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
    const started = Date.now();
    const log = join(dir, 'exec.log');
    const report = await withEnv({ STANDIN_HANG: '1', STANDIN_IGNORE_SIGTERM: '1', STANDIN_SPAWN_GRANDCHILD: '1', STANDIN_EXEC_LOG: log }, () => run(e, dir));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(report.invocations[0]!.state).toBe('incomplete');
    const m = manifestOf(e, report.invocations[0]!.run);
    expect(m.attempts[0]!.reason).toMatch(/timed out/);
    expect(existsSync(join(e.log_dir, report.invocations[0]!.run, '.cooperbench-repro.lock'))).toBe(false);
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

  it('resumes after kill -9 of the runner mid-run: no finished pair lost, none run twice', async () => {
    const dir = workdir();
    const log = join(dir, 'exec.log');
    const file = writeExperiment(dir, { arms: ['solo', 'coop-msg'] });
    const env = { ...process.env, ...noQuirks, STANDIN_EXEC_LOG: log, STANDIN_PAIR_DELAY_MS: '400', CI: 'true' };
    const runner = spawn(process.execPath, [RUNNER_CLI, 'run', '--experiment', file, '--quiet'], { cwd: dir, env, stdio: 'ignore' });
    // Wait until some pair has finished, then kill the runner without warning.
    for (let i = 0; i < 100 && execLog(log).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(execLog(log).length).toBeGreaterThan(0);
    runner.kill('SIGKILL');
    await new Promise((r) => runner.once('exit', r));
    const resumed = spawn(process.execPath, [RUNNER_CLI, 'run', '--experiment', file, '--quiet'], { cwd: dir, env: { ...env, STANDIN_PAIR_DELAY_MS: '0' }, stdio: 'ignore' });
    const code = await new Promise((r) => resumed.once('exit', r));
    expect(code).toBe(0);
    const done = execLog(log).filter((l) => l.event === 'agents-done');
    const perPair = new Map<string, number>();
    for (const l of done) perPair.set(`${l.run}/${l.pair}`, (perPair.get(`${l.run}/${l.pair}`) ?? 0) + 1);
    expect(perPair.size).toBe(2 * PAIRS.length);
    expect([...perPair.values()].every((n) => n === 1)).toBe(true);
  });

  it('SIGTERM stops the running invocation and leaves a resumable state', async () => {
    const dir = workdir();
    const file = writeExperiment(dir, { arms: ['solo'] });
    const env = { ...process.env, ...noQuirks, STANDIN_HANG: '1', CI: 'true' };
    const runner = spawn(process.execPath, [RUNNER_CLI, 'run', '--experiment', file, '--quiet'], { cwd: dir, env, stdio: 'ignore' });
    const logs = join(dir, 'logs');
    for (let i = 0; i < 100 && !(existsSync(logs) && readdirSync(logs).some((r) => existsSync(join(logs, r, '.cooperbench-repro.lock')))); i++) await new Promise((r) => setTimeout(r, 100));
    runner.kill('SIGTERM');
    const code = await new Promise((r) => runner.once('exit', r));
    expect(code).toBe(130);
    const runName = readdirSync(logs).find((n) => !n.startsWith('.'))!;
    const m = RunManifestSchema.parse(JSON.parse(readFileSync(join(logs, runName, RUN_MANIFEST_FILE), 'utf8')));
    expect(m.attempts.at(-1)!.reason).toMatch(/cancelled/);
    expect(existsSync(join(logs, runName, '.cooperbench-repro.lock'))).toBe(false);
    const resumed = spawn(process.execPath, [RUNNER_CLI, 'run', '--experiment', file, '--quiet'], { cwd: dir, env: { ...env, STANDIN_HANG: '' }, stdio: 'ignore' });
    expect(await new Promise((r) => resumed.once('exit', r))).toBe(0);
  });
});
