import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectReport, RunRecord } from '@cooperbench-repro/contracts';
import { PUBLIC_LOCAL_PATHS, publicPath } from '@cooperbench-repro/public-data';
import { collect } from '../collect.js';
import { tempDir } from './fixture-tree.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** The real public runs, through the one resolver (fails with a message naming `npm run fetch-data` when absent). */
export const REAL_LOGS = publicPath(PUBLIC_LOCAL_PATHS.racsoLogs);
/** The committed arm mapping of the real claude_code runs (the real-data profile uses the same file). */
export const REAL_MAPPING = join(HERE, '../../../../data/real/run-arms.json');
export const LEGACY_RESULTS = publicPath(PUBLIC_LOCAL_PATHS.commandALiteResults);

export interface Collected {
  out: string;
  report: CollectReport;
  records: Map<string, RunRecord>;
  storeText: string;
  reparsed: number;
  reused: number;
}

export async function collectInto(logRoot: string, mappingFile: string | null, opts: { out?: string; importedDir?: string | null; relist?: boolean } = {}): Promise<Collected> {
  const out = opts.out ?? tempDir('cb-out-');
  const result = await collect({
    logRoot,
    mappingFile,
    importedDir: opts.importedDir ?? null,
    storeFile: join(out, 'results.jsonl'),
    reportFile: join(out, 'collect-report.json'),
    indexFile: join(out, 'collect-index.json'),
    progress: { start() {}, tick() {}, stop() {} },
    relist: opts.relist ?? false,
  });
  const storeText = readFileSync(join(out, 'results.jsonl'), 'utf8');
  const records = new Map<string, RunRecord>();
  for (const line of storeText.split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as RunRecord;
    records.set(r.record_id, r);
  }
  return { out, report: result.report, records, storeText, reparsed: result.reparsed, reused: result.reused };
}

export function readJson<T = any>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
