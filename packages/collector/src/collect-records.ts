import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJsonlText, RunRecordSchema, type RunRecord } from '@cooperbench-repro/contracts';
import { collect } from './collect.js';

/**
 * Collects a log tree into a scratch store and returns its records (the store, report and index are
 * deleted afterwards): for tools and tests that need the records of a tree, not the files.
 */
export async function collectRecords(opts: { logRoot: string; mappingFile: string | null }): Promise<RunRecord[]> {
  const out = mkdtempSync(join(tmpdir(), 'cb-collect-'));
  try {
    await collect({
      logRoot: opts.logRoot,
      mappingFile: opts.mappingFile,
      importedDir: null,
      storeFile: join(out, 'results.jsonl'),
      reportFile: join(out, 'collect-report.json'),
      indexFile: join(out, 'collect-index.json'),
      progress: { start() {}, tick() {}, stop() {} },
    });
    const file = join(out, 'results.jsonl');
    return parseJsonlText(file, readFileSync(file, 'utf8'), RunRecordSchema);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
