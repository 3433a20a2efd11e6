#!/usr/bin/env node
// Bundles a package's compiled CLI (dist/<entry>.js, written by `tsc -b`, which stays the type check)
// into bundle/<entry>.js with esbuild. Why: a figure or stage process otherwise spends about a third of
// its CPU time loading several hundred ES-module files (node --cpu-prof, issue 15); one bundle per
// command (plus lazily imported chunks) loads in a fraction of that. Run with cwd = the package root:
//   node ../../tools/build/bundle-cli.mjs cli.js [more entries...]
// An entry `x.js` (under dist/) is written as bundle/x.js; `name.js=path/to/file.js` (a file of another
// package: the pipeline bundles every stage's command) as bundle/name.js. All entries share their chunks.
// Entries land at the top of bundle/, like the chunks, because the import.meta.url rewrite below is
// relative to there.
// bundle/ sits at the same depth as dist/, so code that finds files relative to its own location
// (workspace root, gold/, client/, a worker file next to the CLI) resolves them the same way.
// Exit codes: 0 bundled, 1 esbuild reported an error, 2 usage.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';

// Not bundled: native addons, packages that read data files next to their own sources (pdfkit's AFM
// fonts and ICC profile, playwright-core's, through __dirname), and the Cohere SDK (1,500 modules, only
// the paid judge calls it): node loads these from node_modules exactly as without a bundle.
const EXTERNAL = ['@resvg/resvg-js', 'pdfkit', 'playwright-core', 'cohere-ai'];

// ES-module output needs `require` (CommonJS dependencies calling require('node:fs')) and
// __filename/__dirname (write-file-atomic hashes __filename into its temp names) defined per file.
const BANNER = [
  "import { createRequire as __bundleCreateRequire } from 'node:module';",
  'const require = __bundleCreateRequire(import.meta.url);',
  'const __filename = import.meta.filename;',
  'const __dirname = import.meta.dirname;',
].join(' ');

const OUTDIR = resolve('bundle');

/**
 * Gives every bundled module its own import.meta.url, pointing at the file it came from (relative to
 * the bundle, so a copied workspace still works): code that finds files next to itself (failure-modes'
 * gold/ from dist/gold/, the collector's worker file, its code fingerprint) sees exactly what it saw
 * unbundled, even from a nested folder.
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.m?js$/, namespace: 'file' }, (args) => {
      // Read once here and always handed to esbuild, so files without import.meta.url are not read twice.
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      const rel = relative(OUTDIR, args.path).split(sep).join('/');
      return { contents: text.replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

/**
 * zod re-exports its ~40 error-message locales as `z.locales` (366 KB of the collector's 1 MB chunk), and
 * an object of namespaces cannot be tree-shaken: every bundle, and every thread that loads one, would
 * parse them. Only English is used (zod sets it as the default itself, from locales/en.js), so
 * `z.locales` / `z.core.locales` hold just `en` in a bundle. Code that calls `z.config(z.locales.xx())`
 * for another language would need that locale added here.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core|mini)[\\/]/.test(args.importer) ? { path: join(args.resolveDir, '../locales/index.js'), namespace: 'zod-english-only' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

const entries = process.argv.slice(2);
if (entries.length === 0 || entries.some((e) => e.startsWith('-') || !e.endsWith('.js') || e.split('=')[0].includes('/'))) {
  process.stderr.write('usage: node tools/build/bundle-cli.mjs <entry.js | name.js=path.js>... (entries: files at the top of dist/, run in the package root)\n');
  process.exit(2);
}
/** esbuild's entry points: output name (under bundle/, without .js) -> input file. */
const entryPoints = Object.fromEntries(
  entries.map((e) => {
    const [name, file] = e.includes('=') ? e.split('=') : [e, join('dist', e)];
    return [name.replace(/\.js$/, ''), file];
  }),
);

rmSync('bundle', { recursive: true, force: true }); // no stale chunks from an earlier build
try {
  await build({
    entryPoints,
    outdir: 'bundle',
    bundle: true,
    splitting: true, // dynamic imports (vega, resvg, pdfkit in the figures CLI) stay lazy chunks
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // 'module' first: jsonc-parser's 'main' is a UMD build whose require() calls esbuild cannot follow.
    mainFields: ['module', 'main'],
    external: EXTERNAL,
    banner: { js: BANNER },
    plugins: [ownImportMetaUrl, zodEnglishOnly],
    legalComments: 'none',
    // Lets code tell a bundle from dist/ (the collector picks its worker file of the same build).
    define: { __COOPERBENCH_BUNDLED__: 'true' },
    logLevel: 'warning',
  });
} catch (err) {
  // A build failure has been printed by esbuild with file and line; anything else is printed here.
  if (!Array.isArray(err?.errors)) process.stderr.write(`bundle-cli: ${err?.message ?? err}\n`);
  process.exit(1);
}
