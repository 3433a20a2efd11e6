#!/usr/bin/env node
import { resolve } from 'node:path';
import { createProgress, DataFileError, EXIT_CODES_HELP, exitOnError, parseCommandLine, UsageError } from '@cooperbench-repro/contracts';
import { DEFAULT_MIRROR, fetchPublicData, type FetchSummary } from './fetch.js';
import { loadManifest, totalBytes } from './manifest.js';
import { displayPath, MIRROR_ENV, PUBLIC_DATA_ENV, publicDataRoot, PublicDataMissingError } from './resolver.js';
import { FETCHED_FILES_DIR } from './workspace.js';

const HELP = `cooperbench-public-data: the public real CooperBench data named in data/public/manifest.json

Usage:
  node packages/public-data/dist/cli.js <command> [options]      (npm run fetch-data = the fetch command)

Commands:
  fetch    download every file not yet present and verified into data/public/files (sha256-checked,
           written atomically, resumable; transient errors retried)
  check    say which folder holds the data (exit 0) or what is missing where (exit 1)
  ensure   check; when no folder holds the data, fetch it, then check again (npm test runs this first)
  where    print the folder in use

Options:
  --dest DIR        fetch: where the files go                  (default data/public/files)
  --concurrency N   parallel downloads                         (default 8)
  --retries N       further attempts after a transient error   (default 3)
  --timeout S       seconds to wait for one file               (default 60)
  --quiet           no progress output
  -h, --help        this text

Environment:
  ${MIRROR_ENV}        base address to fetch from, as <base>/<owner>/<name>/<commit>/<path>
                            (default ${DEFAULT_MIRROR}, GitHub's raw files)
  ${PUBLIC_DATA_ENV}   a folder that already holds the files (searched first; then
                            data/public/files, then ../shared beside the checkout)

Exit codes: 0 done, 1 data missing or a file could not be fetched (named), 2 bad usage or a bad manifest.
${EXIT_CODES_HELP}
`;

function parse(argv: string[]) {
  const { values, positionals } = parseCommandLine(argv, {
    dest: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    retries: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '60' },
    quiet: { type: 'boolean', default: false },
  });
  const count = (name: string, text: string, min: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} ${text}: expected an integer >= ${min}`);
    return n;
  };
  return {
    command: positionals[0],
    extra: positionals.slice(1),
    help: values.help,
    quiet: values.quiet,
    dest: values.dest ? resolve(values.dest) : FETCHED_FILES_DIR,
    concurrency: count('concurrency', values.concurrency, 1),
    retries: count('retries', values.retries, 0),
    timeoutMs: count('timeout', values.timeout, 1) * 1000,
  };
}

type Options = ReturnType<typeof parse>;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function reportFetch(summary: FetchSummary, dest: string, seconds: number): void {
  process.stdout.write(
    `fetch-data: ${summary.files} files: ${summary.verified} already verified, ${summary.downloaded} downloaded (${mib(summary.downloadedBytes)}), ` +
      `${summary.failures.length} failed (${seconds.toFixed(1)} s) -> ${displayPath(dest)}\n`,
  );
  const offline = summary.failures.filter((f) => f.kind === 'no network');
  for (const f of summary.failures.filter((x) => x.kind !== 'no network').slice(0, 20)) {
    process.stderr.write(`  ${f.kind}: ${f.local_path} (${f.url}): ${f.detail}\n`);
  }
  if (offline.length > 0) {
    const first = offline.find((f) => !f.detail.startsWith('not tried')) ?? offline[0]!;
    process.stderr.write(`  no network: ${first.detail}; ${offline.length} files not fetched (first: ${offline[0]!.local_path})\n`);
  }
}

async function fetchCommand(opts: Options): Promise<number> {
  const manifest = loadManifest();
  const mirror = process.env[MIRROR_ENV] || DEFAULT_MIRROR;
  if (!opts.quiet) process.stderr.write(`fetch-data: ${manifest.files.length} files (${mib(totalBytes(manifest))}) from ${mirror}\n`);
  const started = performance.now();
  const summary = await fetchPublicData({
    manifest,
    dest: opts.dest,
    mirror,
    concurrency: opts.concurrency,
    retries: opts.retries,
    retryDelayMs: 500,
    timeoutMs: opts.timeoutMs,
    progress: createProgress(process.stderr, { quiet: opts.quiet }),
  });
  reportFetch(summary, opts.dest, (performance.now() - started) / 1000);
  return summary.failures.length === 0 ? 0 : 1;
}

function checkCommand(): number {
  const root = publicDataRoot();
  const manifest = loadManifest();
  process.stdout.write(`public data: ${manifest.files.length} files (${mib(totalBytes(manifest))}) verified in ${displayPath(root)}\n`);
  return 0;
}

async function ensureCommand(opts: Options): Promise<number> {
  try {
    return checkCommand();
  } catch (err) {
    if (!(err instanceof PublicDataMissingError)) throw err;
    process.stderr.write('public data: not found in any folder; fetching it (npm run fetch-data)\n');
  }
  const fetched = await fetchCommand(opts);
  if (fetched !== 0) {
    // The one message: where it looked, and the two ways to provide the data.
    try {
      publicDataRoot();
    } catch (err) {
      if (err instanceof PublicDataMissingError) process.stderr.write(`${err.message}\n`);
    }
    return 1;
  }
  return checkCommand();
}

async function main(): Promise<number> {
  const opts = parse(process.argv.slice(2));
  if (opts.help || opts.command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (opts.extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(opts.extra[0])}`);
  switch (opts.command) {
    case 'fetch':
      return fetchCommand(opts);
    case 'check':
      return checkCommand();
    case 'ensure':
      return ensureCommand(opts);
    case 'where':
      process.stdout.write(`${publicDataRoot()}\n`);
      return 0;
    default:
      throw new UsageError(`expected a command (fetch, check, ensure, where), got ${JSON.stringify(opts.command ?? '')}`);
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  exitOnError(err, [[PublicDataMissingError, 1], [DataFileError, 2]], { usage: HELP });
}
