/**
 * Runner overhead benchmark (issue: under 50 ms per invocation, linear in invocations).
 * With an instant stand-in, schedules `pairs` x `models` x 5 arm/seed combinations (solo seeds 0-2,
 * coop with and without messaging), and reports wall time and the runner's own time per invocation:
 * (wall - sum of the children's own durations) / invocations, at 1/5, 2/5 and all of the models to
 * show how it grows. Run: node tools/bench/dist/runner-bench.js [--pairs 652] [--models 5] [--dir /tmp/cb-runner-bench]
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RUN_MANIFEST_FILE } from '@cooperbench-repro/contracts';
import { parseExperiment, runExperiment, buildPlan } from '@cooperbench-repro/runner';
import { synthesizePairs, toSubsetFile } from '@cooperbench-repro/test-doubles';

const { values } = parseArgs({ options: { pairs: { type: 'string', default: '652' }, models: { type: 'string', default: '5' }, dir: { type: 'string', default: '/tmp/cb-runner-bench' } } });
const pairs = Number(values.pairs);
const modelCount = Number(values.models);
const root = resolve(values.dir);
const instant = fileURLToPath(new URL('../instant-cooperbench.mjs', import.meta.url));
const silent = { begin() {}, update() {}, end() {}, line() {}, close() {} };

rmSync(root, { recursive: true, force: true });
mkdirSync(join(root, 'dataset/subsets'), { recursive: true });
writeFileSync(join(root, 'dataset/subsets/bench.json'), JSON.stringify(toSubsetFile(synthesizePairs({ pairs, seed: 1 }), 'bench')));

async function measure(models: number) {
  const logDir = join(root, `logs-${models}`);
  const e = parseExperiment('bench.json', JSON.stringify({
    name: 'bench', subset: 'bench', dataset_dir: join(root, 'dataset'), log_dir: logDir,
    models: Array.from({ length: models }, (_, i) => `bench/model-${i}`), arms: ['solo', 'coop-msg', 'coop-nomsg'], solo_seeds: [0, 1, 2],
    cooperbench: [process.execPath, instant], parallel_invocations: 1, retries: { max: 0, backoff_seconds: 0 },
  }));
  const started = performance.now();
  const report = await runExperiment(e, { cwd: root, progress: silent, signal: new AbortController().signal, mode: 'run' });
  const wall = performance.now() - started;
  let childMs = 0;
  for (const inv of buildPlan(e).invocations) {
    const m = JSON.parse(readFileSync(join(logDir, inv.runName, RUN_MANIFEST_FILE), 'utf8')) as { attempts: { started_at: string; ended_at: string }[] };
    for (const a of m.attempts) childMs += Date.parse(a.ended_at) - Date.parse(a.started_at);
  }
  const n = report.invocations.length;
  const complete = report.invocations.filter((i) => i.state === 'complete').length;
  return { models, invocations: n, complete, wallS: wall / 1000, childS: childMs / 1000, overheadMs: (wall - childMs) / n };
}

const rows = [];
for (const m of [...new Set([Math.max(1, Math.round(modelCount / 5)), Math.max(1, Math.round((2 * modelCount) / 5)), modelCount])]) rows.push(await measure(m));
console.log(`runner overhead, ${pairs} pairs per invocation, instant stand-in, 1 invocation at a time`);
console.log('| models | invocations | complete | wall s | children s | runner overhead per invocation |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.models} | ${r.invocations} | ${r.complete} | ${r.wallS.toFixed(2)} | ${r.childS.toFixed(2)} | ${r.overheadMs.toFixed(1)} ms ${r.overheadMs < 50 ? '(ok, < 50 ms)' : '(MISSED, target < 50 ms)'} |`);
