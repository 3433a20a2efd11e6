#!/usr/bin/env node
// Regenerates the embedded SYNTHETIC demo dataset: a synthesized 50-pair subset
// (data/demo/dataset/subsets/demo.json), then the demo experiment (data/experiment.yaml) run by
// the real runner against the stand-in CLI, writing data/logs/. Nothing here is a real agent run.
// Usage (from the workspace root, after `npx nx run-many -t build`): node tools/test-doubles/demo/make-demo.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { synthesizePairs, toSubsetFile } from '../dist/synthetic-logs/index.js';

const subset = toSubsetFile(synthesizePairs({ pairs: 50, seed: 7 }), 'demo', 'SYNTHETIC demo subset: 50 pairs synthesized by tools/test-doubles/synthetic-logs (seed 7); not the real dataset');
mkdirSync('data/demo/dataset/subsets', { recursive: true });
writeFileSync('data/demo/dataset/subsets/demo.json', `${JSON.stringify(subset, null, 2)}\n`);
execFileSync(process.execPath, ['packages/runner/dist/cli.js', 'run', '--experiment', 'data/experiment.yaml'], {
  stdio: 'inherit',
  env: { ...process.env, STANDIN_SEED: '7' },
});
