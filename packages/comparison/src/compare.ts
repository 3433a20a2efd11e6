import type { RunRecord } from '@cooperbench-repro/contracts';
import { pairKey, parsePairKey, type Dataset } from './dataset.js';
import { sorted } from './group.js';
import { mcnemarExact } from './mcnemar.js';
import type { PublishedOutcome, PublishedTable } from './published.js';
import { emptyPairedCounts as emptyCounts, type ComparisonOptions, type ComparisonRow, type OwnRepeats, type PairedCounts } from '@cooperbench-repro/contracts';

/** Website leaderboard metadata of a published model (data/reference/website/leaderboard_transcribed.csv). */
export interface PublishedModelInfo {
  model: string;
  full_name: string;
  framework: string;
  git: boolean;
}

export interface ComparisonInputs {
  records: readonly RunRecord[];
  published: PublishedTable;
  dataset: Dataset;
  options: ComparisonOptions;
  /** Display names recorded in the output. */
  storeName: string;
  publishedName: string;
  /** Keyed by website model_key (gpt5, claude, ...). */
  publishedInfo?: ReadonlyMap<string, PublishedModelInfo>;
  /** Runs the records were restricted to, recorded in the output (null: all). */
  runFilter?: readonly string[] | null;
}

/** One own model/arm's outcome on one pair after combining its repeats. */
export interface OwnPairOutcome {
  key: string;
  repo: string;
  /** null: no record of the pair has a known outcome. */
  passed: boolean | null;
  /** Naive-conflict flag of the first outcome-known record (seed order) that has one. */
  conflict: boolean | null;
  known_records: number;
  disagree: boolean;
}

function seedOrder(a: RunRecord, b: RunRecord): number {
  const sa = a.seed ?? Number.POSITIVE_INFINITY;
  const sb = b.seed ?? Number.POSITIVE_INFINITY;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (a.run !== b.run) return a.run < b.run ? -1 : 1;
  return a.record_id < b.record_id ? -1 : a.record_id > b.record_id ? 1 : 0;
}

/** Combines the records of one model/arm on one pair into one outcome (see OwnRepeatsSchema). */
export function combineRepeats(records: readonly RunRecord[], mode: OwnRepeats): { passed: boolean | null; conflict: boolean | null; known: number; disagree: boolean } {
  const known = records.filter((r) => r.outcome !== 'unknown').sort(seedOrder);
  if (known.length === 0) return { passed: null, conflict: null, known: 0, disagree: false };
  const passes = known.filter((r) => r.outcome === 'pass').length;
  let passed: boolean;
  switch (mode) {
    case 'first-seed':
      passed = known[0]!.outcome === 'pass';
      break;
    case 'majority':
      passed = passes * 2 > known.length;
      break;
    case 'any-pass':
      passed = passes > 0;
      break;
  }
  const conflict = known.find((r) => r.merge.naive_conflict !== null)?.merge.naive_conflict ?? null;
  return { passed, conflict, known: known.length, disagree: passes > 0 && passes < known.length };
}

/**
 * Per pair (dataset key) of a group: combined outcome; records outside the dataset are returned apart
 * (or, with `keepUnmatched`, kept under their own `repo/task/a_b` key, for a pairs-seen denominator).
 */
export function ownPairs(records: readonly RunRecord[], dataset: Dataset, mode: OwnRepeats, keepUnmatched = false): { pairs: Map<string, OwnPairOutcome>; unmatched: string[] } {
  const byKey = new Map<string, RunRecord[]>();
  const unmatched = new Set<string>();
  for (const r of records) {
    let key = dataset.keyOf(r);
    if (key === null) {
      unmatched.add(pairKey(r));
      if (!keepUnmatched) continue;
      key = pairKey(r);
    }
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const pairs = new Map<string, OwnPairOutcome>();
  for (const [key, rs] of [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const c = combineRepeats(rs, mode);
    pairs.set(key, { key, repo: parsePairKey(key).repo, passed: c.passed, conflict: c.conflict, known_records: c.known, disagree: c.disagree });
  }
  return { pairs, unmatched: sorted(unmatched) };
}

/** The published outcome as the options read it: null when unknown. */
export function publishedOutcome(o: PublishedOutcome | undefined, options: ComparisonOptions): { passed: boolean; conflict: boolean | null } | null {
  if (!o) return null;
  if (o.result_missing && options.published_missing === 'unknown') return null;
  return { passed: o.passed, conflict: o.result_missing ? null : o.conflict };
}

function addPair(c: PairedCounts, ours: OwnPairOutcome, pub: { passed: boolean; conflict: boolean | null }): void {
  c.matched_pairs++;
  if (ours.passed) c.ours_passed++;
  if (pub.passed) c.published_passed++;
  if (ours.passed && pub.passed) c.both_passed++;
  else if (ours.passed) c.only_ours++;
  else if (pub.passed) c.only_published++;
  else c.neither++;
  if (ours.conflict !== null && pub.conflict !== null) {
    c.conflict_known++;
    if (ours.conflict === pub.conflict) c.conflict_agreement++;
    if (ours.conflict) c.ours_conflict++;
    if (pub.conflict) c.published_conflict++;
  }
}

function finish(c: PairedCounts): PairedCounts {
  c.mcnemar_p = c.matched_pairs === 0 ? null : mcnemarExact(c.only_ours, c.only_published);
  return c;
}

/** The paired comparison of one own model/arm (its combined per-pair outcomes) with one published model. */
export function comparePairs(own: ReadonlyMap<string, OwnPairOutcome>, published: PublishedTable, publishedModel: string, options: ComparisonOptions): Omit<ComparisonRow, 'model' | 'arm'> {
  const total = emptyCounts();
  const perRepo = new Map<string, PairedCounts>();
  let ownKnown = 0;
  let publishedUnknown = 0;
  for (const ours of own.values()) {
    if (ours.passed === null) continue;
    ownKnown++;
    const pub = publishedOutcome(published.byKey.get(ours.key)?.outcomes.get(publishedModel), options);
    if (pub === null) {
      publishedUnknown++;
      continue;
    }
    addPair(total, ours, pub);
    if (!perRepo.has(ours.repo)) perRepo.set(ours.repo, emptyCounts());
    addPair(perRepo.get(ours.repo)!, ours, pub);
  }
  return {
    published_model: publishedModel,
    ...finish(total),
    own_known_pairs: ownKnown,
    published_unknown: publishedUnknown,
    per_repo: [...perRepo.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([repo, c]) => ({ repo, ...finish(c) })),
  };
}

