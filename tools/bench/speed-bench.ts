#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { publicDataRoot } from '@cooperbench-repro/public-data';
import { flipCoopOutcome } from './command-a-flip.js';
import { pipelineTasks, type PipelineTask } from '@cooperbench-repro/pipeline';
import { REPO_ROOT, createSpeedWorkspace, importLegacyArgs, ranForReal, timed, type SpeedWorkspace } from './speed-workspace.js';

const HELP = `speed-bench: how long regenerating every figure takes on the Command A records (real profile)

Usage: node tools/bench/dist/speed-bench.js [options]
  --runs N             runs per measurement, the median is reported    (default 5)
  --dir DIR            parent of the throwaway workspace               (default the OS temp dir)
  --source DIR         the workspace to copy (default this checkout), e.g. an export of a commit
                       (git archive HEAD | tar -x -C DIR); give it twice to compare two versions:
                       their runs alternate, so both see the same machine load
  --collector-dir DIR  also run the collector benchmark on the large synthetic tree kept in DIR
                       (generated on first use, 2.8 GB) and print its one-run-change line
  --keep               keep the throwaway workspace
  -h, --help           this text

Measures, in a copy of the workspace (the checkout's data and the public files are only read):
  (a) every stage and figure command of figures:build:real run cold one after the other, starting
      with collector import-legacy of the Command A results.json: in one process by the pipeline
      (packages/pipeline, its default -j), and each command as its own process (no Nx); also the part
      of the latter behind the paper's three figures (fig4, fig5, fig6), what the earlier implementation drew
  (b) one coop record's outcome flipped in the copy of that results.json, then re-imported and every
      figure rebuilt: by the pipeline (one command doing both), and by nx run collector:import-legacy
      + nx run figures:build -c real (every affected task re-runs)
  (c) a fully cached npx nx run figures:build -c real
A workspace without packages/pipeline (an older commit given with --source) has no pipeline lines.
Prints timings and targets; it never fails on a missed target (a benchmark, not a test).
Exit codes: 0 done, 1 a command failed, 2 bad usage.
`;

const TARGETS = { a: 2.7, b: 2.7, c: 1.0, collector: 1.0 };
/** The figures the earlier Python implementation drew (with the metrics they need). */
const PAPER_FIGURES = ['figures:fig4', 'figures:fig5', 'figures:fig6'];

