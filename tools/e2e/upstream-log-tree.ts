import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { CollectReportSchema, type CollectReport, type RunRecord } from '@cooperbench-repro/contracts';
import { WORKSPACE } from './temp-workspace.js';

/**
 * Hand-built upstream log trees for the end-to-end policy tests: the upstream files in the shapes of
 * upstream-cooperbench.md sections 2.5-2.7, collected by the real collector CLI, then counted by a
 * stage's real CLI. (The collector's own fixture helpers are not part of its public index, nor of the
 * inputs Nx hashes for the e2e target.)
 */

export const CLI = {
  collect: join(WORKSPACE, 'packages/collector/dist/cli.js'),
  difficulty: join(WORKSPACE, 'packages/difficulty/dist/cli.js'),
  outcomes: join(WORKSPACE, 'packages/outcomes/dist/cli.js'),
  communication: join(WORKSPACE, 'packages/communication/dist/cli.js'),
  failureModes: join(WORKSPACE, 'packages/failure-modes/dist/cli.js'),
  figures: join(WORKSPACE, 'packages/figures/dist/cli.js'),
};
/** Several node processes per test: generous, so a loaded machine does not fail it. */
export const TIMEOUT = 600_000;

export type Pair = [repo: string, task: number, a: number, b: number];
export const pairDir = ([repo, task, a, b]: Pair) => `${repo}/${task}/f${a}_f${b}`;

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

export function writeFile(root: string, rel: string, content: unknown): string {
  const abs = join(root, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return abs;
}

const PATCH = 'diff --git a/src/app.py b/src/app.py\n--- a/src/app.py\n+++ b/src/app.py\n@@ -1,1 +1,2 @@\n a = 1\n+b = 2\n';
const agent = (extra: object = {}) => ({ status: 'Submitted', cost: 0.25, steps: 10, patch_lines: 2, error: null, ...extra });
const resultHead = ([repo, task, a, b]: Pair, run: string, setting: string) => ({ repo, task_id: task, features: [a, b], setting, run_name: run, agent_framework: 'mini_swe_agent_v2', model: 'upstream/model', total_cost: 0.5, total_steps: 20 });
const tested = (fid: number, passed: boolean) => ({ feature_id: fid, passed, exit_code: passed ? 0 : 1, tests_passed: passed ? 3 : 0, tests_failed: passed ? 0 : 2, test_output: passed ? '3 passed' : '2 failed' });
const untested = { feature_id: null, passed: false, exit_code: null, tests_passed: 0, tests_failed: 0, test_output: '' };

function coopEval([repo, task, a, b]: Pair, merge: object, f: [object, object], passed: boolean, over: object = {}) {
  return { repo, task_id: task, features: [a, b], setting: 'coop', merge, feature1: f[0], feature2: f[1], both_passed: passed, error: null, evaluated_at: '2026-03-01T11:00:00', apply_status: { agent1: 'applied', agent2: 'applied' }, ...over };
}

/** Coop eval.json of each merge path of both eras (<= 0.0.15 naive -> union; >= 0.0.16 identical -> naive -> agent 1 alone). */
export const EVAL = {
  cleanPass: (p: Pair) => coopEval(p, { status: 'clean', strategy: 'naive', diff: 'x' }, [tested(p[2], true), tested(p[3], true)], true),
  unionPass: (p: Pair) => coopEval(p, { status: 'conflicts', strategy: 'union', diff: 'x' }, [tested(p[2], true), tested(p[3], true)], true),
  unmergeable: (p: Pair) =>
    coopEval(p, { status: 'error', strategy: null, diff: '' }, [untested, untested], false, {
      apply_status: { agent1: 'unknown', agent2: 'unknown' },
      error: 'Both naive and union merge strategies failed. Naive: conflicts. Union: Union merge still has conflicts',
    }),
  identicalPass: (p: Pair) => {
    const f = { passed: true, output: '3 passed', exit_code: 0, tests_passed: 3, tests_failed: 0 };
    return coopEval(p, { status: 'identical', strategy: 'skip-merge-identical', diff: 'x' }, [f, f], true);
  },
  soloAgent1Pass: (p: Pair) => coopEval(p, { status: 'conflicts', strategy: 'solo-agent1', diff: 'x' }, [tested(p[2], true), tested(p[3], true)], true),
  naiveConflict: (p: Pair) => coopEval(p, { status: 'conflicts', strategy: 'naive', diff: 'x' }, [{ ...tested(p[2], false), exit_code: null }, { ...tested(p[3], false), exit_code: null }], false),
};

/** Solo: `pass`/`fail` both features, or `null` for a pair whose eval never ran (no eval.json). */
export function soloPair(root: string, run: string, pair: Pair, outcome: boolean | null) {
  const [repo, task, a, b] = pair;
  const dir = `${run}/solo/${pairDir(pair)}`;
  writeFile(root, `${dir}/result.json`, { ...resultHead(pair, run, 'solo'), agent: agent() });
  writeFile(root, `${dir}/solo.patch`, PATCH);
  if (outcome === null) return;
  const f = { passed: outcome, test_output: outcome ? '3 passed' : '2 failed' };
  writeFile(root, `${dir}/eval.json`, { repo, task_id: task, features: [a, b], setting: 'solo', merge: null, feature1: f, feature2: f, both_passed: outcome, error: null, evaluated_at: '2026-03-01T11:00:00' });
}

/** conversation.json (section 2.7): sent messages, alternating agent 1 -> agent 2 and back. */
export function conversation(pair: Pair, texts: readonly string[]) {
  return texts.map((message, i) => ({ from: `agent${1 + (i % 2)}`, to: `agent${2 - (i % 2)}`, message, timestamp: 1_772_000_000 + i, feature_id: pair[2 + (i % 2)] }));
}

/** A coop pair with the given eval.json (null: the eval never ran) and sent messages. */
export function coopPair(root: string, run: string, pair: Pair, ev: object | null, messages: readonly object[] = []) {
  const [, , a, b] = pair;
  const dir = `${run}/coop/${pairDir(pair)}`;
  writeFile(root, `${dir}/result.json`, { ...resultHead(pair, run, 'coop'), agents: { agent1: agent({ feature_id: a }), agent2: agent({ feature_id: b }) }, messages_sent: messages.length });
  writeFile(root, `${dir}/conversation.json`, messages);
  writeFile(root, `${dir}/agent${a}.patch`, PATCH);
  writeFile(root, `${dir}/agent${b}.patch`, PATCH);
  if (ev !== null) writeFile(root, `${dir}/eval.json`, ev);
}

/** The run -> arm/seed/model/upstream version mapping (contracts' ArmMappingSchema). */
export function arms(runs: Record<string, { arm: string; seed: number; model: string; upstream_version?: string }>) {
  return { schema: 'cooperbench-repro/run-arms@1', runs: Object.entries(runs).map(([match, v]) => ({ match, upstream_version: null, ...v })) };
}

export function runCli(cli: string, args: string[], cwd: string) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
}

