import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DifficultyFileSchema, type DifficultyOptions, type RunRecord } from '@cooperbench-repro/contracts';
import { importLegacyFile } from '@cooperbench-repro/collector';
import { computeDifficulty } from './compute.js';
import { pairKey } from './pair-difficulty.js';
import { PUBLIC_LOCAL_PATHS, publicPath } from '@cooperbench-repro/public-data';
import { record } from './test-support/records.js';

// unknown_outcomes exclude: these tests pin the per-record counting; the policies have their own tests (policies.test.ts).
const OPTS: DifficultyOptions = { rescale: true, buckets: 10, solo_success: 'both-passed', difficulty_average: 'per-model', round_decimals: 9, confidence: 0.95, unknown_outcomes: 'exclude', solo_agent1: 'pass', eras: 'refuse-mixed' };
const P1: [string, number, number, number] = ['pillow_task', 290, 1, 2];
const P2: [string, number, number, number] = ['pillow_task', 290, 1, 3];
const P3: [string, number, number, number] = ['go_chi_task', 26, 1, 2];

describe('difficulty from solo observations', () => {
  it('averages per model as the paper does (d = 1 - mean over models of each model\'s solo success), or pooled on request', () => {
    // Model A passes 3 seeds, model B fails its one: per model 1 - (1 + 0)/2 = 0.5; pooled 1 - 3/4 = 0.25.
    const recs = [record('solo', 'A', P1, 'pass', { seed: 0 }), record('solo', 'A', P1, 'pass', { seed: 1 }), record('solo', 'A', P1, 'pass', { seed: 2 }), record('solo', 'B', P1, 'fail', { seed: 0 })];
    const raw = { ...OPTS, rescale: false };
    expect(computeDifficulty(recs, raw).pairs[0]).toMatchObject({ solo_observations: 4, solo_success_sum: 3, raw_difficulty: 0.5 });
    expect(computeDifficulty(recs, { ...raw, difficulty_average: 'pooled' }).pairs[0]).toMatchObject({ raw_difficulty: 0.25 });
    // A model whose only observation is unknown does not take part in the mean.
    const withUnknown = [...recs, record('solo', 'C', P1, 'unknown')];
    expect(computeDifficulty(withUnknown, raw).pairs[0]!.raw_difficulty).toBe(0.5);
    // The choice is recorded in the output.
    expect(computeDifficulty(recs, raw).options.difficulty_average).toBe('per-model');
  });

  it('with every model observed equally often, per-model and pooled agree; rescales min-max and buckets', () => {
    const recs: RunRecord[] = [
      // P1: 3 of 4 solo observations pass -> raw 0.25; P2: 1 of 4 -> 0.75; P3: 0 of 2 -> 1.0
      record('solo', 'm1', P1, 'pass', { seed: 0 }), record('solo', 'm1', P1, 'pass', { seed: 1 }), record('solo', 'm2', P1, 'pass', { seed: 0 }), record('solo', 'm2', P1, 'fail', { seed: 1 }),
      record('solo', 'm1', P2, 'pass', { seed: 0 }), record('solo', 'm1', P2, 'fail', { seed: 1 }), record('solo', 'm2', P2, 'fail', { seed: 0 }), record('solo', 'm2', P2, 'fail', { seed: 1 }),
      record('solo', 'm1', P3, 'fail'), record('solo', 'm2', P3, 'fail'),
    ];
    const d = computeDifficulty(recs, OPTS);
    DifficultyFileSchema.parse(d);
    expect(d.raw_range).toEqual({ min: 0.25, max: 1 });
    const by = new Map(d.pairs.map((p) => [pairKey(p), p]));
    expect(by.get('pillow_task/290/1_2')).toMatchObject({ solo_observations: 4, raw_difficulty: 0.25, difficulty: 0, bucket: 0 });
    expect(by.get('pillow_task/290/1_3')!.difficulty).toBeCloseTo(2 / 3, 12);
    expect(by.get('pillow_task/290/1_3')!.bucket).toBe(6);
    expect(by.get('go_chi_task/26/1_2')).toMatchObject({ difficulty: 1, bucket: 9 });
    const raw = computeDifficulty(recs, { ...OPTS, rescale: false });
    expect(raw.pairs.map((p) => p.bucket)).toEqual([9, 2, 7]);
  });

  it('excludes unknown outcomes from denominators and counts them; lists pairs with no solo observation', () => {
    const recs = [
      record('solo', 'm1', P1, 'pass'), record('solo', 'm1', P1, 'unknown', { seed: 1 }), record('solo', 'm1', P2, 'fail'),
      record('coop-msg', 'm1', P1, 'pass'), record('coop-msg', 'm1', P2, 'unknown'),
      record('coop-msg', 'm1', P3, 'fail'), record('coop-nomsg', 'm1', P3, 'pass'),
    ];
    const d = computeDifficulty(recs, OPTS);
    expect(d.pairs.find((p) => p.features[1] === 2)).toMatchObject({ solo_observations: 1, raw_difficulty: 0 });
    expect(d.pairs_without_solo).toEqual([{ repo: 'go_chi_task', task_id: 26, features: [1, 2], arms: ['coop-msg', 'coop-nomsg'] }]);
    const coop = d.curves.find((c) => c.arm === 'coop-msg' && c.model === 'pooled')!;
    expect(coop.points[9]).toMatchObject({ successes: 0, total: 0, unknown: 1, rate: null });
    expect(coop.points[0]).toMatchObject({ successes: 1, total: 1, unknown: 0, rate: 1 });
    // Overall success counts every record of the arm, placed on the difficulty axis or not.
    expect(d.overall.find((o) => o.arm === 'coop-msg' && o.model === 'm1')).toMatchObject({ successes: 1, total: 2, unknown: 1 });
  });

  it('pools by summing raw counts over models, not by averaging rates', () => {
    const recs = [record('solo', 'a', P1, 'pass'), record('solo', 'b', P1, 'fail'), record('solo', 'b', P2, 'fail')];
    for (let i = 0; i < 9; i++) recs.push(record('coop-msg', 'a', P1, i < 9 ? 'pass' : 'fail', { record_id: `a${i}`, run: `a${i}` }));
    recs.push(record('coop-msg', 'b', P1, 'fail'));
    const d = computeDifficulty(recs, OPTS);
    const pooled = d.curves.find((c) => c.arm === 'coop-msg' && c.model === 'pooled')!.points.find((p) => p.total > 0)!;
    expect([pooled.successes, pooled.total]).toEqual([9, 10]);
    expect(pooled.rate).toBe(0.9); // mean of the two models' rates would be 0.5
  });

  it('computes AUC, delta AUC and retention per model and pooled', () => {
    const recs: RunRecord[] = [];
    const pairs: [string, number, number, number][] = [P1, P2, P3];
    // solo: P1 always passes (easy), P2 half, P3 never; coop passes only on P1.
    pairs.forEach((p, i) => {
      for (let s = 0; s < 2; s++) recs.push(record('solo', 'm', p, i === 0 || (i === 1 && s === 0) ? 'pass' : 'fail', { seed: s, record_id: `s${s}${i}`, run: `solo${s}` }));
      recs.push(record('coop-msg', 'm', p, i === 0 ? 'pass' : 'fail', { record_id: `c${i}` }));
    });
    const d = computeDifficulty(recs, OPTS);
    const solo = d.curves.find((c) => c.arm === 'solo' && c.model === 'm')!;
    expect(solo.populated_buckets).toEqual([0, 5, 9]);
    // points (0.05, 1), (0.55, 0.5), (0.95, 0): 0.5*(1+0.5)/2 + 0.4*(0.5+0)/2 = 0.375 + 0.1
    expect(solo.auc).toBeCloseTo(0.475, 12);
    const cmp = d.comparisons.find((c) => c.model === 'm' && c.arm === 'coop-msg')!;
    expect(cmp.auc_arm).toBeCloseTo(0.5 * (1 + 0) / 2 + 0.4 * 0, 12);
    expect(cmp.delta_auc).toBeCloseTo(0.475 - 0.25, 12);
    expect(cmp.retention).toBeCloseTo(0.25 / 0.475, 12);
  });
});

