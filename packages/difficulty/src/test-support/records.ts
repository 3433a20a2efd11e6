import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { minimalRunRecord } from '@cooperbench-repro/contracts';
import { referencePath } from '@cooperbench-repro/public-data';

/** The committed paper tables (data/reference/paper). */
export const PAPER = referencePath('paper');

export function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** A minimal valid run record (contracts' builder): only what this stage reads is meaningful. */
export const record = minimalRunRecord;