function fail(message: string, code = 2): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { runs: { type: 'string', default: '5' }, dir: { type: 'string' }, source: { type: 'string', multiple: true, default: [] }, 'collector-dir': { type: 'string' }, keep: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  if (!/^[1-9]\d*$/.test(values.runs)) fail(`--runs ${JSON.stringify(values.runs)}: expected a positive integer`);
  return { runs: Number(values.runs), dir: values.dir, sources: values.source, collectorDir: values['collector-dir'], keep: values.keep };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (s: number) => s.toFixed(2);
const show = (x: { wall: number; cpu: number }) => `${fmt(x.wall)} s (CPU ${fmt(x.cpu)} s)`;
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Removes what the real profile writes, so the next run starts cold (no store, index or figures). */
function clearOutputs(ws: SpeedWorkspace): void {
  for (const d of ['data/real/imported', 'data/real/results.jsonl', 'data/real/collect-index.json', 'data/real/collect-report.json', 'figures/real']) rmSync(join(ws.dir, d), { recursive: true, force: true });
  for (const f of ['difficulty', 'communication', 'failure-modes', 'comparison']) rmSync(join(ws.dir, `data/real/${f}.json`), { force: true });
}

/** Wall and CPU seconds (user + system, the command and its children) of one measurement. */
interface Sample {
  wall: number;
  cpu: number;
}
const add = (a: Sample, b: { seconds: number; cpuSeconds: number }): Sample => ({ wall: a.wall + b.seconds, cpu: a.cpu + b.cpuSeconds });

/** One workspace under test and its samples, per measurement. */
interface Subject {
  label: string;
  ws: SpeedWorkspace;
  /** collector:import-legacy of the benchmark's copy, then every command of figures:build -c real. */
  tasks: PipelineTask[];
  /** The commands behind the paper's three figures (fig4, fig5, fig6): what the earlier implementation's 5.4 s covered. */
  paperFigureTasks: Set<string>;
  /** Whether the workspace has the pipeline (packages/pipeline), which older commits do not. */
  hasPipeline: boolean;
  samples: { a: Sample[]; aProcesses: Sample[]; aPaperFigures: Sample[]; b: Sample[]; bNx: Sample[]; c: Sample[]; cDirect: Sample[]; perTask: Map<string, Sample[]> };
}

const PIPELINE_CLI = 'packages/pipeline/bundle/cli.js';
/** The user's path after new results, as one command: re-import, then every stage and figure (the pipeline's default -j). */
const pipelineArgs = (ws: SpeedWorkspace) => [PIPELINE_CLI, '-c', 'real', 'collector:import-legacy', 'figures:build', '--', ...importLegacyArgs(ws)];

/** (a) by the pipeline: import-legacy, then every stage and figure, cold, in one process. */
function coldPipeline(s: Subject, run: number): void {
  if (!s.hasPipeline) return;
  clearOutputs(s.ws);
  const t = timed(s.ws, 'node', pipelineArgs(s.ws));
  const sample = add({ wall: 0, cpu: 0 }, t);
  s.samples.a.push(sample);
  log(`  (a) ${s.label} run ${run + 1}, pipeline in one process: ${show(sample)}`);
}

/** (a) as separate processes: import-legacy, then every stage and figure command in dependency order, each a cold process. */
function coldSequence(s: Subject, run: number): void {
  clearOutputs(s.ws);
  let total: Sample = { wall: 0, cpu: 0 };
  let paperFigures: Sample = { wall: 0, cpu: 0 };
  for (const step of s.tasks) {
    const t = add({ wall: 0, cpu: 0 }, timed(s.ws, step.command, step.args));
    total = add(total, { seconds: t.wall, cpuSeconds: t.cpu });
    if (s.paperFigureTasks.has(step.id)) paperFigures = add(paperFigures, { seconds: t.wall, cpuSeconds: t.cpu });
    s.samples.perTask.set(step.id, [...(s.samples.perTask.get(step.id) ?? []), t]);
  }
  s.samples.aProcesses.push(total);
  s.samples.aPaperFigures.push(paperFigures);
  log(`  (a) ${s.label} run ${run + 1}, one process per command: ${show(total)}; the paper's three figures alone ${show(paperFigures)}`);
}

const nxBin = (ws: SpeedWorkspace) => join(ws.dir, 'node_modules', '.bin', 'nx');
const NX_BUILD = ['run', 'figures:build', '-c', 'real', '--output-style=static'];

/** (b) by the pipeline: a new outcome in the Command A results.json (a different record each run), re-imported, every figure rebuilt, one command. */
function afterOneFlipPipeline(s: Subject, run: number): void {
  if (!s.hasPipeline) return;
  const flipped = flipCoopOutcome(s.ws.commandA, run + 1000);
  const sample = add({ wall: 0, cpu: 0 }, timed(s.ws, 'node', pipelineArgs(s.ws)));
  s.samples.b.push(sample);
  log(`  (b) ${s.label} run ${run + 1}, pipeline: ${show(sample)}; ${flipped}`);
}

/** (b) through Nx: a new outcome in the Command A results.json (a different record each run), re-imported, every figure rebuilt. */
function afterOneFlip(s: Subject, run: number): void {
  const flipped = flipCoopOutcome(s.ws.commandA, run);
  const imp = timed(s.ws, nxBin(s.ws), ['run', 'collector:import-legacy', ...importLegacyArgs(s.ws), '--output-style=static']);
  const build = timed(s.ws, nxBin(s.ws), NX_BUILD);
  const total = add(add({ wall: 0, cpu: 0 }, imp), build);
  s.samples.bNx.push(total);
  const ran = ranForReal(build.output).filter((t) => !/^figures:build/.test(t));
  log(`  (b) ${s.label} run ${run + 1}: ${show(total)} (import-legacy ${fmt(imp.seconds)} s, figures:build ${fmt(build.seconds)} s); ${flipped}; ran ${ran.length}: ${ran.join(', ')}`);
}

/** (c): nothing changed; every task must be a cache hit. Through npx as a user types it, and through node_modules/.bin/nx. */
function fullyCached(s: Subject, run: number | null): void {
  for (const viaNpx of [true, false]) {
    const r = viaNpx ? timed(s.ws, 'npx', ['nx', ...NX_BUILD]) : timed(s.ws, nxBin(s.ws), NX_BUILD);
    const ran = ranForReal(r.output).filter((t) => !/^figures:build/.test(t));
    if (ran.length > 0) log(`  (c) ${s.label}: NOT fully cached, ran ${ran.join(', ')}`);
    if (run !== null) (viaNpx ? s.samples.c : s.samples.cDirect).push(add({ wall: 0, cpu: 0 }, r));
  }
}

/** The collector benchmark's one-run-change line (its own tree, generated on first use). */
function collectorOneRun(dir: string): string {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'tools/bench/dist/collector-bench.js'), '--dir', dir], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`collector benchmark exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout.split('\n').find((l) => l.includes('re-collect after 1 run changed'))?.trim() ?? '(no one-run-change line in the collector benchmark output)';
}

function setUp(label: string, source: string | undefined, parent: string | undefined): Subject {
  const ws = createSpeedWorkspace(publicDataRoot(), { source, parent });
  // The import first, with the arguments that import the benchmark's copy, then every command of figures:build.
  const tasks = pipelineTasks(ws.dir, ['collector:import-legacy', 'figures:build'], 'real');
  tasks[0]!.args.push(...importLegacyArgs(ws));
  log(`${label}: workspace ${ws.dir}; pipeline ${tasks.map((t) => t.id).join(', ')}`);
  timed(ws, nxBin(ws), ['run', 'collector:import-legacy', ...importLegacyArgs(ws)]);
  const warm = timed(ws, nxBin(ws), NX_BUILD);
  log(`  warm-up nx run figures:build -c real (builds every package): ${fmt(warm.seconds)} s`);
  const paperFigureTasks = new Set(['collector:import-legacy', ...pipelineTasks(ws.dir, PAPER_FIGURES, 'real').map((t) => t.id)]);
  // figures:build does not build the pipeline: an exported commit that has one gets it built here.
  if (existsSync(join(ws.dir, 'packages/pipeline/package.json')) && !existsSync(join(ws.dir, PIPELINE_CLI))) timed(ws, nxBin(ws), ['run', 'pipeline:build', '--output-style=static']);
  const hasPipeline = existsSync(join(ws.dir, PIPELINE_CLI));
  return { label, ws, tasks, paperFigureTasks, hasPipeline, samples: { a: [], aProcesses: [], aPaperFigures: [], b: [], bNx: [], c: [], cDirect: [], perTask: new Map() } };
}

function printTable(subjects: readonly Subject[]): void {
  const ok = (v: number, t: number) => (v <= t ? 'ok' : 'MISSED');
  const cells = (pick: (s: Subject) => Sample[], target?: number) =>
    subjects
      .map((s) => {
        if (pick(s).length === 0) return 'n/a';
        const wall = median(pick(s).map((x) => x.wall));
        return `${fmt(wall)} (CPU ${fmt(median(pick(s).map((x) => x.cpu)))})${target === undefined ? '' : ` ${ok(wall, target)}`}`;
      })
      .join(' | ');
  log('');
  log(`| measure (median of runs: wall seconds, CPU seconds of all its processes) | target (wall) | ${subjects.map((s) => s.label).join(' | ')} |`);
  log(`|---|---|${subjects.map(() => '---|').join('')}`);
  log(`| (a) every stage and figure, cold, one after the other: the pipeline, one process | <= ${TARGETS.a} | ${cells((s) => s.samples.a, TARGETS.a)} |`);
  log(`| (a) the same, one process per command | <= ${TARGETS.a} | ${cells((s) => s.samples.aProcesses, TARGETS.a)} |`);
  log(`| &nbsp;&nbsp;of which the paper's three figures (fig4, fig5, fig6, the stages they read, import-legacy) | (<= ${TARGETS.a}) | ${cells((s) => s.samples.aPaperFigures)} |`);
  for (const id of subjects[0]!.samples.perTask.keys()) log(`| &nbsp;&nbsp;${id} | | ${cells((s) => s.samples.perTask.get(id) ?? [{ wall: NaN, cpu: NaN }])} |`);
  log(`| (b) one coop outcome flipped, re-imported, every figure rebuilt: the pipeline, one command | <= ${TARGETS.b} | ${cells((s) => s.samples.b, TARGETS.b)} |`);
  log(`| (b) the same through Nx: nx import-legacy + nx figures:build -c real | <= ${TARGETS.b} | ${cells((s) => s.samples.bNx, TARGETS.b)} |`);
  log(`| (c) fully cached npx nx run figures:build -c real | <= ${TARGETS.c} | ${cells((s) => s.samples.c, TARGETS.c)} |`);
  log(`| &nbsp;&nbsp;same without npx (node_modules/.bin/nx) | | ${cells((s) => s.samples.cDirect)} |`);
  log('');
  const walls = (xs: Sample[]) => xs.map((x) => fmt(x.wall)).join(' ');
  for (const s of subjects) {
    log(`${s.label} wall samples: (a) pipeline ${walls(s.samples.a)}, processes ${walls(s.samples.aProcesses)}; (b) pipeline ${walls(s.samples.b)}, nx ${walls(s.samples.bNx)}; (c) ${walls(s.samples.c)}`);
  }
  log(`node ${process.version}`);
}

