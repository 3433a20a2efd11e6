import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Joins path segments that come from data (run names, repo names, file names in logs) onto a root
 * and refuses any result that would leave the root (`..`, absolute segments, empty names).
 */
export function resolveInside(root: string, ...segments: string[]): string {
  for (const segment of segments) {
    if (segment === '' || segment.includes('\0')) {
      throw new PathEscapeError(root, segments, 'non-empty path segments without NUL bytes');
    }
    // Refuse `..` outright, even where the result would land back inside the root: data never needs it.
    if (segment.split(/[\\/]/).includes('..')) {
      throw new PathEscapeError(root, segments, 'path segments without `..`');
    }
  }
  const absRoot = resolve(root);
  const target = resolve(absRoot, ...segments);
  const rel = relative(absRoot, target);
  if (rel === '' ) return target;
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new PathEscapeError(root, segments, 'a path that stays inside the root');
  }
  return target;
}

export class PathEscapeError extends Error {
  constructor(
    readonly root: string,
    readonly segments: string[],
    expected: string,
  ) {
    super(`path ${JSON.stringify(segments.join('/'))} under ${root}: expected ${expected}`);
    this.name = 'PathEscapeError';
  }
}

/** A single directory or file name from data: no separators, not `.` or `..`. */
export function isSafeName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[\\/\0]/.test(name);
}
