import { DataFileError } from '@cooperbench-repro/contracts';
import { readCsv } from './csv.js';
import type { PairRef } from '@cooperbench-repro/contracts';

/** `repo/task/a_b` with features sorted ascending: the join key between own records and published rows. */
export function pairKey(p: { repo: string; task_id: number; features: readonly [number, number] }): string {
  const [a, b] = p.features[0] <= p.features[1] ? p.features : [p.features[1], p.features[0]];
  return `${p.repo}/${p.task_id}/${a}_${b}`;
}

export function parsePairKey(key: string): PairRef {
  const m = /^(.+)\/(\d+)\/(\d+)_(\d+)$/.exec(key);
  if (!m) throw new Error(`not a pair key: ${key}`);
  return { repo: m[1]!, task_id: Number(m[2]), features: [Number(m[3]), Number(m[4])] };
}

export const SUBSET_NAMES = ['lite', 'flash', 'spark', 'core'] as const;

/** The CooperBench dataset's 652 pairs (data/reference/dataset/pairs.csv) with subset membership. */
export class Dataset {
  readonly pairs: PairRef[];
  readonly keys: Set<string>;
  readonly repos: Set<string>;
  /** Subset name -> pair keys; `full` is the whole dataset. */
  readonly subsets: Map<string, Set<string>>;

  constructor(rows: readonly { repo: string; task_id: number; features: [number, number]; subsets: readonly string[] }[]) {
    this.pairs = rows.map((r) => ({ repo: r.repo, task_id: r.task_id, features: r.features }));
    this.keys = new Set(this.pairs.map(pairKey));
    this.repos = new Set(this.pairs.map((p) => p.repo));
    this.subsets = new Map([['full', this.keys]]);
    for (const r of rows) {
      for (const s of r.subsets) {
        if (!this.subsets.has(s)) this.subsets.set(s, new Set());
        this.subsets.get(s)!.add(pairKey(r));
      }
    }
  }

  /**
   * The dataset's repo name for a record's repo: as is when the dataset has it, else with the
   * `_task` suffix added (the website and some logs say `typst` for `typst_task`); null when unknown.
   */
  canonicalRepo(repo: string): string | null {
    if (this.repos.has(repo)) return repo;
    if (this.repos.has(`${repo}_task`)) return `${repo}_task`;
    return null;
  }

  /** The dataset key of a record's pair, or null when the pair is not in the dataset. */
  keyOf(p: { repo: string; task_id: number; features: readonly [number, number] }): string | null {
    const repo = this.canonicalRepo(p.repo);
    if (repo === null) return null;
    const key = pairKey({ ...p, repo });
    return this.keys.has(key) ? key : null;
  }

  /**
   * The subset a run used, from its pair set: the subset whose planned pairs equal the pairs the run
   * has records for (records with unknown outcomes included). Null when none matches exactly.
   */
  subsetOfPairs(keys: ReadonlySet<string>): string | null {
    for (const name of [...SUBSET_NAMES, 'full']) {
      const planned = this.subsets.get(name);
      if (planned && planned.size === keys.size && [...keys].every((k) => planned.has(k))) return name;
    }
    return null;
  }
}

export function loadDataset(file: string, displayName = file): Dataset {
  const rows = readCsv(file, displayName).map((r, i) => {
    const task = Number(r.task_id);
    const a = Number(r.f1);
    const b = Number(r.f2);
    if (!r.repo || !Number.isInteger(task) || !Number.isInteger(a) || !Number.isInteger(b)) {
      throw new DataFileError(displayName, [{ field: `row ${i + 2}`, expected: 'repo, integer task_id, f1, f2', message: '' }]);
    }
    const subsets = SUBSET_NAMES.filter((s) => r[`in_${s}`] === 'True');
    return { repo: r.repo, task_id: task, features: (a <= b ? [a, b] : [b, a]) as [number, number], subsets };
  });
  return new Dataset(rows);
}
