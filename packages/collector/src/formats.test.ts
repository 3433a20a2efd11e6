import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { RUN_MANIFEST_FILE } from '@cooperbench-repro/contracts';
import { collectInto } from './test-support/collect-helper.js';
import { arms, coopResult, SAMPLE_PATCH, soloEval, soloResult, tempDir, writeFile } from './test-support/fixture-tree.js';

/** Hand-written fixtures for the formats no real run here has, built from the documented shapes. */

const REPO = 'pallets_jinja_task';

function coopEval(features: [number, number], merge: Record<string, unknown> | null, f: [Record<string, unknown>, Record<string, unknown>], over: Record<string, unknown> = {}) {
  return { repo: REPO, task_id: 1621, features, setting: 'coop', merge, feature1: f[0], feature2: f[1], both_passed: Boolean(f[0].passed && f[1].passed), error: null, evaluated_at: '2026-03-01T11:00:00', ...over };
}

describe('union era (0.0.2 to 0.0.15)', () => {
  it('reads clean, union and union-failure pairs, without apply_status', async () => {
    const root = tempDir();
    const base = 'union_run/coop/pallets_jinja_task/1621';
    const pass = { passed: true, test_output: '5 passed' };
    const failT = { passed: false, test_output: '1 failed' };
    writeFile(root, `${base}/f1_f2/result.json`, coopResult(REPO, 1621, [1, 2]));
    writeFile(root, `${base}/f1_f2/eval.json`, coopEval([1, 2], { status: 'clean', strategy: 'naive', diff: '' }, [pass, pass]));
    writeFile(root, `${base}/f1_f3/result.json`, coopResult(REPO, 1621, [1, 3]));
    writeFile(root, `${base}/f1_f3/eval.json`, coopEval([1, 3], { status: 'conflicts', strategy: 'union', diff: 'x' }, [pass, failT]));
    writeFile(root, `${base}/f2_f3/result.json`, coopResult(REPO, 1621, [2, 3]));
    writeFile(root, `${base}/f2_f3/eval.json`, coopEval([2, 3], { status: 'error', strategy: null, diff: '' }, [
      { feature_id: null, passed: false, exit_code: null, tests_passed: 0, tests_failed: 0, test_output: '' },
      { feature_id: null, passed: false, exit_code: null, tests_passed: 0, tests_failed: 0, test_output: '' },
    ], { error: 'Both naive and union merge strategies failed. Naive: conflicts. Union: Union merge still has conflicts' }));
    for (const p of ['f1_f2', 'f1_f3', 'f2_f3']) writeFile(root, `${base}/${p}/conversation.json`, []);
    const mapping = writeFile(tempDir(), 'arms.json', arms({ union_run: { arm: 'coop-msg', upstream_version: '0.0.14' } }));
    const c = await collectInto(root, mapping);
    expect(c.report.counts).toMatchObject({ records_written: 3, errors: 0, reconciled: true });
    const r = (p: string) => c.records.get(`union_run/coop/${REPO}/1621/${p}`)!;
    expect(r('f1_f2')).toMatchObject({ eval_format: 'naive-union', outcome: 'pass', merge: { outcome: 'clean', naive_conflict: false }, apply_status: null });
    expect(r('f1_f3')).toMatchObject({ eval_format: 'naive-union', outcome: 'fail', merge: { outcome: 'union', naive_conflict: true } });
    // A failed union merge is an eval error upstream, but the paper and the leaderboard count an unmergeable
    // pair as a failure of the team: fail here, kept apart from infrastructure unknowns by its merge outcome.
    expect(r('f2_f3')).toMatchObject({ outcome: 'fail', unknown_reason: null, merge: { outcome: 'unmergeable', naive_conflict: true } });
    expect(r('f2_f3').eval_error).toMatch(/^Both naive and union merge strategies failed/);
    expect(r('f2_f3').feature_results.map((f) => f.feature_id)).toEqual([2, 3]);
  });
});

describe('GCP batch eval', () => {
  it('reads the literal union status and null strategy', async () => {
    const root = tempDir();
    const base = 'gcp_run/coop/pallets_jinja_task/1621';
    writeFile(root, `${base}/f1_f2/result.json`, coopResult(REPO, 1621, [1, 2]));
    writeFile(root, `${base}/f1_f2/eval.json`, coopEval([1, 2], { status: 'union', strategy: null }, [{ passed: true, test_output: 'ok' }, { passed: true, test_output: 'ok' }]));
    writeFile(root, `${base}/f1_f3/result.json`, coopResult(REPO, 1621, [1, 3]));
    writeFile(root, `${base}/f1_f3/eval.json`, coopEval([1, 3], { status: 'clean', strategy: null }, [{ passed: true, test_output: 'ok' }, { passed: false, test_output: 'no' }]));
    writeFile(root, `${base}/f2_f3/result.json`, coopResult(REPO, 1621, [2, 3]));
    writeFile(root, `${base}/f2_f3/eval.json`, coopEval([2, 3], { status: 'conflicts', strategy: null }, [{ passed: false, test_output: '' }, { passed: false, test_output: '' }], { error: 'merge_failed' }));
    for (const p of ['f1_f2', 'f1_f3', 'f2_f3']) writeFile(root, `${base}/${p}/conversation.json`, []);
    const mapping = writeFile(tempDir(), 'arms.json', arms({ gcp_run: { arm: 'coop-nomsg' } }));
    const c = await collectInto(root, mapping);
    const r = (p: string) => c.records.get(`gcp_run/coop/${REPO}/1621/${p}`)!;
    expect(r('f1_f2')).toMatchObject({ eval_format: 'gcp-batch', outcome: 'pass', merge: { outcome: 'union', naive_conflict: true } });
    expect(r('f1_f3')).toMatchObject({ eval_format: 'gcp-batch', outcome: 'fail', merge: { outcome: 'clean' } });
    expect(r('f2_f3')).toMatchObject({ eval_format: 'gcp-batch', outcome: 'fail', eval_error: 'merge_failed', merge: { outcome: 'unmergeable', naive_conflict: true } });
  });
});

