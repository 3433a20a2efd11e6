#!/usr/bin/env node
// Benchmark of `npm run fetch-data` against a local mirror (run on demand; build first:
// npx nx run public-data:build). Serves the public data found by the resolver on 127.0.0.1, then times
// the CLI (a) fetching every file into an empty folder and (b) re-checking a complete folder, each 3 times.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifest, publicDataRoot, totalBytes } from '@cooperbench-repro/public-data';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const CLI = join(HERE, '../dist/cli.js');
const MIRROR = join(HERE, '../bin/serve-mirror.mjs');
const manifest = loadManifest();

const { spawn } = await import('node:child_process');
const server = spawn(process.execPath, [MIRROR, '--from', publicDataRoot()], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(/http:\/\/\S+/.exec(String(d))[0])));

const time = (dest) => {
  const started = performance.now();
  execFileSync(process.execPath, [CLI, 'fetch', '--dest', dest, '--quiet'], { env: { ...process.env, COOPERBENCH_MIRROR: base, CI: 'true' }, stdio: 'ignore' });
  return (performance.now() - started) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cold = [];
const warm = [];
for (let i = 0; i < 3; i++) {
  const dest = mkdtempSync(join(tmpdir(), 'cb-fetch-bench-'));
  cold.push(time(dest));
  warm.push(time(dest));
  rmSync(dest, { recursive: true, force: true });
}
server.kill();
console.log(`manifest: ${manifest.files.length} files, ${totalBytes(manifest)} bytes (${(totalBytes(manifest) / 1048576).toFixed(1)} MiB)`);
console.log(`fetch from a local mirror into an empty folder: median ${median(cold).toFixed(2)} s (${cold.map((s) => s.toFixed(2)).join(', ')})`);
console.log(`fetch again, every file present and verified:  median ${median(warm).toFixed(2)} s (${warm.map((s) => s.toFixed(2)).join(', ')})`);
