import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { referencePath } from '@cooperbench-repro/public-data';

/**
 * The committed paper tables, read independently of the code under test (csv-parse, no caching), so
 * tests can state expectations in terms of the paper's published numbers instead of copying them.
 */

export const PAPER_NUMBERS_CSV = referencePath('paper/paper_reference_numbers.csv');
export const FIG4_CURVE_CSV = referencePath('paper/fig4_website_coopchart_points.csv');

export function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** paper_reference_numbers.csv as `metric|model` -> value; `get` fails on a missing row. */
export function paperCsv(): { header: string[]; get(metric: string, model: string): number; rows: Record<string, string>[] } {
  const rows = readCsv(PAPER_NUMBERS_CSV);
  const values = new Map(rows.map((r) => [`${r.metric}|${r.model}`, Number(r.value)]));
  return {
    header: Object.keys(rows[0] ?? {}),
    rows,
    get(metric, model) {
      const v = values.get(`${metric}|${model}`);
      if (v === undefined) throw new Error(`${PAPER_NUMBERS_CSV}: no row ${metric}|${model}`);
      return v;
    },
  };
}

/** fig4_website_coopchart_points.csv as numbers, in file order. */
export function websiteCurveCsv(): { midpoint: number; solo: number; coop: number; solo_err: number; coop_err: number }[] {
  return readCsv(FIG4_CURVE_CSV).map((r) => ({
    midpoint: Number(r.difficulty_bucket_centre),
    solo: Number(r.solo_success),
    coop: Number(r.coop_success),
    solo_err: Number(r.solo_err),
    coop_err: Number(r.coop_err),
  }));
}
