#!/usr/bin/env node
import { mkdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { isEra } from './era.js';
import { InvalidNameError } from './names.js';
import { readSubsetFile, synthesizePairs, type PairSpec } from './pairs.js';
import { writeTree } from './write-tree.js';

const HELP = `synthetic-logs: write synthetic cooperbench run directories (upstream layout + repro manifests)

Usage:
  node tools/test-doubles/dist/synthetic-logs/cli.js --out DIR --models a,b (--subset FILE | --pairs N) [options]
      --subset FILE            subset file {"tasks":[{"repo","task_id","pairs":[[a,b],...]}]}
      --pairs N                or synthesize N pairs (--tasks T; default ~22 pairs a task, at most 30) over the 12 dataset repos
      --out DIR                log root to write run directories into
      --models LIST            litellm model strings, comma-separated
      --arms LIST              default solo,coop-msg,coop-nomsg
      --solo-seeds LIST        default 0 (one solo run per seed)
      --seed N                 generator seed (default 42); same seed -> byte-identical tree
      --era ERA                identical-naive (>= 0.0.16, default) or naive-union (<= 0.0.15)
      --test-output-bytes N    per-feature test output size: N or MIN-MAX (default 300-3000)
      --framework NAME         claude_code (default) or mini_swe_agent_v2
      --trajectories           also write *_traj.json
      --prefix NAME            run name prefix (default synth)
      --subset-name NAME       recorded in manifests (default: the subset file's name)
      --experiment NAME        recorded in manifests
      --overwrite              replace run directories this tool wrote before

Every JSON file carries "_synthetic"; manifests say "synthetic": true.
`;

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

function intList(flag: string, value: string): number[] {
  const out = value.split(',').filter(Boolean).map(Number);
  if (out.some((n) => !Number.isSafeInteger(n) || n < 0)) fail(`${flag} ${JSON.stringify(value)}: expected comma-separated non-negative integers`);
  return out;
}

function sizeRange(value: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(value);
  if (!m) fail(`--test-output-bytes ${JSON.stringify(value)}: expected N or MIN-MAX (bytes)`);
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (hi < lo) fail(`--test-output-bytes ${value}: MIN must not exceed MAX`);
  return [lo, hi];
}

function main(): void {
  const { values } = parseArgs({
    options: {
      subset: { type: 'string' },
      pairs: { type: 'string' },
      tasks: { type: 'string' },
      out: { type: 'string' },
      models: { type: 'string' },
      arms: { type: 'string', default: 'solo,coop-msg,coop-nomsg' },
      'solo-seeds': { type: 'string', default: '0' },
      seed: { type: 'string', default: '42' },
      era: { type: 'string', default: 'identical-naive' },
      'test-output-bytes': { type: 'string', default: '300-3000' },
      framework: { type: 'string', default: 'claude_code' },
      trajectories: { type: 'boolean', default: false },
      prefix: { type: 'string', default: 'synth' },
      'subset-name': { type: 'string' },
      experiment: { type: 'string' },
      overwrite: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (!values.out) fail(`--out DIR is required\n\n${HELP}`);
  if (!values.models) fail(`--models LIST is required\n\n${HELP}`);
  if (!!values.subset === !!values.pairs) fail('give exactly one of --subset FILE or --pairs N');
  if (!isEra(values.era)) fail(`--era ${JSON.stringify(values.era)}: expected identical-naive or naive-union`);
  const [seed] = intList('--seed', values.seed);

  let pairs: PairSpec[];
  let subsetName: string | null = values['subset-name'] ?? null;
  if (values.subset) {
    pairs = readSubsetFile(values.subset);
    const declared = (JSON.parse(readFileSync(values.subset, 'utf8')) as { name?: unknown }).name;
    subsetName ??= typeof declared === 'string' ? declared : basename(values.subset).replace(/\.json$/, '');
  } else {
    const [n] = intList('--pairs', values.pairs!);
    const tasks = values.tasks === undefined ? undefined : intList('--tasks', values.tasks)[0];
    pairs = synthesizePairs({ pairs: n!, tasks, seed: seed! });
  }

  mkdirSync(values.out, { recursive: true });
  const started = performance.now();
  const runs = writeTree(
    values.out,
    {
      models: values.models.split(',').filter(Boolean),
      arms: values.arms.split(',').filter(Boolean),
      soloSeeds: intList('--solo-seeds', values['solo-seeds']),
      era: values.era,
      agentFramework: values.framework,
      subset: subsetName,
      experiment: values.experiment ?? null,
      prefix: values.prefix,
    },
    pairs,
    { seed: seed!, testOutputBytes: sizeRange(values['test-output-bytes']), trajectories: values.trajectories, overwrite: values.overwrite },
    (r) => process.stdout.write(`  ${r.runName}: ${r.pairDirs} pair dirs, ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB\n`),
  );
  const bytes = runs.reduce((n, r) => n + r.bytes, 0);
  process.stdout.write(`synthetic-logs: ${runs.length} runs, ${runs.reduce((n, r) => n + r.pairDirs, 0)} pair dirs, ${(bytes / 1e6).toFixed(1)} MB in ${values.out} (${((performance.now() - started) / 1000).toFixed(1)}s)\n`);
}

try {
  main();
} catch (err) {
  if (err instanceof InvalidNameError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) fail(err.message);
  throw err;
}
