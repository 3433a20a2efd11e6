import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The files the page runs, all from disk: vega, vega-lite and vega-embed's own browser builds from
 * node_modules (no CDN), and this package's hand-written client scripts (classic scripts: Chromium
 * refuses ES module scripts from file://).
 */
const require = createRequire(import.meta.url);

/** The package's folder: up from its entry point to the package.json naming it (vega exports no ./package.json). */
function packageDir(pkg: string): string {
  let dir = dirname(require.resolve(pkg));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === pkg) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of the npm package ${pkg}`);
    dir = up;
  }
}

const buildOf = (pkg: string, file: string) => join(packageDir(pkg), 'build', file);

export const VENDOR_FILES: { from: string; name: string }[] = [
  { from: buildOf('vega', 'vega.min.js'), name: 'vega.min.js' },
  { from: buildOf('vega-lite', 'vega-lite.min.js'), name: 'vega-lite.min.js' },
  { from: buildOf('vega-embed', 'vega-embed.min.js'), name: 'vega-embed.min.js' },
];

export const CLIENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'client');

/** Client scripts in load order (each adds to window.CBR), and the stylesheet. */
export const CLIENT_SCRIPTS = ['dom.js', 'store.js', 'overview.js', 'runs.js', 'pair.js', 'app.js'];
export const CLIENT_STYLES = ['report.css'];
/** Loaded after the data scripts: renders the page. */
export const CLIENT_START = 'start.js';
