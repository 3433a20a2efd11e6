import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Hash of the collector's and the contracts' code as loaded now. The incremental index is only
 * trusted when it was written by the same code, so a parser fix re-parses everything.
 */
export function collectorCodeFingerprint(): string {
  const hash = createHash('sha256');
  const dirs = [dirname(fileURLToPath(import.meta.url)), dirname(fileURLToPath(import.meta.resolve('@cooperbench-repro/contracts')))];
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((n) => /\.(js|ts)$/.test(n) && !n.endsWith('.d.ts') && !n.includes('.test.')).sort()) {
      hash.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
    }
  }
  return hash.digest('hex');
}
