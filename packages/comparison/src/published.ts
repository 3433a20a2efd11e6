import { DataFileError } from '@cooperbench-repro/contracts';
import { readCsv } from './csv.js';
import { pairKey } from './dataset.js';
import type { PairRef } from '@cooperbench-repro/contracts';

/** One model's published outcome on one pair (website per-pair data, coop with messaging). */
export interface PublishedOutcome {
  passed: boolean;
  /** Naive-merge conflict flag; null when the website has none. */
  conflict: boolean | null;
  result_missing: boolean;
}

export interface PublishedPair extends PairRef {
  key: string;
  outcomes: Map<string, PublishedOutcome>;
}

export interface PublishedTable {
  models: string[];
  pairs: PublishedPair[];
  byKey: Map<string, PublishedPair>;
}

function flag(value: string | undefined, file: string, field: string, nullable: boolean): boolean | null {
  if (value === '1') return true;
  if (value === '0') return false;
  if (nullable && (value === '' || value === undefined)) return null;
  throw new DataFileError(file, [{ field, expected: nullable ? '0, 1 or empty' : '0 or 1', message: `got ${JSON.stringify(value)}` }]);
}

/** Parses data/reference/paper/coop_results_per_pair.csv: models are the `<model>_passed` columns. */
export function parsePublished(rows: readonly Record<string, string>[], file: string): PublishedTable {
  const header = rows.length ? Object.keys(rows[0]!) : [];
  const models = header.filter((c) => c.endsWith('_passed')).map((c) => c.slice(0, -'_passed'.length));
  if (models.length === 0) throw new DataFileError(file, [{ field: null, expected: 'columns <model>_passed, <model>_has_conflict, <model>_result_missing', message: 'no <model>_passed column' }]);
  const pairs: PublishedPair[] = rows.map((r, i) => {
    const where = `row ${i + 2}`;
    const task = Number(r.task_id);
    const a = Number(r.feature_a);
    const b = Number(r.feature_b);
    if (!r.repo || !Number.isInteger(task) || !Number.isInteger(a) || !Number.isInteger(b)) {
      throw new DataFileError(file, [{ field: where, expected: 'repo, integer task_id, feature_a, feature_b', message: '' }]);
    }
    const ref: PairRef = { repo: r.repo, task_id: task, features: a <= b ? [a, b] : [b, a] };
    const outcomes = new Map<string, PublishedOutcome>();
    for (const m of models) {
      outcomes.set(m, {
        passed: flag(r[`${m}_passed`], file, `${where}: ${m}_passed`, false)!,
        conflict: flag(r[`${m}_has_conflict`], file, `${where}: ${m}_has_conflict`, true),
        result_missing: flag(r[`${m}_result_missing`] ?? '0', file, `${where}: ${m}_result_missing`, false)!,
      });
    }
    return { ...ref, key: pairKey(ref), outcomes };
  });
  const byKey = new Map<string, PublishedPair>();
  for (const p of pairs) {
    if (byKey.has(p.key)) throw new DataFileError(file, [{ field: p.key, expected: 'one row per pair', message: 'duplicate pair' }]);
    byKey.set(p.key, p);
  }
  return { models, pairs, byKey };
}

export function loadPublished(file: string, displayName = file): PublishedTable {
  return parsePublished(readCsv(file, displayName), displayName);
}
