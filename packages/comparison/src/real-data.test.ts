import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '@cooperbench-repro/contracts';
import { pairGridCsv } from './pairs-csv.js';
import { ComparisonFileSchema, type ComparisonFile, type ComparisonOptions } from '@cooperbench-repro/contracts';
import { compareRecords, loadReference, type ReferenceData } from './stage.js';
import { commandARecords, racsoRecords } from './test-support/real-data.js';

const OPTS: ComparisonOptions = { own_repeats: 'first-seed', arm_prefix: 'coop-msg', published_missing: 'unknown', confidence: 0.95, run_subsets: {}, grid_pairs: 'own-known' };

let ref: ReferenceData;
let racso: RunRecord[];
beforeAll(async () => {
  ref = loadReference();
  racso = await racsoRecords();
});

const row = (file: ComparisonFile, model: string, published: string, arm = 'coop-msg') => file.comparisons.find((c) => c.model === model && c.arm === arm && c.published_model === published)!;

describe('real claude_code run flash_msg_1 (collected from the public logs) vs the published data', () => {
  it('reproduces the GPT-5 comparison: 44 shared pairs, 17 vs 6 passes, 13 only GPT-5, 2 only ours, p ~ 0.007, conflicts agree on 22', () => {
    const recs = racso.filter((r) => r.run === 'flash_msg_1');
    expect(recs).toHaveLength(50);
    const file = compareRecords(recs, OPTS, ref, 'racso logs');
    ComparisonFileSchema.parse(file);
    const gpt5 = row(file, recs[0]!.model, 'gpt5');
    expect(gpt5).toMatchObject({ matched_pairs: 44, published_passed: 17, only_published: 13, only_ours: 2, conflict_known: 44, conflict_agreement: 22 });
    expect(gpt5.ours_passed).toBe(gpt5.both_passed + 2);
    // exact two-sided McNemar on 13 vs 2: 2 * (1 + 15 + 105) / 2^15
    expect(gpt5.mcnemar_p).toBeCloseTo(242 / 32768, 10);
    expect(gpt5.mcnemar_p!).toBeGreaterThan(0.007);
    expect(gpt5.mcnemar_p!).toBeLessThan(0.008);
    // flash: 47 own pairs with an eval; 3 of them are typst pairs GPT-5 has no result for.
    expect([gpt5.own_known_pairs, gpt5.published_unknown]).toEqual([47, 3]);
    expect(gpt5.per_repo.reduce((n, r) => n + r.matched_pairs, 0)).toBe(44);
    expect(gpt5.per_repo.find((r) => r.repo === 'typst_task')).toBeUndefined();
    // The leaderboard finds the flash subset from the run's 50 pairs.
    expect(file.leaderboard.find((r) => r.source === 'ours')).toMatchObject({ subset: 'flash', planned_pairs: 50, subset_determined_by: 'pair-set', known_pairs: 47 });
    expect(file.leaderboard.find((r) => r.source === 'published' && r.model === 'gpt5')).toMatchObject({ subset: 'flash', successes: 17 });
    // The grid holds every published pair; the own column agrees with the paired counts.
    const grid = file.pair_grid;
    expect(grid.pairs).toHaveLength(652);
    expect(grid.columns.map((c) => c.source)).toEqual(['ours', ...Array(8).fill('published')]);
    const gi = grid.columns.findIndex((c) => c.model === 'gpt5');
    const both = grid.pairs.filter((p) => ['pass', 'fail'].includes(p.outcomes[0]!) && ['pass', 'fail'].includes(p.outcomes[gi]!));
    expect(both).toHaveLength(44);
    expect(both.filter((p) => p.outcomes[gi] === 'pass' && p.outcomes[0] === 'fail')).toHaveLength(13);
    expect(both.filter((p) => p.outcomes[gi] === 'fail' && p.outcomes[0] === 'pass')).toHaveLength(2);
    expect(grid.pairs.filter((p) => p.outcomes[0] !== 'not-run')).toHaveLength(50);
    expect(pairGridCsv(file).split('\n')[0]).toBe(`pair,repo,solved_by,solved_by_published,ours:${gpt5.model}:coop-msg,published:gpt5,published:claude,published:minimax,published:qwen_coder,published:qwen,published:gemini_flash_sdk,published:gemini_flash_miniswe,published:gemini_pro_miniswe`);
    // Solve sets over all 8 published models reconcile with the own known pairs.
    const s = file.solve_sets[0]!;
    const ownFails = grid.pairs.filter((p) => p.outcomes[0] === 'fail').length;
    const ownPasses = grid.pairs.filter((p) => p.outcomes[0] === 'pass').length;
    expect(ownFails + ownPasses).toBe(47);
    expect(s.nobody_solves + s.only_published_solve).toBe(ownFails);
    expect(s.only_ours_solve.length).toBeLessThanOrEqual(ownPasses);
    expect(s.nobody_solves).toBe(s.nobody_solves_pairs.length);
    for (const k of s.only_ours_solve) expect(grid.pairs.find((p) => p.pair === k)!.solved_by_published).toBe(0);
  });

  it('combines the repeated flash runs into one outcome per pair and reports how often they disagree', () => {
    const recs = racso.filter((r) => r.run === 'flash_msg_1' || r.run === 'flash_msg_2');
    const file = compareRecords(recs, OPTS, ref);
    const g = file.own_groups[0]!;
    expect(g.runs).toEqual(['flash_msg_1', 'flash_msg_2']);
    expect(g.pairs).toBe(50);
    expect(g.repeated_pairs).toBeGreaterThan(40);
    expect(g.repeated_pairs_disagreeing).toBeLessThan(g.repeated_pairs);
    const anyPass = compareRecords(recs, { ...OPTS, own_repeats: 'any-pass' }, ref);
    expect(row(anyPass, g.model, 'gpt5').ours_passed).toBeGreaterThanOrEqual(row(file, g.model, 'gpt5').ours_passed);
    expect(file.leaderboard.find((r) => r.source === 'ours' && r.arm === 'coop-msg')!.runs).toEqual(['flash_msg_1', 'flash_msg_2']);
  });
});

describe('real Command A lite records vs the published data', () => {
  it('finds the lite subset, compares only the messaging arm, and keeps the eval-era caveat', () => {
    const recs = commandARecords();
    const file = compareRecords(recs, OPTS, ref, 'command-a');
    expect(file.own_groups.map((g) => g.arm)).toEqual(['coop-msg']);
    const gpt5 = row(file, 'command-a-03-2025', 'gpt5');
    expect(gpt5.own_known_pairs).toBe(96);
    expect(gpt5.matched_pairs + gpt5.published_unknown).toBe(96);
    expect(gpt5.published_passed).toBeGreaterThan(gpt5.ours_passed);
    expect(file.own_groups[0]!.eval_formats).toEqual(['naive-union']);
    const lb = file.leaderboard.filter((r) => r.source === 'ours');
    expect(lb.every((r) => r.subset === 'lite' && r.planned_pairs === 100)).toBe(true);
    expect(lb.map((r) => r.arm).sort()).toEqual(['coop-msg', 'coop-nomsg', 'solo']);
    expect(file.caveats.join('\n')).toMatch(/naive-union/);
    expect(file.caveats.join('\n')).toMatch(/typst_task pairs are result_missing for gpt5, claude, qwen_coder, qwen/);
    expect(file.caveats.join('\n')).toMatch(/minimax 312/);
    expect(file.caveats.join('\n')).toMatch(/difficulty axis/);
  });
});
