import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout these tests run from. */
export const WORKSPACE = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/**
 * A throwaway copy of the workspace (sources, configs, no build outputs or caches) sharing the real
 * node_modules, so Nx caching can be tested by running nx itself without touching the checkout.
 */
export function tempWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cb-nx-'));
  for (const f of ['nx.json', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.json', '.gitignore']) {
    cpSync(join(WORKSPACE, f), join(dir, f));
  }
  const skip = /\/(dist|bundle|\.vitest|node_modules|\.nx)(\/|$)/;
  cpSync(join(WORKSPACE, 'packages'), join(dir, 'packages'), { recursive: true, filter: (src) => !skip.test(src) });
  cpSync(join(WORKSPACE, 'tools'), join(dir, 'tools'), { recursive: true, filter: (src) => !skip.test(src) });
  mkdirSync(join(dir, 'data/logs'), { recursive: true });
  // The committed reference tables, the public-data manifest and the real-data profile (not the demo logs).
  for (const d of ['data/reference', 'data/public/manifest.json', 'data/real']) cpSync(join(WORKSPACE, d), join(dir, d), { recursive: true });
  mkdirSync(join(dir, 'figures'), { recursive: true });
  symlinkSync(join(WORKSPACE, 'node_modules'), join(dir, 'node_modules'));
  // Nx keys some state on the git repository; give the copy its own.
  execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

export function nx(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(join(dir, 'node_modules', '.bin', 'nx'), [...args, '--output-style=static'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...env, CI: 'true', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Which tasks Nx ran for real (not replayed from its cache) in one invocation's output, sorted. */
export function ranForReal(output: string): string[] {
  return [...output.matchAll(/^> nx run (\S+)(.*)$/gm)]
    .filter((m) => !/\[(local|remote) cache\]|existing outputs match the cache/.test(m[2]!))
    .map((m) => m[1]!)
    .filter((t) => !/^figures:build(:|$)/.test(t)) // the aggregate no-op
    .sort();
}
