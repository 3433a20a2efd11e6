#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isEra } from '@cooperbench-repro/test-doubles';
import { BenchTree, listCollectedFiles } from './bench-tree.js';
import { flipRunEvals } from './flip-evals.js';
import { referenceRead, warmPageCache } from './reference-read.js';
import { runMeasured, type Measured } from './spawn-measured.js';
import { diffStores, sha256File, storeLines } from './store-diff.js';

/**
 * Collector benchmark on a large synthetic tree (default 652 pairs x 5 models x {solo seeds 0,1,2,
 * coop-msg, coop-nomsg} = 16,300 pair directories, 20-200 KB of test output per feature), kept in
 * /tmp. Measures cold collection against an in-process read+parse of the same files, the collector's
 * peak memory, a warm re-collect, and re-collects after one run's evals change (the median of --runs).
 * Prints figures and targets; it never fails on a missed target (it is a benchmark, not a test).
 */

const HELP = `collector-bench: the collector on a large synthetic log tree (generated once, kept in --dir)

usage: node tools/bench/dist/collector-bench.js [options]
  --dir DIR                 where the tree and the outputs live, outside the repository (default /tmp/cb-bench)
  --pairs N                 pairs per run (default 652)
  --models N                models, 5 runs each (default 5)
  --seed N                  generator seed (default 1)
  --test-output-bytes A-B   test output per feature, bytes (default 20000-200000)
  --era ERA                 identical-naive or naive-union (default identical-naive)
  --runs N                  one-run changes measured; the median is reported (default 5)
  -h, --help                this text

Exit codes: 0 measured (targets met or not), 2 bad option or the collector is not built.
`;

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// The bundled CLI: what `nx run collector:collect` runs.
const COLLECTOR_CLI = join(REPO_ROOT, 'packages/collector/bundle/cli.js');
const MODEL_NAMES = ['openai/gpt-synth-4o', 'anthropic/claude-synth-sonnet', 'vertex_ai/gemini-synth-flash-preview', 'cohere/command-synth-a', 'together_ai/qwen-synth-coder', 'mistral/devstral-synth', 'xai/grok-synth', 'deepseek/deepseek-synth'];

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

