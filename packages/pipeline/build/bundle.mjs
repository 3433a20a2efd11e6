#!/usr/bin/env node
// Bundles the pipeline's CLI together with the command of every stage it depends on (package.json
// dependencies whose build has a dist/command.js) into bundle/: cli.js, command.js and
// stage-<package folder>.js, sharing their chunks (all at the top of bundle/: bundle-cli.mjs points each
// module's import.meta.url at its source relative to there). Why one bundle: contracts, zod and the other
// code every stage uses then load and warm up once per thread instead of once per stage, which in a
// run of figures:build saved about 1.2 s of 9.5 s CPU (issue 15). Run by the pipeline's Nx build,
// cwd = packages/pipeline. Exit codes: those of tools/build/bundle-cli.mjs (0 bundled, 1 error).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
const entries = ['cli.js', 'command.js'];
for (const name of Object.keys(dependencies).filter((d) => d.startsWith('@cooperbench-repro/'))) {
  // npm links each workspace package into the root node_modules (their package.json exports hide package.json itself).
  const dir = realpathSync(join('..', '..', 'node_modules', name));
  const command = join(dir, 'dist', 'command.js');
  if (existsSync(command)) entries.push(`stage-${basename(dir)}.js=${relative(process.cwd(), command)}`);
}
try {
  execFileSync(process.execPath, [join('..', '..', 'tools', 'build', 'bundle-cli.mjs'), ...entries], { stdio: 'inherit' });
} catch (err) {
  process.exit(typeof err.status === 'number' ? err.status : 1);
}
