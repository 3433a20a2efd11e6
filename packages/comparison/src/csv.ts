import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DataFileError } from '@cooperbench-repro/contracts';

/** A CSV file with a header row, as records of strings; a read or parse failure is a DataFileError. */
export function readCsv(file: string, displayName = file): Record<string, string>[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataFileError(displayName, [{ field: null, expected: 'a readable file', message: (err as Error).message }]);
  }
  try {
    return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (err) {
    throw new DataFileError(displayName, [{ field: null, expected: 'CSV with a header row', message: (err as Error).message }]);
  }
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = Array.isArray(value) ? value.join(';') : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV: header from `columns`, empty cells for null. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
