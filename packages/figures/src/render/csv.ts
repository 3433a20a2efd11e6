import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | boolean | null;
export type CsvRow = Record<string, CsvValue>;

/** The columns of a Wilson interval row (contracts' Interval), in the order every figure CSV writes them. */
export const INTERVAL_COLUMNS = ['successes', 'total', 'unknown', 'rate', 'ci_low', 'ci_high'] as const;

/** Rows -> CSV with a header, in the given column order; null becomes an empty cell, numbers as JS prints them. */
export function toCsv(columns: readonly string[], rows: readonly CsvRow[]): string {
  return stringify(
    rows.map((r) => columns.map((c) => r[c] ?? null)),
    { header: true, columns: [...columns], record_delimiter: 'unix', cast: { boolean: (v) => (v ? 'true' : 'false') } },
  );
}

/** The cells of one CSV row: any subset of the figure's columns (missing ones are null). */
export type CsvCells<C extends string> = Partial<Record<C, CsvValue | undefined>>;

/**
 * A row builder for a figure's CSV: every column defaults to null, so a row names only what it sets.
 * The result has exactly the figure's columns, in order.
 */
export function csvRows<C extends string>(columns: readonly C[]): { rows: CsvRow[]; add(cells: CsvCells<C>): void } {
  const rows: CsvRow[] = [];
  return {
    rows,
    add(cells) {
      const row: CsvRow = {};
      for (const c of columns) row[c] = cells[c] ?? null;
      rows.push(row);
    },
  };
}