function main(): void {
  const opts = parseOptions();
  const sources = opts.sources.length > 0 ? opts.sources : [undefined];
  const subjects: Subject[] = [];
  try {
    sources.forEach((source, i) => subjects.push(setUp(sources.length > 1 ? `${String.fromCharCode(65 + i)} ${source}` : (source ?? 'this checkout'), source, opts.dir)));
    // Runs alternate between the workspaces, so a busy moment of the machine hits each of them alike.
    for (let run = 0; run < opts.runs; run++) for (const s of subjects) coldPipeline(s, run);
    for (let run = 0; run < opts.runs; run++) for (const s of subjects) coldSequence(s, run);
    for (let run = 0; run < opts.runs; run++) for (const s of subjects) afterOneFlipPipeline(s, run);
    for (let run = 0; run < opts.runs; run++) for (const s of subjects) afterOneFlip(s, run);
    for (const s of subjects) fullyCached(s, null);
    for (let run = 0; run < opts.runs; run++) for (const s of subjects) fullyCached(s, run);
    printTable(subjects);
    if (opts.collectorDir) log(`collector, one run changed on the large synthetic tree (target < ${TARGETS.collector} s): ${collectorOneRun(opts.collectorDir)}`);
  } finally {
    for (const s of subjects) {
      if (opts.keep) log(`workspace kept: ${s.ws.dir}`);
      else rmSync(s.ws.dir, { recursive: true, force: true });
    }
  }
}

try {
  main();
} catch (err) {
  fail(err instanceof Error ? err.message : String(err), 1);
}
