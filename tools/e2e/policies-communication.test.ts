import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CommunicationFileSchema, type AnalysisPolicy, type CommunicationFile } from '@cooperbench-repro/contracts';
import { WORKSPACE } from './temp-workspace.js';
import { EVAL, arms, CLI, collectTree, conversation, coopPair, pairDir, stage, tempDir, TIMEOUT, type Pair, type Tree } from './upstream-log-tree.js';

/**
 * The analysis policies of Figure 5(a)/(b) (communication stage, comm_vs_nocomm) on a hand-built upstream
 * log tree with known answers: the real collector CLI makes the store, the real communication CLI counts
 * it under each unknown_outcomes and solo_agent1 setting. Pair names are in no reference subset, so each
 * run's plan is its own pairs (no planned pair missing).
 */

const P1: Pair = ['gamma_task', 7, 1, 2];
const P2: Pair = ['gamma_task', 7, 1, 3];
const P3: Pair = ['gamma_task', 7, 2, 3];
const P4: Pair = ['delta_task', 8, 1, 2];
const P5: Pair = ['delta_task', 8, 1, 3];

// model-e, agent-1 era (0.0.19) in both arms:
//   coop-msg   e-msg:   P1 clean pass (2 messages) | P2 no eval.json | P3 agent-1-alone pass | P4 naive conflict fail (2 messages)
//   coop-nomsg e-nomsg: P1 clean pass | P2 clean pass | P3 naive conflict fail | P4 naive conflict fail | P5 clean pass
function tree(): Tree {
  const root = tempDir('cb-policies-comm-');
  coopPair(root, 'e-msg', P1, EVAL.cleanPass(P1), conversation(P1, ['I add the parser in src/app.py; you take the CLI?', 'Yes, I take the CLI and leave src/app.py to you.']));
  coopPair(root, 'e-msg', P2, null);
  coopPair(root, 'e-msg', P3, EVAL.soloAgent1Pass(P3));
  coopPair(root, 'e-msg', P4, EVAL.naiveConflict(P4), conversation(P4, ['I will edit line 2 of src/app.py.', 'I edit line 2 of src/app.py as well.']));
  coopPair(root, 'e-nomsg', P1, EVAL.cleanPass(P1));
  coopPair(root, 'e-nomsg', P2, EVAL.cleanPass(P2));
  coopPair(root, 'e-nomsg', P3, EVAL.naiveConflict(P3));
  coopPair(root, 'e-nomsg', P4, EVAL.naiveConflict(P4));
  coopPair(root, 'e-nomsg', P5, EVAL.cleanPass(P5));
  return collectTree(
    root,
    arms({
      'e-msg': { arm: 'coop-msg', seed: 1, upstream_version: '0.0.19', model: 'model-e' },
      'e-nomsg': { arm: 'coop-nomsg', seed: 1, upstream_version: '0.0.19', model: 'model-e' },
    }),
  );
}

const BASE = JSON.parse(readFileSync(join(WORKSPACE, 'packages/communication/config.json'), 'utf8')) as object;
const communication = (store: string, p: Omit<AnalysisPolicy, 'eras'>) => stage<CommunicationFile>(CLI.communication, CommunicationFileSchema, store, { ...BASE, ...p, eras: 'refuse-mixed' });

function ok(r: ReturnType<typeof communication>): CommunicationFile {
  expect(r.status, r.stderr).toBe(0);
  return r.file();
}
/** The one comm_vs_nocomm row of model-e (coop-msg vs coop-nomsg, agent-1 era). */
function row(file: CommunicationFile) {
  expect(file.comm_vs_nocomm).toHaveLength(1);
  const r = file.comm_vs_nocomm[0]!;
  expect(r).toMatchObject({ model: 'model-e', with_arm: 'coop-msg', without_arm: 'coop-nomsg', era: 'agent1-era' });
  return r;
}

