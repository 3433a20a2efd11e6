import { ERA_UPSTREAM_VERSION, type Era } from '../synthetic-logs/era.js';

/**
 * Which upstream release the stand-in impersonates: the eval era decides it (0.0.19 for
 * identical-naive, 0.0.14 for naive-union), and the version decides which flags exist.
 */
export function standinVersion(era: Era): string {
  return ERA_UPSTREAM_VERSION[era];
}

/** The runner reads the version from this line and marks runs synthetic because it says "synthetic". */
export function versionText(era: Era): string {
  return `cooperbench ${standinVersion(era)} (synthetic stand-in: tools/test-doubles/cooperbench-standin; not real agents)`;
}

/** Compares dotted numeric versions (`0.0.15` <= `0.0.19`). */
export function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}
