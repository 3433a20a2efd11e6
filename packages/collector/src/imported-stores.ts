import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataFileError, RunRecordSchema, parseJsonlText, type Problem } from '@cooperbench-repro/contracts';

/**
 * Adds the records of every `*.jsonl` store in the imported directory (validated line by line). A file
 * that does not validate is an error in the report and contributes nothing, rather than half its lines.
 */
export function mergeImportedStores(dir: string | null, lines: Map<string, string>, problems: Problem[]): { file: string; records: number }[] {
  if (!dir || !existsSync(dir)) return [];
  const out: { file: string; records: number }[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    const file = join(dir, name);
    const display = relative(process.cwd(), file);
    try {
      const records = parseJsonlText(display, readFileSync(file, 'utf8'), RunRecordSchema);
      const clash = records.find((r) => lines.has(r.record_id));
      if (clash) {
        problems.push({ severity: 'error', code: 'duplicate-record', file: display, field: 'record_id', expected: 'record ids not already collected from the log root', message: `${clash.record_id} is both in the logs and in this imported store; the imported store is skipped`, run: clash.run, pair: clash.record_id, rejected_pairs: 0 });
        continue;
      }
      for (const r of records) lines.set(r.record_id, JSON.stringify(r));
      out.push({ file: display, records: records.length });
    } catch (err) {
      if (!(err instanceof DataFileError)) throw err;
      const issue = err.issues[0]!;
      problems.push({ severity: 'error', code: 'invalid-imported-store', file: display, field: issue.field, expected: issue.expected, message: `${issue.message || 'invalid'}; the imported store is skipped`, run: null, pair: null, rejected_pairs: 0 });
    }
  }
  return out;
}
