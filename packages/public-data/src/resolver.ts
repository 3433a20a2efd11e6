import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { resolveInside, type PublicDataManifest } from '@cooperbench-repro/contracts';
import { loadManifest } from './manifest.js';
import { HashMemo } from './hash-memo.js';
import { checkFile, type FileProblem } from './verify.js';
import { FETCHED_FILES_DIR, WORKSPACE_ROOT } from './workspace.js';

/**
 * The one way to find the public real data (logs, transcripts, results). Roots are searched in this
 * order, and the first that holds every file of the manifest (right size and sha256) is used:
 *   1. $COOPERBENCH_PUBLIC_DATA
 *   2. data/public/files (what `npm run fetch-data` writes)
 *   3. ../shared beside the checkout (as CI lays it out)
 * No other code names any of these folders.
 */
export const PUBLIC_DATA_ENV = 'COOPERBENCH_PUBLIC_DATA';
export const MIRROR_ENV = 'COOPERBENCH_MIRROR';

export interface CandidateRoot {
  /** How the user would name it: `$COOPERBENCH_PUBLIC_DATA`, `data/public/files`, `../shared`. */
  origin: string;
  dir: string | null;
}

export interface RootCheck extends CandidateRoot {
  present: number;
  total: number;
  /** First few problems, for the message. */
  problems: { local_path: string; problem: Exclude<FileProblem, null> }[];
}

export interface ResolverOptions {
  env?: NodeJS.ProcessEnv;
  workspace?: string;
  manifest?: PublicDataManifest;
}

export function candidateRoots(opts: ResolverOptions = {}): CandidateRoot[] {
  const env = opts.env ?? process.env;
  const workspace = opts.workspace ?? WORKSPACE_ROOT;
  const fromEnv = env[PUBLIC_DATA_ENV];
  return [
    { origin: `$${PUBLIC_DATA_ENV}`, dir: fromEnv ? resolve(fromEnv) : null },
    { origin: 'data/public/files', dir: opts.workspace ? resolve(workspace, 'data/public/files') : FETCHED_FILES_DIR },
    { origin: '../shared', dir: resolve(workspace, '..', 'shared') },
  ];
}

export function checkRoot(root: CandidateRoot, manifest: PublicDataManifest, memo: HashMemo | null = null): RootCheck {
  const check: RootCheck = { ...root, present: 0, total: manifest.files.length, problems: [] };
  if (!root.dir || !existsSync(root.dir) || !statSync(root.dir).isDirectory()) return check;
  for (const file of manifest.files) {
    const problem = checkFile(root.dir, file, { hash: true, ...(memo ? { memo } : {}) });
    if (problem === null) check.present++;
    else if (check.problems.length < 3) check.problems.push({ local_path: file.local_path, problem });
  }
  return check;
}

/** Raised when no root holds the public data; its message is the one the user sees. */
export class PublicDataMissingError extends Error {
  constructor(readonly checks: RootCheck[]) {
    super(missingMessage(checks));
    this.name = 'PublicDataMissingError';
  }
}

function describeRoot(check: RootCheck): string {
  if (!check.dir) return `  ${check.origin}: not set`;
  if (check.present === 0 && check.problems.every((p) => p.problem === 'missing')) {
    return `  ${check.origin} (${check.dir}): ${existsSync(check.dir) ? `none of the ${check.total} files` : 'no such folder'}`;
  }
  const first = check.problems.map((p) => `${p.local_path}: ${p.problem}`).join('; ');
  return `  ${check.origin} (${check.dir}): ${check.present} of ${check.total} files (${first})`;
}

function missingMessage(checks: RootCheck[]): string {
  const total = checks[0]?.total ?? 0;
  return [
    `public data not found: no folder holds all ${total} files of data/public/manifest.json (real CooperBench runs and results). Looked in:`,
    ...checks.map(describeRoot),
    `Get them with \`npm run fetch-data\` (downloads each file at its pinned commit from GitHub, or from $${MIRROR_ENV}),`,
    `or set ${PUBLIC_DATA_ENV} to a folder that already holds them.`,
  ].join('\n');
}

const resolvedRoots = new Map<string, string>();

/** The root directory in use, checked once per process; throws PublicDataMissingError with the one message. */
export function publicDataRoot(opts: ResolverOptions = {}): string {
  const manifest = opts.manifest ?? loadManifest();
  const roots = candidateRoots(opts);
  const key = JSON.stringify(roots.map((r) => r.dir));
  const known = opts.manifest ? undefined : resolvedRoots.get(key);
  if (known) return known;
  const checks: RootCheck[] = [];
  // The committed manifest's hashes are remembered across processes; a caller's own manifest is checked in full.
  const memo = opts.manifest ? null : HashMemo.load();
  try {
    for (const root of roots) {
      const check = checkRoot(root, manifest, memo);
      if (root.dir && check.present === check.total) {
        if (!opts.manifest) resolvedRoots.set(key, root.dir);
        return root.dir;
      }
      checks.push(check);
    }
  } finally {
    memo?.save();
  }
  throw new PublicDataMissingError(checks);
}

/**
 * The absolute path of a file or folder of the public data, by its manifest `local_path` (a folder is
 * any prefix of manifest paths, e.g. `cooperbench-upstream/real-runs/racso1999-CooperBench/logs`).
 */
export function publicPath(localPath: string, opts: ResolverOptions = {}): string {
  const manifest = opts.manifest ?? loadManifest();
  const known = manifest.files.some((f) => f.local_path === localPath || f.local_path.startsWith(`${localPath}/`));
  if (!known) throw new Error(`${localPath}: expected a file or folder named in data/public/manifest.json`);
  return resolveInside(publicDataRoot(opts), ...localPath.split('/'));
}

/** For messages: a path relative to the working directory when that is shorter. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.length < path.length ? rel : path;
}