export interface Tree {
  store: string;
  reportFile: string;
  records: Map<string, RunRecord>;
  report: CollectReport;
}

/** Collects a tree with the real collector CLI; returns the store, its records by record id and the report. */
export function collectTree(root: string, mapping: object): Tree {
  const dir = tempDir('cb-policies-');
  const mappingFile = writeFile(dir, 'run-arms.json', mapping);
  const store = join(dir, 'results.jsonl');
  const r = runCli(CLI.collect, ['collect', '--log-root', root, '--mapping', mappingFile, '--imported', join(dir, 'no-imported'), '--out', store, '--report', join(dir, 'collect-report.json'), '--index', join(dir, 'collect-index.json'), '--quiet'], dir);
  expect(r.status, r.stderr).toBe(0);
  const records = new Map<string, RunRecord>();
  for (const line of readFileSync(store, 'utf8').split('\n').filter(Boolean)) {
    const rec = JSON.parse(line) as RunRecord;
    records.set(rec.record_id, rec);
  }
  const reportFile = join(dir, 'collect-report.json');
  return { store, reportFile, records, report: CollectReportSchema.parse(JSON.parse(readFileSync(reportFile, 'utf8'))) };
}

/** Runs a stage CLI on a store with a config written here; `file()` reads its output when one was written. */
export function stage<T>(cli: string, schema: { parse(x: unknown): T }, store: string, config: object) {
  const dir = tempDir('cb-policies-stage-');
  const configFile = writeFile(dir, 'config.json', config);
  const out = join(dir, 'out.json');
  const r = runCli(cli, ['--store', store, '--config', configFile, '--out', out], dir);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, written: existsSync(out), file: () => schema.parse(JSON.parse(readFileSync(out, 'utf8'))) };
}
