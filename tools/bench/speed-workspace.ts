import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A throwaway copy of a workspace for the speed benchmark: sources, configs and build outputs (so no
 * package is rebuilt), the real-data profile, the checkout's installed packages. Its data/real/sources.json takes
 * the Command A records from an imported store (written by `collector:import-legacy` from a copy of the
 * public results.json) instead of the public file, so the benchmark can change a record: the committed
 * data, the public files and the user's stores under data/ are never written.
 */

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

const SKIP = /\/(node_modules|\.nx|\.vitest)(\/|$)/;

/** Copies `packages/` or `tools/` (with build outputs, when the source has them) and names its workspace packages. */
function copyPackages(source: string, dir: string, folder: string): Map<string, string> {
  cpSync(join(source, folder), join(dir, folder), { recursive: true, preserveTimestamps: true, filter: (src) => !SKIP.test(src) });
  const names = new Map<string, string>();
  for (const pkg of readdirSync(join(source, folder))) {
    const manifest = join(source, folder, pkg, 'package.json');
    if (!existsSync(manifest)) continue;
    names.set((JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name, join(dir, folder, pkg));
    // A package's own dependency versions are shared as they are.
    const nested = join(source, folder, pkg, 'node_modules');
    if (existsSync(nested)) symlinkSync(realpathSync(nested), join(dir, folder, pkg, 'node_modules'));
  }
  return names;
}

/**
 * node_modules of the copy: every installed package of the checkout, except that the workspace's own
 * packages point into the copy, so the copy runs its own code and not what is being edited meanwhile.
 */
function linkNodeModules(dir: string, workspacePackages: Map<string, string>): void {
  const from = join(REPO_ROOT, 'node_modules');
  const to = join(dir, 'node_modules');
  mkdirSync(to);
  const scopes = new Set([...workspacePackages.keys()].map((n) => n.split('/')[0]!));
  for (const entry of readdirSync(from)) {
    if (!scopes.has(entry)) symlinkSync(join(from, entry), join(to, entry));
  }
  for (const scope of scopes) {
    mkdirSync(join(to, scope));
    for (const entry of readdirSync(join(from, scope))) {
      if (!workspacePackages.has(`${scope}/${entry}`)) symlinkSync(join(from, scope, entry), join(to, scope, entry));
    }
  }
  for (const [name, path] of workspacePackages) symlinkSync(path, join(to, name));
}

export interface SpeedWorkspace {
  dir: string;
  /** The copy of the public Command A results.json that the benchmark edits. */
  commandA: string;
  /** Environment for every command: the public data resolved from the checkout's own root. */
  env: NodeJS.ProcessEnv;
}

/** `source`: the workspace to copy (default this checkout; e.g. an export of a commit, to compare two versions). */
export function createSpeedWorkspace(publicRoot: string, opts: { source?: string; parent?: string } = {}): SpeedWorkspace {
  const source = resolve(opts.source ?? REPO_ROOT);
  const dir = mkdtempSync(join(opts.parent ?? tmpdir(), 'cb-speed-'));
  for (const f of ['nx.json', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.json', '.gitignore', '.env']) {
    if (existsSync(join(source, f))) cpSync(join(source, f), join(dir, f));
  }
  const workspacePackages = new Map([...copyPackages(source, dir, 'packages'), ...copyPackages(source, dir, 'tools')]);
  for (const d of ['data/reference', 'data/public/manifest.json', 'data/real/run-arms.json', 'data/real/sources.json', 'data/judge-cache', 'data/logs', 'data/run-arms.json']) {
    if (existsSync(join(source, d))) cpSync(join(source, d), join(dir, d), { recursive: true });
  }
  mkdirSync(join(dir, 'figures/real'), { recursive: true });
  linkNodeModules(dir, workspacePackages);
  const sourcesFile = join(dir, 'data/real/sources.json');
  const sources = JSON.parse(readFileSync(sourcesFile, 'utf8')) as { legacy_imports: { public: string; name: string; agent_framework: string | null }[] };
  const legacy = sources.legacy_imports.find((l) => l.public.endsWith('results.json'));
  if (!legacy) throw new Error(`${sourcesFile}: expected a legacy_imports entry for the Command A results.json`);
  const commandA = join(dir, 'bench-input', legacy.name, 'results.json');
  mkdirSync(join(dir, 'bench-input', legacy.name), { recursive: true });
  cpSync(join(publicRoot, legacy.public), commandA);
  writeFileSync(sourcesFile, `${JSON.stringify({ ...sources, legacy_imports: sources.legacy_imports.filter((l) => l !== legacy) }, null, 2)}\n`);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  const env = { ...process.env, COOPERBENCH_PUBLIC_DATA: publicRoot, CI: 'true', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NO_COLOR: '1', FORCE_COLOR: '0' };
  return { dir, commandA, env };
}

/** The import-legacy arguments that write the Command A store where the real profile's collect merges it. */
export function importLegacyArgs(ws: SpeedWorkspace): string[] {
  return [`--input=${ws.commandA}`, '--name=command-a-lite', '--out-dir=data/real/imported', '--agent-framework=mini_swe_agent'];
}

export interface Timed {
  seconds: number;
  /** CPU time (user + system) of the command and every process it waited for. */
  cpuSeconds: number;
  output: string;
}

/**
 * CPU seconds used so far by this process's waited-for children (/proc/self/stat cutime + cstime):
 * on a machine shared with other jobs, wall time swings with their load and CPU time much less.
 */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // fields 16 and 17 of stat(5), in USER_HZ (100 on Linux)
  } catch {
    return NaN;
  }
}

/** Runs a command in the workspace and times it; a non-zero exit stops the benchmark with its output. */
export function timed(ws: SpeedWorkspace, command: string, args: readonly string[]): Timed {
  const started = performance.now();
  const cpuBefore = childCpuSeconds();
  const r = spawnSync(command, args, { cwd: ws.dir, env: ws.env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = childCpuSeconds() - cpuBefore;
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status ?? r.signal} in ${ws.dir}:\n${output}`);
  return { seconds, cpuSeconds, output };
}

/** Which tasks Nx ran for real (not replayed from its cache) in one invocation's output. */
export function ranForReal(output: string): string[] {
  return [...output.matchAll(/^> nx run (\S+)(.*)$/gm)].filter((m) => !/\[(local|remote) cache\]|existing outputs match the cache/.test(m[2]!)).map((m) => m[1]!);
}
