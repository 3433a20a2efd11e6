#!/usr/bin/env node
// Nx runtime input of collector:collect: a fingerprint (names, sizes, mtimes) of each tree given
// (arguments; `@log-root` or no argument at all: $COOPERBENCH_LOG_ROOT, else data/logs), one line per tree.
// Plain file inputs cannot see gitignored logs or a log root outside the workspace
// (COOPERBENCH_LOG_ROOT), so without this Nx would replay a stale store. Plain JS: it runs before any build.
// All trees in one process: Nx runs a runtime input as a command on every hash, even a fully cached one.
// Entries are lstat-ed (a symlink loop is fingerprinted, not followed). If a tree cannot be walked at
// all, its line is unique to this call, so Nx never replays a cached store for it: the collection
// runs and reports the problem itself.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

function fingerprint(root) {
  const hash = createHash('sha256').update(root);
  let files = 0;
  const walk = (dir, rel) => {
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
  };
  try {
    if (existsSync(root)) walk(root, '');
    return `${files} files ${hash.digest('hex')}`;
  } catch (err) {
    return `unfingerprintable ${randomUUID()}: ${err.code ?? err.message}`;
  }
}

const args = process.argv.length > 2 ? process.argv.slice(2) : ['@log-root'];
const roots = args.map((a) => resolve(a === '@log-root' ? process.env.COOPERBENCH_LOG_ROOT || 'data/logs' : a));
process.stdout.write(roots.map((root) => `${fingerprint(root)}\n`).join(''));
