import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CLIENT_DIR, CLIENT_SCRIPTS, CLIENT_START, CLIENT_STYLES, VENDOR_FILES } from './assets.js';
import { pageHtml } from './page.js';

/** Writes the report directory: everything is built in a sibling temp directory, then swapped in. */

export interface ReportFiles {
  meta: unknown;
  indexRows: unknown[][];
  /** Pair details in record order; written in chunks loaded on demand. */
  details: (i: number) => unknown;
  recordCount: number;
}

export const INDEX_CHUNK = 5000;
export const PAIR_CHUNK = 100;

/** A JS file that hands `value` to the page: JSON with `<` and line separators escaped. */
export function dataScript(call: string, key: number | null, value: unknown): string {
  const json = JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `${call}(${key === null ? '' : `${key}, `}${json});\n`;
}

const chunkName = (kind: string, k: number) => `data/${kind}-${String(k).padStart(3, '0')}.js`;

async function writeChunks(dir: string, files: ReportFiles): Promise<{ index: string[]; pairs: number }> {
  const index: string[] = [];
  for (let k = 0; k * INDEX_CHUNK < Math.max(files.indexRows.length, 1); k++) {
    const name = chunkName('index', k);
    await writeFile(join(dir, name), dataScript('CBR.addIndex', k, files.indexRows.slice(k * INDEX_CHUNK, (k + 1) * INDEX_CHUNK)));
    index.push(name);
  }
  const pairChunks = Math.ceil(files.recordCount / PAIR_CHUNK);
  for (let k = 0; k < pairChunks; k++) {
    const details: unknown[] = [];
    for (let i = k * PAIR_CHUNK; i < Math.min(files.recordCount, (k + 1) * PAIR_CHUNK); i++) details.push(files.details(i));
    await writeFile(join(dir, chunkName('pairs', k)), dataScript('CBR.addPairs', k, details));
  }
  return { index, pairs: pairChunks };
}

export async function writeReport(out: string, files: ReportFiles): Promise<{ bytes: number; files: number }> {
  const tmp = join(dirname(out), `.${basename(out)}.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(join(tmp, 'assets'), { recursive: true });
  await mkdir(join(tmp, 'data'), { recursive: true });
  for (const v of VENDOR_FILES) await copyFile(v.from, join(tmp, 'assets', v.name));
  for (const f of [...CLIENT_SCRIPTS, CLIENT_START, ...CLIENT_STYLES]) await copyFile(join(CLIENT_DIR, f), join(tmp, 'assets', f));
  const chunks = await writeChunks(tmp, files);
  const meta = { ...(files.meta as object), chunks: { index: chunks.index.length, pairs: chunks.pairs, pairSize: PAIR_CHUNK, indexSize: INDEX_CHUNK } };
  await writeFile(join(tmp, 'data', 'meta.js'), dataScript('CBR.setMeta', null, meta));
  // vega, vega-lite and vega-embed are loaded by the overview when it is first shown: the runs table and pair pages do without.
  const scripts = CLIENT_SCRIPTS.map((s) => `assets/${s}`);
  await writeFile(join(tmp, 'index.html'), pageHtml({ styles: CLIENT_STYLES.map((s) => `assets/${s}`), scripts, data: ['data/meta.js', ...chunks.index], start: `assets/${CLIENT_START}` }));
  const stats = await dirBytes(tmp);
  const old = `${tmp}.old`;
  await rm(old, { recursive: true, force: true });
  await rename(out, old).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  await rename(tmp, out);
  await rm(old, { recursive: true, force: true });
  return stats;
}

async function dirBytes(dir: string): Promise<{ bytes: number; files: number }> {
  const { readdir, stat } = await import('node:fs/promises');
  let bytes = 0;
  let count = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    bytes += (await stat(join(e.parentPath, e.name))).size;
    count++;
  }
  return { bytes, files: count };
}

/**
 * sha256 of a file's bytes, or null when it cannot be read here (log tree elsewhere, or gone). Read
 * synchronously: a report hashes hundreds of small log files, and each promise-based read costs four
 * thread-pool round trips (open, stat, read, close), several times the read itself.
 */
export function fileSha256(path: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return null;
  }
}
