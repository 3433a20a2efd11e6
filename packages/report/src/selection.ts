import type { Outcome } from '@cooperbench-repro/contracts';

/**
 * A filter of the runs table, as a figure mark opens it. Every key is one of the table's own filters
 * (so the reader sees why a record is in the list), except `ids`: the explicit records of a mark that
 * no field filter describes (Figure 5's matched pairs). Record numbers are positions in the store.
 */
export interface RunFilter {
  model?: string;
  arm?: string;
  repo?: string;
  bucket?: number;
  outcome?: Outcome[];
  era?: string;
  /** One failure-mode flag the record carries (record-rows.ts failureFlags). */
  flag?: string;
  ids?: number[];
}

/** What one clickable mark stands for: the filter, the n its tooltip shows, and planned pairs never run. */
export interface Selection {
  key: string;
  figure: string;
  label: string;
  filter: RunFilter;
  /** The n of the mark (from the stage output): records matching the filter + `missing`. */
  n: number;
  /** Planned pairs with no record, counted in n as failures (unknown_outcomes: count-as-failure). */
  missing: number;
}

/** Collects a figure's selections and tags each plotted row with its key (`__sel`, read on click). */
export class SelectionBook {
  readonly selections: Selection[] = [];

  add(row: object, sel: Omit<Selection, 'key'>): void {
    const key = `s${this.selections.length}`;
    this.selections.push({ key, ...sel });
    (row as Record<string, unknown>)['__sel'] = key;
  }
}

/** Field name every annotated row carries; the client reads it from the clicked datum. */
export const SELECTION_FIELD = '__sel';
