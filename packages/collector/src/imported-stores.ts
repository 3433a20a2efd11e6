import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataFileError, RunRecordSchema, parseJsonlText, type Problem, type RunRecord } from '@cooperbench-repro/contracts';
import type { StoreLine } from './collect-index.js';
import { importLegacyFile } from './legacy-import.js';

/** A results.json of the earlier Python implementation, imported in memory during the collection. */
export interface LegacyInput {
  file: string;
  /** How the report names it (the public local path, or the path relative to the working directory). */
  displayPath: string;
  agentFramework: string | null;
}

export type ImportedSource = { file: string; records: number };

/**
 * Adds one imported source's records to the store lines, unless one of its record ids was already
 * collected: then the whole source is skipped with an error (never half of it).
 */
function addImportedRecords(display: string, records: RunRecord[], lines: Map<string, StoreLine>, problems: Problem[]): ImportedSource | null {
  const clash = records.find((r) => lines.has(r.record_id));
  if (clash) {
    problems.push({ severity: 'error', code: 'duplicate-record', file: display, field: 'record_id', expected: 'record ids not already collected from the log root', message: `${clash.record_id} is both in the logs and in this imported store; the imported store is skipped`, run: clash.run, pair: clash.record_id, rejected_pairs: 0 });
    return null;
  }
  for (const r of records) lines.set(r.record_id, JSON.stringify(r));
  return { file: display, records: records.length };
}

/**
 * Adds the records of every `*.jsonl` store in the imported directory (validated line by line). A file
 * that does not validate is an error in the report and contributes nothing, rather than half its lines.
 */
export function mergeImportedStores(dir: string | null, lines: Map<string, StoreLine>, problems: Problem[]): ImportedSource[] {
  if (!dir || !existsSync(dir)) return [];
  const out: ImportedSource[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    const file = join(dir, name);
    const display = relative(process.cwd(), file);
    try {
      const added = addImportedRecords(display, parseJsonlText(display, readFileSync(file, 'utf8'), RunRecordSchema), lines, problems);
      if (added) out.push(added);
    } catch (err) {
      if (!(err instanceof DataFileError)) throw err;
      const issue = err.issues[0]!;
      problems.push({ severity: 'error', code: 'invalid-imported-store', file: display, field: issue.field, expected: issue.expected, message: `${issue.message || 'invalid'}; the imported store is skipped`, run: null, pair: null, rejected_pairs: 0 });
    }
  }
  return out;
}

/** Imports each legacy results.json in memory; its rejected records are problems, its records join the store. */
export function mergeLegacyInputs(inputs: readonly LegacyInput[], lines: Map<string, StoreLine>, problems: Problem[]): ImportedSource[] {
  const out: ImportedSource[] = [];
  for (const input of inputs) {
    const result = importLegacyFile(input.file, { displayPath: input.displayPath, agentFramework: input.agentFramework });
    problems.push(...result.problems);
    const added = addImportedRecords(input.displayPath, result.records, lines, problems);
    if (added) out.push(added);
  }
  return out;
}