describe('team mode (0.0.15+)', () => {
  it('reads team/ pairs whose eval.json says coop, with roles and metrics', async () => {
    const root = tempDir();
    const dir = 'team_run/team/pallets_jinja_task/1621/f1_f2';
    const result = coopResult(REPO, 1621, [1, 2], { setting: 'team', lead_agent: 'agent1', metrics: { tasks_total: 2, tasks_done: 2, unowned_at_end: 0 }, team_features: { task_list: true, scratchpad: false, mcp: true, auto_refresh: true, protocol: true }, messages_sent: 1 });
    (result.agents as any).agent1.team_role = 'lead';
    (result.agents as any).agent2.team_role = 'member';
    writeFile(root, `${dir}/result.json`, result);
    writeFile(root, `${dir}/eval.json`, coopEval([1, 2], { status: 'clean', strategy: 'naive', diff: '' }, [
      { feature_id: 1, passed: true, exit_code: 0, tests_passed: 4, tests_failed: 0, test_output: 'ok' },
      { feature_id: 2, passed: true, exit_code: 0, tests_passed: 2, tests_failed: 0, test_output: 'ok' },
    ], { apply_status: { agent1: 'applied', agent2: 'applied' } }));
    writeFile(root, `${dir}/conversation.json`, [{ from: 'agent1', to: 'agent2', message: 'I take src/app.py lines 10-20', timestamp: 1700000000.5, feature_id: 1 }]);
    writeFile(root, `${dir}/agent1.patch`, SAMPLE_PATCH);
    writeFile(root, `${dir}/agent2.patch`, '');
    writeFile(root, `${dir}/task_log.json`, []);
    writeFile(root, `${dir}/tasks.json`, []);
    writeFile(root, `team_run/${RUN_MANIFEST_FILE}`, { schema: 'cooperbench-repro/run-manifest@1', run_name: 'team_run', arm: 'team', model: 'openai/gpt-5.5', seed: 0, agent_framework: 'codex', subset: 'core', experiment: null, upstream_version: '0.0.16', argv: ['cooperbench', 'run', '--setting', 'team'], started_at: '2026-06-01T00:00:00Z', synthetic: false, attempts: [] });
    const c = await collectInto(root, null);
    const r = c.records.get(`team_run/team/${REPO}/1621/f1_f2`)!;
    expect(c.report.runs[0]).toMatchObject({ arm: 'team', arm_source: 'manifest' });
    expect(r).toMatchObject({ setting: 'team', arm: 'team', model: 'openai/gpt-5.5', seed: 0, eval_format: 'identical-naive', outcome: 'pass', message_count: 1 });
    expect(r.agents.map((a) => a.team_role)).toEqual(['lead', 'member']);
    expect(r.team_metrics).toMatchObject({ lead_agent: 'agent1', metrics: { tasks_done: 2 } });
    expect(r.patches[0]).toMatchObject({ feature_id: 1, lines_added: 3, lines_removed: 1, files: [{ path: 'src/app.py', hunks: [{ old_start: 10, old_lines: 3, new_start: 10, new_lines: 5 }] }] });
  });
});

describe('layouts', () => {
  it('reads the flat fallback layout <run>/<repo>_task/... taking the setting from result.json', async () => {
    const root = tempDir();
    writeFile(root, 'flat_run/pallets_jinja_task/1621/f1_f2/result.json', soloResult(REPO, 1621, [2, 1]));
    writeFile(root, 'flat_run/pallets_jinja_task/1621/f1_f2/eval.json', soloEval(REPO, 1621, [2, 1], [true, true]));
    writeFile(root, 'flat_run/pallets_jinja_task/1621/f1_f2/solo.patch', SAMPLE_PATCH);
    const mapping = writeFile(tempDir(), 'arms.json', arms({ flat_run: { arm: 'solo', seed: 2 } }));
    const c = await collectInto(root, mapping);
    expect(c.report.runs[0]!.layout).toBe('legacy-flat');
    // Solo result.json keeps the -f order (2,1); the record's features are sorted, the feature results keyed by id.
    expect(c.records.get(`flat_run/solo/${REPO}/1621/f1_f2`)).toMatchObject({ setting: 'solo', features: [1, 2], seed: 2, outcome: 'pass', feature_results: [{ feature_id: 1 }, { feature_id: 2 }] });
  });

  it('recognizes the paper-era OpenHands layout and reports it as unsupported, counting its pairs', async () => {
    const root = tempDir();
    for (const pair of ['feature1_feature2', 'feature1_feature3']) {
      writeFile(root, `coop/pallets_jinja_task/task1621/${pair}/patch_gpt5_k1_feature1.patch`, SAMPLE_PATCH);
    }
    writeFile(root, 'single/pallets_jinja_task/task1621/feature1/plan_gpt5_k1_feature1.md', '# plan');
    const c = await collectInto(root, null);
    expect(c.records.size).toBe(0);
    expect(c.report.counts).toMatchObject({ pair_dirs_found: 3, pairs_rejected: 3, reconciled: true });
    expect(c.report.problems.filter((p) => p.code === 'unsupported-paper-era-layout').map((p) => [p.file, p.rejected_pairs])).toEqual([['coop', 2], ['single', 1]]);
  });
});