describe('communication (Figure 5a/b) under the policies, on a hand-built log tree', () => {
  let t: Tree;
  beforeAll(() => {
    t = tree();
  }, TIMEOUT);
  const rec = (run: string, p: Pair) => t.records.get(`${run}/coop/${pairDir(p)}`)!;

  it('the collector reads each path as upstream scored it', () => {
    expect(t.report.counts).toMatchObject({ pair_dirs_found: 9, records_written: 9, pairs_rejected: 0, errors: 0, reconciled: true });
    expect(rec('e-msg', P1)).toMatchObject({ arm: 'coop-msg', messaging_enabled: true, eval_format: 'identical-naive', outcome: 'pass', merge: { outcome: 'clean', naive_conflict: false } });
    expect(rec('e-msg', P1).messages).toHaveLength(2);
    expect(rec('e-msg', P2)).toMatchObject({ outcome: 'unknown', merge: { outcome: 'missing' } });
    expect(rec('e-msg', P3)).toMatchObject({ outcome: 'pass', merge: { outcome: 'solo-agent1', naive_conflict: true } });
    expect(rec('e-msg', P4)).toMatchObject({ outcome: 'fail', merge: { outcome: 'conflict', naive_conflict: true } });
    expect(rec('e-nomsg', P3)).toMatchObject({ arm: 'coop-nomsg', messaging_enabled: false, outcome: 'fail', merge: { naive_conflict: true } });
  });

  it('unknown_outcomes exclude: the missing eval leaves P2 out of the matched pairs (P1, P3, P4): 2/3 vs 1/3', () => {
    const r = communication(t.store, { unknown_outcomes: 'exclude', solo_agent1: 'pass' });
    const file = ok(r);
    expect(file.policy).toEqual({ unknown_outcomes: 'exclude', solo_agent1: 'pass', eras: 'refuse-mixed' });
    expect(file.inputs.missing_pairs).toBe(0);
    const c = row(file);
    // Left out: P2 (unknown with messaging) and P5 (run without messaging only).
    expect(c).toMatchObject({ matched_pairs: 3, unmatched_pairs: 2 });
    expect(c.success.with).toMatchObject({ successes: 2, total: 3, unknown: 1, missing: 0, solo_agent1: 1 });
    expect(c.success.with.rate).toBeCloseTo(2 / 3, 12);
    expect(c.success.without).toMatchObject({ successes: 1, total: 3, unknown: 0, solo_agent1: 0 });
    expect(r.stdout).toContain('policies: unknown_outcomes exclude, solo_agent1 pass, eras refuse-mixed; 0 planned pairs without a record');
    expect(r.stdout).toContain('model-e coop-msg vs coop-nomsg [agent1-era] (3 pairs, 2 left out): success 2/3 vs 1/3');
  }, TIMEOUT);

  it('unknown_outcomes count-as-failure: P2 is matched, its missing eval a failure with messaging: 2/4 vs 2/4', () => {
    const r = communication(t.store, { unknown_outcomes: 'count-as-failure', solo_agent1: 'pass' });
    const c = row(ok(r));
    expect(c).toMatchObject({ matched_pairs: 4, unmatched_pairs: 1 });
    expect(c.success.with).toMatchObject({ successes: 2, total: 4, unknown: 1, solo_agent1: 1 });
    expect(c.success.without).toMatchObject({ successes: 2, total: 4, unknown: 0 });
    expect(c.success.with.rate).toBe(0.5);
    expect(r.stdout).toContain('(4 pairs, 1 left out): success 2/4 vs 2/4 50.0% vs 50.0%');
  }, TIMEOUT);

  it('solo_agent1 separate: the agent-1-alone pass of P3 is no team pass, and is still counted on its own', () => {
    for (const [unknown_outcomes, n] of [['exclude', 3], ['count-as-failure', 4]] as const) {
      const file = ok(communication(t.store, { unknown_outcomes, solo_agent1: 'separate' }));
      expect(file.policy.solo_agent1).toBe('separate');
      const c = row(file);
      expect(c.success.with).toMatchObject({ successes: 1, total: n, solo_agent1: 1 });
      // The arm without messaging has no agent-1-alone pass: the policy changes nothing there.
      expect(c.success.without).toMatchObject({ successes: unknown_outcomes === 'exclude' ? 1 : 2, total: n, solo_agent1: 0 });
    }
  }, TIMEOUT);

  it('Figure 5(b) conflicts do not depend on the success policies: naive conflict known in both arms for P1, P3, P4', () => {
    for (const unknown_outcomes of ['exclude', 'count-as-failure'] as const) {
      for (const solo_agent1 of ['pass', 'separate'] as const) {
        const c = row(ok(communication(t.store, { unknown_outcomes, solo_agent1 })));
        expect(c.conflict.with).toMatchObject({ successes: 2, total: 3, unknown: 1 });
        expect(c.conflict.without).toMatchObject({ successes: 2, total: 3, unknown: 1 });
      }
    }
  }, TIMEOUT);
});
