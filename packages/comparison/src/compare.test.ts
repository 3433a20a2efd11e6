import { describe, expect, it } from 'vitest';
import { wilsonInterval, type Outcome, type RunRecord } from '@cooperbench-repro/contracts';
import { combineRepeats, comparePairs, ownPairs } from './compare.js';
import { comparisonMarkdown } from './comparison-md.js';
import { pairGrid } from './pair-grid.js';
import { Dataset, pairKey } from './dataset.js';
import { parsePublished } from './published.js';
import { ComparisonFileSchema, type ComparisonOptions } from '@cooperbench-repro/contracts';
import { compareRecords, loadReference } from './stage.js';
import { record } from './test-support/records.js';

const OPTS: ComparisonOptions = { own_repeats: 'first-seed', arm_prefix: 'coop-msg', published_missing: 'unknown', confidence: 0.95, run_subsets: {}, grid_pairs: 'own-known' };

type P = [string, number, number, number];
const T1: P = ['typst_task', 6554, 1, 2];
const T2: P = ['typst_task', 6554, 1, 3];
const C1: P = ['pallets_click_task', 2068, 1, 2];
const C2: P = ['pallets_click_task', 2068, 1, 3];

/** A tiny dataset in the CooperBench naming: typst_task (two pairs) and pallets_click_task (two pairs); lite = T1 + C1. */
function tinyDataset(): Dataset {
  return new Dataset([
    { repo: 'typst_task', task_id: 6554, features: [1, 2], subsets: ['lite'] },
    { repo: 'typst_task', task_id: 6554, features: [1, 3], subsets: [] },
    { repo: 'pallets_click_task', task_id: 2068, features: [1, 2], subsets: ['lite'] },
    { repo: 'pallets_click_task', task_id: 2068, features: [1, 3], subsets: [] },
  ]);
}

/** Published rows as the CSV gives them: model x (passed, has_conflict, result_missing). */
function pubRow(p: P, cells: Record<string, [string, string, string]>): Record<string, string> {
  const row: Record<string, string> = { repo: p[0], task_id: String(p[1]), feature_a: String(p[2]), feature_b: String(p[3]), website_repo_keys: p[0] };
  for (const [m, [passed, conflict, missing]] of Object.entries(cells)) {
    row[`${m}_passed`] = passed;
    row[`${m}_has_conflict`] = conflict;
    row[`${m}_result_missing`] = missing;
    row[`${m}_has_trajectory`] = '1';
  }
  return row;
}

const rec = (p: P, outcome: Outcome, conflict: boolean | null, extra: Partial<RunRecord> = {}): RunRecord =>
  record('coop-msg', 'mine', p, outcome, { merge: { status: null, strategy: null, outcome: 'clean', naive_conflict: conflict }, ...extra });