describe('the 500 real Command A records (imported from the earlier Python implementation)', () => {
  const imported = importLegacyFile(publicPath(PUBLIC_LOCAL_PATHS.commandALiteResults), { displayPath: 'results.json', agentFramework: 'mini_swe_agent' }).records;

  it('gives the numbers stated in the closing note', () => {
    const d = computeDifficulty(imported, OPTS);
    expect(d.pairs).toHaveLength(99);
    expect(d.pairs_without_solo).toHaveLength(1); // every solo eval of that pair errored: unknown, not hard
    const solo = d.curves.find((c) => c.arm === 'solo' && c.model === 'pooled')!;
    expect(solo.populated_buckets).toEqual([0, 5, 9]);
    expect(solo.auc).toBeCloseTo(0.31667, 4);
    for (const arm of ['coop-msg', 'coop-nomsg']) {
      expect(d.comparisons.find((c) => c.model === 'pooled' && c.arm === arm)).toMatchObject({ auc_arm: 0, retention: 0 });
    }
    expect(d.overall.find((o) => o.arm === 'solo' && o.model === 'pooled')).toMatchObject({ successes: 3, total: 289, unknown: 11 });
  });

  it('without rescaling reproduces the earlier implementation for every pair whose solo evals had no error', () => {
    const d = computeDifficulty(imported, { ...OPTS, rescale: false });
    const ours = new Map(d.pairs.map((p) => [pairKey(p), p]));
    const soloLegacy = imported.filter((r) => r.arm === 'solo');
    const errored = new Set(soloLegacy.filter((r) => r.eval_error !== null).map((r) => pairKey(r)));
    let same = 0;
    const differing: string[] = [];
    for (const r of soloLegacy.filter((x) => x.seed === 0)) {
      const key = pairKey(r);
      const mine = ours.get(key);
      if (!errored.has(key)) {
        expect(mine!.raw_difficulty).toBeCloseTo(r.legacy!.difficulty!, 4); // the old file rounds to 4 decimals
        expect(mine!.bucket).toBe(r.legacy!.bucket);
        same++;
      } else if (!mine || Math.abs(mine.raw_difficulty - r.legacy!.difficulty!) > 1e-4) {
        differing.push(key);
      }
    }
    expect(same).toBe(100 - errored.size);
    // Where an eval errored, the old pipeline counted a failure (harder); here it is unknown.
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.every((k) => errored.has(k))).toBe(true);
  });
});