const mb = (bytes: number) => bytes / 1e6;
const fmt = (n: number, digits = 2) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function parseOptions() {
  const { values } = parseArgs({
    options: {
      pairs: { type: 'string', default: '652' },
      models: { type: 'string', default: '5' },
      dir: { type: 'string', default: '/tmp/cb-bench' },
      seed: { type: 'string', default: '1' },
      'test-output-bytes': { type: 'string', default: '20000-200000' },
      era: { type: 'string', default: 'identical-naive' },
      runs: { type: 'string', default: '5' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const int = (flag: string, v: string) => (/^\d+$/.test(v) ? Number(v) : fail(`--${flag} ${JSON.stringify(v)}: expected a non-negative integer`));
  const pairs = int('pairs', values.pairs);
  const runs = int('runs', values.runs);
  if (runs < 1) fail('--runs must be at least 1');
  const models = int('models', values.models);
  if (pairs < 1 || models < 1) fail('--pairs and --models must be at least 1');
  const range = /^(\d+)-(\d+)$/.exec(values['test-output-bytes']) ?? fail('--test-output-bytes: expected MIN-MAX');
  if (!isEra(values.era)) fail('--era: expected identical-naive or naive-union');
  const dir = resolve(values.dir);
  const rel = relative(REPO_ROOT, dir);
  if (!rel.startsWith('..') && !isAbsolute(rel)) fail(`--dir ${dir} is inside the repository; use a directory under /tmp`);
  return {
    dir,
    runs,
    params: {
      pairs,
      models: Array.from({ length: models }, (_, i) => MODEL_NAMES[i] ?? `synthetic/model-${i + 1}`),
      soloSeeds: [0, 1, 2],
      seed: int('seed', values.seed),
      testOutputBytes: [Number(range[1]), Number(range[2])] as [number, number],
      era: values.era,
    },
  };
}

function collectArgs(logRoot: string, work: string): string[] {
  return [COLLECTOR_CLI, 'collect', '--log-root', logRoot, '--mapping', '/nonexistent', '--imported', '/nonexistent', '--out', join(work, 'results.jsonl'), '--report', join(work, 'report.json'), '--index', join(work, 'index.json'), '--quiet'];
}

async function collectOnce(label: string, logRoot: string, work: string): Promise<Measured> {
  // Everything written so far (the evals just rewritten, the previous collection's outputs) goes to disk
  // first, as it would have long before a real re-collect: otherwise the collection shares the disk and
  // the cores with that writeback, and each of several one-run changes in a row is slower than the last.
  execFileSync('sync');
  const m = await runMeasured(process.execPath, collectArgs(logRoot, work), REPO_ROOT);
  process.stdout.write(`  ${label}: exit ${m.exitCode}, ${fmt(m.seconds)} s; ${m.stdout.split('\n')[0]?.trim() ?? ''}\n`);
  if (m.exitCode !== 0) process.stdout.write(`  collector stderr:\n${m.stderr}\n`);
  return m;
}

async function main(): Promise<void> {
  const { dir, runs, params } = parseOptions();
  if (!existsSync(COLLECTOR_CLI)) fail(`${COLLECTOR_CLI} not found; build first: npx nx run collector:build`);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const tree = new BenchTree(dir, params);
  const work = join(dir, 'work');

  log(`collector benchmark: ${params.pairs} pairs x ${params.models.length} models x {solo seeds ${params.soloSeeds.join(',')}, coop-msg, coop-nomsg} in ${tree.logRoot}`);
  const generatedIn = tree.ensure(log);
  log(generatedIn > 0 ? `  tree generated in ${fmt(generatedIn, 1)} s` : '  tree reused (same parameters)');

  const files = listCollectedFiles(tree.logRoot);
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const pairDirs = files.filter((f) => f.path.endsWith('/result.json')).length;
  log(`  ${files.length.toLocaleString('en-US')} files the collector reads, ${fmt(mb(totalBytes), 1)} MB, ${pairDirs.toLocaleString('en-US')} pair dirs`);
  const warm = warmPageCache(files);
  log(`  page cache warmed (${fmt(warm)} s)`);
  const ref = referenceRead(files);
  const refRate = mb(ref.bytes) / ref.seconds;
  log(`  reference read+parse: ${fmt(ref.seconds)} s`);

  // Cold: no index, no previous store.
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const cold = await collectOnce('cold collect', tree.logRoot, work);
  const coldRate = mb(totalBytes) / cold.seconds;
  const storeFile = join(work, 'results.jsonl');
  const reportFile = join(work, 'report.json');
  const storeSha = existsSync(storeFile) ? sha256File(storeFile) : null;
  const reportSha = existsSync(reportFile) ? sha256File(reportFile) : null;

  // Warm: nothing changed; the store must come out byte-identical.
  const warmRun = await collectOnce('warm re-collect', tree.logRoot, work);
  const warmStoreSame = storeSha !== null && existsSync(storeFile) && sha256File(storeFile) === storeSha;
  const warmReportSame = reportSha !== null && existsSync(reportFile) && sha256File(reportFile) === reportSha;

  // One run re-evaluated, --runs times: rewrite every eval.json of one solo run (the largest evals), re-collect.
  const changedRun = tree.runs[0]!.runName;
  tree.markDirty(changedRun);
  const changes: { measured: Measured; files: number; diff: ReturnType<typeof diffStores> }[] = [];
  for (let i = 0; i < runs; i++) {
    const before = existsSync(storeFile) ? storeLines(storeFile) : new Map();
    const flip = flipRunEvals(join(tree.logRoot, changedRun));
    if (i === 0) log(`  rewrote ${flip.files} eval.json files in ${changedRun} (${flip.flipped} outcomes flipped), ${runs} time(s)`);
    const measured = await collectOnce(`re-collect after one run changed (${i + 1}/${runs})`, tree.logRoot, work);
    changes.push({ measured, files: flip.files, diff: diffStores(before, existsSync(storeFile) ? storeLines(storeFile) : new Map(), changedRun) });
  }
  tree.restoreRun(changedRun);
  log(`  ${changedRun} restored to its generated content`);
  const changedSeconds = changes.map((c) => c.measured.seconds).sort((a, b) => a - b);
  const changedMedian = changedSeconds[Math.floor((changedSeconds.length - 1) / 2)]!;
  const changed = changes.reduce((worst, c) => ((c.measured.peakRssBytes ?? 0) > (worst.measured.peakRssBytes ?? 0) ? c : worst)).measured;
  const allChanged = changes.every((c) => c.diff.changed.length === c.files);
  const noneElsewhere = changes.every((c) => c.diff.outside.length === 0 && c.diff.added.length === 0 && c.diff.removed.length === 0);
  const { diff, files: flipFiles } = changes[0]!;

  const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
  const rss = (m: Measured) => (m.peakRssBytes === null ? 'n/a' : `${fmt(m.peakRssBytes / 2 ** 20, 0)} MiB (${m.rssSource})`);
  const rows: [string, string, string, string][] = [
    ['tree', `${pairDirs.toLocaleString('en-US')} pair dirs, ${tree.runs.length} runs, ${files.length.toLocaleString('en-US')} files read, ${fmt(mb(totalBytes), 1)} MB`, '', ''],
    ['reference read+parse (in process)', `${fmt(ref.seconds)} s, ${fmt(refRate, 1)} MB/s`, '', ''],
    ['cold collect (no index)', `${fmt(cold.seconds)} s, ${fmt(coldRate, 1)} MB/s`, '', cold.exitCode === 0 ? '' : `exit ${cold.exitCode}`],
    ['  ratio to reference', `${fmt((100 * coldRate) / refRate, 1)} %`, '>= 60 %', ok(coldRate / refRate >= 0.6)],
    ['  peak RSS', rss(cold), '< 1 GB', cold.peakRssBytes === null ? '?' : ok(cold.peakRssBytes < 1e9)],
    ['warm re-collect (nothing changed)', `${fmt(warmRun.seconds)} s, peak RSS ${rss(warmRun)}`, 'fast', ''],
    ['  store byte-identical (sha256)', warmStoreSame ? 'yes' : 'NO', 'yes', ok(warmStoreSame)],
    ['  report byte-identical (sha256)', warmReportSame ? 'yes' : 'NO', '', ''],
    [`re-collect after 1 run changed (median of ${runs})`, `${fmt(changedMedian)} s [${changedSeconds.map((x) => fmt(x)).join(' ')}], peak RSS ${rss(changed)}`, '< 1 s', ok(changedMedian < 1)],
    ['  records changed in that run', `${diff.changed.length} of ${diff.recordsInRun} (${diff.outcomeFlips} outcomes flipped; every run: ${allChanged ? 'same' : 'NOT the same'})`, `${flipFiles} (one per eval.json)`, ok(allChanged)],
    ['  records changed elsewhere', `${diff.outside.length} (+${diff.added.length} added, -${diff.removed.length} removed)`, '0', ok(noneElsewhere)],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['measure', 'value', 'target', ''][i]!.length));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  log('');
  log(line(['measure', 'value', 'target', '']));
  log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) log(line(r));
  log('');
  log(`node ${process.version}; page cache warm and dirty pages written out (sync) before every measurement; collector: ${relative(REPO_ROOT, COLLECTOR_CLI)}; outputs in ${work}`);
}

await main();
