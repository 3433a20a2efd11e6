import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Not inside an Nx workspace: there are no targets to run. */
export class NoWorkspaceError extends Error {
  override name = 'NoWorkspaceError';
}

/** The Nx workspace holding `from`: the nearest folder upwards with an nx.json (where Nx runs commands). */
export function workspaceRoot(from: string = process.cwd()): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dir === dirname(dir)) throw new NoWorkspaceError(`${resolve(from)}: expected to be inside an Nx workspace (no nx.json in it or any folder above it)`);
  }
}