describe('join on (repo, task, feature pair) in the dataset naming', () => {
  it('maps website-style repo names and unsorted features onto the dataset key; leaves unknown pairs out', () => {
    const ds = tinyDataset();
    expect(ds.keyOf({ repo: 'typst_task', task_id: 6554, features: [1, 2] })).toBe('typst_task/6554/1_2');
    expect(ds.keyOf({ repo: 'typst', task_id: 6554, features: [2, 1] })).toBe('typst_task/6554/1_2');
    expect(ds.keyOf({ repo: 'typst_task', task_id: 6554, features: [2, 3] })).toBeNull();
    expect(ds.keyOf({ repo: 'typst_task', task_id: 1, features: [1, 2] })).toBeNull();
    expect(ds.keyOf({ repo: 'unknown_task', task_id: 6554, features: [1, 2] })).toBeNull();
    const { pairs, unmatched } = ownPairs([rec(['typst', 6554, 1, 2], 'pass', false), rec(['typst_task', 6554, 2, 3], 'pass', false)], ds, 'first-seed');
    expect([...pairs.keys()]).toEqual(['typst_task/6554/1_2']);
    expect(unmatched).toEqual(['typst_task/6554/2_3']);
  });

  it('joins own outcomes to published outcomes and counts the paired table, conflicts and per-repo splits', () => {
    const ds = tinyDataset();
    const pub = parsePublished(
      [
        pubRow(T1, { gpt5: ['1', '0', '0'] }), // ours fail (conflict) / gpt5 pass (no conflict): only published, conflict disagrees
        pubRow(T2, { gpt5: ['0', '', '1'] }), // gpt5 result missing: unknown, not matched
        pubRow(C1, { gpt5: ['1', '1', '0'] }), // both pass, both conflict
        pubRow(C2, { gpt5: ['0', '', '0'] }), // ours pass, gpt5 fail, gpt5 conflict unknown
      ],
      'test.csv',
    );
    const own = ownPairs(
      [rec(['typst', 6554, 2, 1], 'fail', true), rec(T2, 'pass', false), rec(C1, 'pass', true), rec(C2, 'pass', false)],
      ds,
      'first-seed',
    ).pairs;
    const row = comparePairs(own, pub, 'gpt5', OPTS);
    expect(row).toMatchObject({
      matched_pairs: 3,
      ours_passed: 2,
      published_passed: 2,
      both_passed: 1,
      only_ours: 1,
      only_published: 1,
      neither: 0,
      mcnemar_p: 1,
      conflict_known: 2,
      conflict_agreement: 1,
      own_known_pairs: 4,
      published_unknown: 1,
    });
    expect(row.per_repo.map((r) => [r.repo, r.matched_pairs, r.only_ours, r.only_published])).toEqual([
      ['pallets_click_task', 2, 1, 0],
      ['typst_task', 1, 0, 1],
    ]);
    // As reported: the missing row counts with its `passed` (0 here), its conflict stays unknown.
    const asReported = comparePairs(own, pub, 'gpt5', { ...OPTS, published_missing: 'as-reported' });
    expect([asReported.matched_pairs, asReported.only_ours, asReported.conflict_known]).toEqual([4, 2, 2]);
  });

  it('every published pair is a dataset pair, in the dataset naming, with 8 models', () => {
    const ref = loadReference();
    expect(ref.published.pairs).toHaveLength(652);
    expect(ref.published.models).toEqual(['gpt5', 'claude', 'minimax', 'qwen_coder', 'qwen', 'gemini_flash_sdk', 'gemini_flash_miniswe', 'gemini_pro_miniswe']);
    for (const p of ref.published.pairs) expect(ref.dataset.keys.has(p.key)).toBe(true);
    expect(ref.dataset.subsets.get('lite')!.size).toBe(100);
    expect(ref.dataset.subsets.get('flash')!.size).toBe(50);
    expect(ref.dataset.keys.size).toBe(652);
    expect(ref.published.byKey.get('typst_task/6554/1_8')?.outcomes.get('gpt5')).toEqual({ passed: true, conflict: null, result_missing: true });
  });
});

describe('the pair x model grid', () => {
  it('gives every published pair pass / fail / unknown / not-run per column and counts the columns that solve it', () => {
    const ds = tinyDataset();
    const pub = parsePublished(
      [pubRow(T1, { gpt5: ['1', '0', '0'], claude: ['1', '0', '0'] }), pubRow(T2, { gpt5: ['1', '', '1'], claude: ['0', '0', '0'] }), pubRow(C1, { gpt5: ['0', '0', '0'], claude: ['0', '1', '0'] })],
      'test.csv',
    );
    const own = ownPairs([rec(T1, 'pass', false), rec(T2, 'unknown', null)], ds, 'first-seed').pairs;
    const grid = pairGrid([{ model: 'mine', arm: 'coop-msg', pairs: own }], pub, OPTS);
    expect(grid.columns).toEqual([
      { source: 'ours', model: 'mine', arm: 'coop-msg' },
      { source: 'published', model: 'gpt5', arm: 'coop-msg' },
      { source: 'published', model: 'claude', arm: 'coop-msg' },
    ]);
    expect(grid.pairs.map((p) => [p.pair, p.outcomes, p.solved_by, p.solved_by_published])).toEqual([
      ['typst_task/6554/1_2', ['pass', 'pass', 'pass'], 3, 2],
      // gpt5's result is missing: unknown under the default, even though the row says passed
      ['typst_task/6554/1_3', ['unknown', 'unknown', 'fail'], 0, 0],
      ['pallets_click_task/2068/1_2', ['not-run', 'fail', 'fail'], 0, 0],
    ]);
    // as-reported reads the missing row's `passed`
    expect(pairGrid([{ model: 'mine', arm: 'coop-msg', pairs: own }], pub, { ...OPTS, published_missing: 'as-reported' }).pairs[1]!.outcomes).toEqual(['unknown', 'pass', 'fail']);
  });
});

