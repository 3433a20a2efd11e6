import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * Where the OS would find an executable: a name with a `/` is a path (relative to `cwd`), a bare
 * name is looked up on PATH. Null when there is no such file.
 */
export function resolveExecutable(file: string, cwd: string): string | null {
  if (file.includes('/')) {
    const path = isAbsolute(file) ? file : join(cwd, file);
    return existsSync(path) ? path : null;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, file)) && statSync(join(dir, file)).isFile()) return join(dir, file);
  }
  return null;
}

/** An executable that cannot be started (missing, a directory, not executable). */
export class ExecutableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExecutableError';
  }
}

/** Checks, before anything runs, that the upstream executable can be started; throws ExecutableError. */
export function checkExecutable(file: string, cwd: string): string {
  const path = resolveExecutable(file, cwd);
  if (path === null) {
    throw new ExecutableError(file.includes('/')
      ? `executable not found: ${isAbsolute(file) ? file : `${file} (${join(cwd, file)})`}`
      : `executable not found: ${file} (not on PATH; set \`cooperbench\` in the experiment file to its path)`);
  }
  if (statSync(path).isDirectory()) throw new ExecutableError(`executable not found: ${path} is a directory`);
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new ExecutableError(`executable not runnable: ${path} (permission denied; chmod +x?)`);
  }
  return path;
}

/** The message for a spawn that failed before the child existed (execa's `code`), or null. */
export function spawnFailure(code: string | undefined, file: string): string | null {
  if (code === 'ENOENT') return `executable not found: ${file}`;
  if (code === 'EACCES') return `executable not runnable: ${file} (permission denied)`;
  if (code) return `could not start ${file}: ${code}`;
  return null;
}
