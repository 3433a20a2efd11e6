#!/usr/bin/env node
// Nx runtime input of collector:collect: a fingerprint (names, sizes, mtimes) of a tree
// (argument, else $COOPERBENCH_LOG_ROOT, else data/logs).
// Plain file inputs cannot see gitignored logs or a log root outside the workspace
// (COOPERBENCH_LOG_ROOT), so without this Nx would replay a stale store. Plain JS: it runs before any build.
// Entries are lstat-ed (a symlink loop is fingerprinted, not followed). If the tree cannot be walked at
// all, the output is unique to this call, so Nx never replays a cached store for it: the collection
// runs and reports the problem itself.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(process.argv[2] || process.env.COOPERBENCH_LOG_ROOT || 'data/logs');
const hash = createHash('sha256').update(root);
let files = 0;
function walk(dir, rel) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = join(dir, entry.name);
    const r = `${rel}/${entry.name}`;
    if (entry.isDirectory()) walk(abs, r);
    else {
      const st = lstatSync(abs, { throwIfNoEntry: false });
      hash.update(`${r}:${st ? `${st.size}:${st.mtimeMs}` : 'gone'}\n`);
      files++;
    }
  }
}
try {
  if (existsSync(root)) walk(root, '');
  process.stdout.write(`${files} files ${hash.digest('hex')}\n`);
} catch (err) {
  process.stdout.write(`unfingerprintable ${randomUUID()}: ${err.code ?? err.message}\n`);
}