describe('one outcome per pair from repeated own runs', () => {
  const runs = (outcomes: [Outcome, number | null][]): RunRecord[] => outcomes.map(([o, seed], i) => rec(C1, o, i === 0 ? null : i % 2 === 0, { seed, run: `r${i}`, record_id: `r${i}` }));

  it('first-seed takes the lowest seed with a known outcome', () => {
    expect(combineRepeats(runs([['fail', 2], ['pass', 1], ['fail', 3]]), 'first-seed')).toMatchObject({ passed: true, known: 3, disagree: true });
    expect(combineRepeats(runs([['unknown', 0], ['fail', 1], ['pass', null]]), 'first-seed')).toMatchObject({ passed: false, known: 2 });
    expect(combineRepeats(runs([['unknown', 0]]), 'first-seed')).toEqual({ passed: null, conflict: null, known: 0, disagree: false });
  });

  it('majority needs more than half; any-pass needs one', () => {
    expect(combineRepeats(runs([['pass', 1], ['fail', 2]]), 'majority').passed).toBe(false);
    expect(combineRepeats(runs([['pass', 1], ['fail', 2], ['pass', 3]]), 'majority').passed).toBe(true);
    expect(combineRepeats(runs([['fail', 1], ['fail', 2], ['pass', 3]]), 'any-pass').passed).toBe(true);
    expect(combineRepeats(runs([['fail', 1], ['unknown', 2]]), 'any-pass').passed).toBe(false);
  });

  it('takes the conflict flag from the first outcome-known record that has one', () => {
    // record 0 (seed 1) has conflict null, record 1 (seed 2) false, record 2 (seed 3) true
    expect(combineRepeats(runs([['pass', 1], ['fail', 2], ['fail', 3]]), 'majority').conflict).toBe(false);
  });
});

