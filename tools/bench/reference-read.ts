import { readFileSync } from 'node:fs';
import type { CollectedFile } from './bench-tree.js';

/**
 * The yardstick for the collector: the least work any collector must do, i.e. read every file it
 * needs and parse the JSON ones, in one process with no validation, hashing or output.
 */
export function referenceRead(files: readonly CollectedFile[]): { seconds: number; bytes: number } {
  let bytes = 0;
  let sink = 0;
  const started = performance.now();
  for (const f of files) {
    const buf = readFileSync(f.path);
    bytes += buf.length;
    if (f.json) sink += (JSON.parse(buf.toString('utf8')) as unknown) === null ? 0 : 1;
  }
  const seconds = (performance.now() - started) / 1000;
  if (sink < 0) throw new Error('unreachable'); // keeps the parse from being optimised away
  return { seconds, bytes };
}

/** Reads every file once without parsing so both the reference and the collector start from a warm page cache. */
export function warmPageCache(files: readonly CollectedFile[]): number {
  const started = performance.now();
  for (const f of files) readFileSync(f.path);
  return (performance.now() - started) / 1000;
}
