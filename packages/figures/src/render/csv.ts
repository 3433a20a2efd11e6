import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | boolean | null;
export type CsvRow = Record<string, CsvValue>;

/** The columns of a Wilson interval row (contracts' Interval), in the order every figure CSV writes them. */
export const INTERVAL_COLUMNS = ['successes', 'total', 'unknown', 'rate', 'ci_low', 'ci_high'] as const;

/** Six or more 0s or 9s and then at most three digits at the end of a printed number: floating-point noise. */
const NOISE_TAIL = /\.\d*(?:0{6,}|9{6,})\d{1,3}$/;

/**
 * A number as the CSV prints it: as JS prints it, except that the noise tail of a sum is rounded away
 * (to 12 significant digits, below the error a long sum accumulates): a trapezoid AUC prints 0.15, not
 * 0.14999999999999997, an exact test's p 1, not 0.9999999999999962, while 0.4666666666666667 or
 * 0.14164643854782039 stay exactly as they are. Limits: noise printed in exponent form (5.5e-17 for 0) is
 * left as it is, and such a cell can differ from the stage JSON it comes from below the 12th digit.
 */
function csvNumber(x: number): string {
  const exact = String(x);
  return NOISE_TAIL.test(exact) ? String(Number(x.toPrecision(12))) : exact;
}

/** Rows -> CSV with a header, in the given column order; null becomes an empty cell, numbers through csvNumber. */
export function toCsv(columns: readonly string[], rows: readonly CsvRow[]): string {
  return stringify(
    rows.map((r) => columns.map((c) => r[c] ?? null)),
    { header: true, columns: [...columns], record_delimiter: 'unix', cast: { boolean: (v) => (v ? 'true' : 'false'), number: csvNumber } },
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
