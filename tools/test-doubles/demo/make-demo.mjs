#!/usr/bin/env node
// Regenerates the embedded SYNTHETIC demo dataset: a synthesized 50-pair subset
// (data/demo/dataset/subsets/demo.json), then the demo experiment (data/experiment.yaml) run by
// the real runner against the stand-in CLI, writing data/logs/. Nothing here is a real agent run.
// Usage (from the workspace root, after `npx nx run-many -t build`): node tools/test-doubles/demo/make-demo.mjs
// Re-running it over existing logs runs nothing new; the runner report (data/runner/demo.json) keeps
// every invocation's attempt history, which the runner reads from the run manifests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { EXIT_CODES_HELP, exitOnError, parseOptions } from '@cooperbench-repro/contracts';
import { synthesizePairs, toSubsetFile } from '../dist/synthetic-logs/index.js';

const HELP = `make-demo.mjs: regenerates the SYNTHETIC demo dataset (data/demo/dataset/subsets/demo.json) and runs
the demo experiment (data/experiment.yaml) with the runner against the stand-in CLI, writing data/logs/
and data/runner/demo.json (attempt history kept). Run from the workspace root after the build.
Usage: node tools/test-doubles/demo/make-demo.mjs
Exit codes: the runner's (0 done, 1 data problem, 2 usage, 3 budget reached).
${EXIT_CODES_HELP}
`;
const argv = process.argv.slice(2);
let options;
try {
  options = parseOptions(argv, {}); // the shared parser: only --help and --debug
} catch (err) {
  exitOnError(err, [], { usage: HELP, argv });
}
if (options.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const subset = toSubsetFile(synthesizePairs({ pairs: 50, seed: 7 }), 'demo', 'SYNTHETIC demo subset: 50 pairs synthesized by tools/test-doubles/synthetic-logs (seed 7); not the real dataset');
mkdirSync('data/demo/dataset/subsets', { recursive: true });
writeFileSync('data/demo/dataset/subsets/demo.json', `${JSON.stringify(subset, null, 2)}\n`);
try {
  execFileSync(process.execPath, ['packages/runner/dist/cli.js', 'run', '--experiment', 'data/experiment.yaml'], {
    stdio: 'inherit',
    env: { ...process.env, STANDIN_SEED: '7' },
  });
} catch (err) {
  // The runner has said what went wrong; pass its exit code on without a stack trace.
  process.exit(typeof err.status === 'number' ? err.status : 1);
}
