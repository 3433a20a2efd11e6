import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | boolean | null;
export type CsvRow = Record<string, CsvValue>;

/** Rows -> CSV with a header, in the given column order; null becomes an empty cell, numbers as JS prints them. */
export function toCsv(columns: readonly string[], rows: readonly CsvRow[]): string {
  return stringify(
    rows.map((r) => columns.map((c) => r[c] ?? null)),
    { header: true, columns: [...columns], record_delimiter: 'unix', cast: { boolean: (v) => (v ? 'true' : 'false') } },
  );
}
