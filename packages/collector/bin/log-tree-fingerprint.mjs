#!/usr/bin/env node
// Nx runtime input of collector:collect: a fingerprint (names, sizes, mtimes) of a tree
// (argument, else $COOPERBENCH_LOG_ROOT, else data/logs).
// Plain file inputs cannot see gitignored logs or a log root outside the workspace
// (COOPERBENCH_LOG_ROOT), so without this Nx would replay a stale store. Plain JS: it runs before any build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
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
      const st = statSync(abs, { throwIfNoEntry: false });
      hash.update(`${r}:${st ? `${st.size}:${st.mtimeMs}` : 'gone'}\n`);
      files++;
    }
  }
}
if (existsSync(root)) walk(root, '');
process.stdout.write(`${files} files ${hash.digest('hex')}\n`);
