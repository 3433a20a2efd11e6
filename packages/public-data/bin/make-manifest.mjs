#!/usr/bin/env node
// Maintainer tool: (re)writes data/public/manifest.json from a local copy of the public data laid out
// as the manifest's local_path says (for example the shared data folder), checking every racso1999
// file's bytes against the git blob id and size that its MANIFEST.tsv names.
// Usage: node packages/public-data/bin/make-manifest.mjs --from DIR [--out data/public/manifest.json]
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `usage: make-manifest.mjs --from DIR [--out data/public/manifest.json]
Exit codes: 0 written, 1 a file's bytes differ from its MANIFEST.tsv entry or cannot be read, 2 bad usage.
`;
let values;
try {
  ({ values } = parseArgs({ options: { from: { type: 'string' }, out: { type: 'string', default: 'data/public/manifest.json' }, help: { type: 'boolean', short: 'h' } } }));
} catch (err) {
  process.stderr.write(`error: ${err.message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!values.from) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const RACSO = {
  prefix: 'cooperbench-upstream/real-runs/racso1999-CooperBench',
  repository: 'racso1999/CooperBench',
  commit: '1de6e96829c63bb76753089abbf17fa6375abcf0',
};
const SINGLE_FILES = [
  {
    local_path: 'command-a-lite-results/results.json',
    repository: 'tongt1/multiagent',
    commit: '883cecb41280be323ad7547fddf7166c7e742a54',
    path: 'data/results.json',
  },
];

/** A file the manifest needs and cannot read: one line naming it, exit 1 (no stack trace). */
function readOrExit(file, encoding) {
  try {
    return readFileSync(file, encoding);
  } catch (err) {
    process.stderr.write(`error: ${file}: expected a readable file (${err.code ?? err.message})\n`);
    process.exit(1);
  }
}

const gitBlobId = (bytes) => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
const entry = (file, bytes) => ({ ...file, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });

const files = [];
for (const file of SINGLE_FILES) files.push(entry(file, readOrExit(join(values.from, file.local_path))));
const tsv = readOrExit(join(values.from, RACSO.prefix, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
for (const line of tsv) {
  const [path, blob, size] = line.split('\t');
  const bytes = readOrExit(join(values.from, RACSO.prefix, path));
  if (gitBlobId(bytes) !== blob || bytes.length !== Number(size)) {
    process.stderr.write(`${RACSO.prefix}/${path}: bytes differ from git blob ${blob} (${size} bytes) named in MANIFEST.tsv\n`);
    process.exit(1);
  }
  files.push(entry({ local_path: `${RACSO.prefix}/${path}`, repository: RACSO.repository, commit: RACSO.commit, path }, bytes));
}
files.sort((a, b) => (a.local_path < b.local_path ? -1 : a.local_path > b.local_path ? 1 : 0));
const manifest = { schema: 'cooperbench-repro/public-data@1', files };
writeFileSync(`${values.out}.tmp`, `${JSON.stringify(manifest, null, 1)}\n`);
renameSync(`${values.out}.tmp`, values.out);
const total = files.reduce((n, f) => n + f.bytes, 0);
process.stdout.write(`${values.out}: ${files.length} files, ${total} bytes\n`);