describe('the whole stage on synthetic records', () => {
  it('compares coop-msg arms only, records repeats, validates, and builds the leaderboard over the subset', () => {
    const ref = loadReference();
    const lite = [...ref.dataset.subsets.get('lite')!].sort();
    const recs: RunRecord[] = [];
    lite.forEach((key, i) => {
      const [repo, task, feats] = key.split('/') as [string, string, string];
      const [a, b] = feats.split('_').map(Number) as [number, number];
      const p: P = [repo, Number(task), a, b];
      // seed 0 passes the first 30 pairs, seed 1 passes the first 40; pair 99 is unknown in both.
      recs.push(rec(p, i === 99 ? 'unknown' : i < 30 ? 'pass' : 'fail', false, { run: 'mine-s0', seed: 0, record_id: `s0/${key}` }));
      recs.push(rec(p, i === 99 ? 'unknown' : i < 40 ? 'pass' : 'fail', false, { run: 'mine-s1', seed: 1, record_id: `s1/${key}` }));
      recs.push(record('coop-nomsg', 'mine', p, 'pass', { run: 'mine-nomsg', record_id: `n/${key}` }));
      if (i < 10) recs.push(record('solo', 'mine', p, 'pass', { run: 'mine-solo', record_id: `solo/${key}` }));
    });
    const file = compareRecords(recs, OPTS, ref);
    ComparisonFileSchema.parse(file);
    expect(file.own_groups.map((g) => [g.model, g.arm, g.pairs, g.known_pairs, g.repeated_pairs, g.repeated_pairs_disagreeing])).toEqual([['mine', 'coop-msg', 100, 99, 99, 10]]);
    expect(file.comparisons).toHaveLength(8);
    expect(file.comparisons.every((c) => c.model === 'mine' && c.arm === 'coop-msg')).toBe(true);
    expect(file.inputs.compared_records).toBe(200);

    const row = (arm: string) => file.leaderboard.find((r) => r.source === 'ours' && r.arm === arm)!;
    expect(row('coop-msg')).toMatchObject({ view: 'coop', subset: 'lite', subset_determined_by: 'pair-set', planned_pairs: 100, successes: 30, known_pairs: 99, unknown_pairs: 1, messaging: true, git: false, runs: ['mine-s0', 'mine-s1'] });
    const w = wilsonInterval(30, 100);
    expect(row('coop-msg').ci95_low).toBeCloseTo(w.low! * 100, 2);
    expect(row('coop-nomsg')).toMatchObject({ subset: 'lite', successes: 100, messaging: false, rank: 1 });
    // 10 solo pairs equal no subset: the denominator is the pairs seen, and the caveat says so.
    expect(row('solo')).toMatchObject({ view: 'solo', subset: null, subset_determined_by: 'pairs-seen', planned_pairs: 10, successes: 10 });
    expect(file.caveats.some((c) => c.includes('mine-solo'))).toBe(true);
    // The grid's own column has the 99 known lite pairs (30 pass under first-seed), 1 unknown, the rest not run.
    const own = file.pair_grid.pairs.map((p) => p.outcomes[0]);
    expect([own.filter((o) => o === 'pass').length, own.filter((o) => o === 'fail').length, own.filter((o) => o === 'unknown').length, own.filter((o) => o === 'not-run').length]).toEqual([30, 69, 1, 552]);
    // The markdown splits each published comparison by repository, and the splits add up to the matched pairs.
    const md = comparisonMarkdown(file);
    expect(md).toMatch(/Per repository, passes ours vs published/);
    for (const c of file.comparisons) expect(c.per_repo.reduce((n, r) => n + r.matched_pairs, 0)).toBe(c.matched_pairs);
    expect(md.trimEnd().split('\n').at(-1)).toMatch(/^- /);
    // Published reference rows on lite, in the website convention (the summary CSV's lite counts).
    const pubLite = Object.fromEntries(file.leaderboard.filter((r) => r.source === 'published' && r.subset === 'lite').map((r) => [r.model, r.successes]));
    expect(pubLite).toMatchObject({ gpt5: 32, claude: 30, minimax: 16, qwen_coder: 12, qwen: 2 });
    // any-pass and majority change the own outcome per pair.
    expect(compareRecords(recs, { ...OPTS, own_repeats: 'any-pass' }, ref).leaderboard.find((r) => r.source === 'ours' && r.arm === 'coop-msg')!.successes).toBe(40);
    expect(compareRecords(recs, { ...OPTS, own_repeats: 'majority' }, ref).leaderboard.find((r) => r.source === 'ours' && r.arm === 'coop-msg')!.successes).toBe(30);
    // A config override names the subset where the pair set cannot tell.
    const over = compareRecords(recs, { ...OPTS, run_subsets: { 'mine-solo': 'lite' } }, ref);
    expect(over.leaderboard.find((r) => r.source === 'ours' && r.arm === 'solo')).toMatchObject({ subset: 'lite', subset_determined_by: 'config', planned_pairs: 100, successes: 10 });
    expect(pairKey({ repo: 'x', task_id: 1, features: [3, 2] })).toBe('x/1/2_3');
    // Pairs outside the dataset (synthetic task ids) are not joined, but still count in a pairs-seen leaderboard row.
    const fake = compareRecords([rec(['pallets_click_task', 999999, 1, 2], 'pass', false, { run: 'fake' }), rec(C1, 'fail', false, { run: 'fake', record_id: 'f2' })], OPTS, ref);
    expect(fake.own_groups[0]).toMatchObject({ pairs: 1, unmatched_pairs: ['pallets_click_task/999999/1_2'] });
    expect(fake.comparisons[0]!.own_known_pairs).toBe(1);
    expect(fake.leaderboard.find((r) => r.source === 'ours')).toMatchObject({ subset: null, planned_pairs: 2, successes: 1 });
    expect(fake.caveats.some((c) => c.startsWith('Pairs not in the CooperBench dataset'))).toBe(true);
  });
});
