import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunRecordSchema, type RunRecord } from '@cooperbench-repro/contracts';
import { collectInto, readJson, REAL_LOGS, REAL_MAPPING, type Collected } from './test-support/collect-helper.js';

/** Every pair directory under the real claude_code runs (v0.0.19), found by walking the tree here. */
function pairDirs(): string[] {
  const out: string[] = [];
  for (const run of readdirSync(REAL_LOGS)) {
    for (const setting of ['solo', 'coop']) {
      const s = join(REAL_LOGS, run, setting);
      if (!existsSync(s)) continue;
      for (const repo of readdirSync(s)) for (const task of readdirSync(join(s, repo))) for (const pair of readdirSync(join(s, repo, task))) out.push(`${run}/${setting}/${repo}/${task}/${pair}`);
    }
  }
  return out.sort();
}

let c: Collected;
beforeAll(async () => {
  c = await collectInto(REAL_LOGS, REAL_MAPPING);
});

const get = (id: string): RunRecord => {
  const r = c.records.get(id);
  if (!r) throw new Error(`no record ${id}`);
  return r;
};

describe('collecting the real claude_code runs', () => {
  it('accounts for every pair directory: found = records + rejected', () => {
    const dirs = pairDirs();
    expect(dirs.length).toBe(179);
    expect(c.report.counts).toMatchObject({ run_dirs: 13, pair_dirs_found: dirs.length, records_written: dirs.length, pairs_rejected: 0, reconciled: true, errors: 0 });
    expect([...c.records.keys()].sort()).toEqual(dirs);
    for (const r of c.records.values()) RunRecordSchema.parse(r);
  });

  it('keeps pairs without eval.json as unknown, never failed, and says so', () => {
    const missing = pairDirs().filter((d) => !existsSync(join(REAL_LOGS, d, 'eval.json')));
    expect(missing).toHaveLength(9);
    const unknown = [...c.records.values()].filter((r) => r.outcome === 'unknown').map((r) => r.record_id).sort();
    expect(unknown).toEqual(missing);
    const warned = c.report.problems.filter((p) => p.code === 'missing-eval').map((p) => p.file.replace(/\/eval\.json$/, '')).sort();
    expect(warned).toEqual(missing);
    for (const id of missing) expect(get(id)).toMatchObject({ evaluated: false, both_passed: null, unknown_reason: 'eval.json missing' });
  });

  it('reproduces the outcome table of the upstream notes (3.6)', () => {
    const tally = new Map<string, number>();
    for (const r of c.records.values()) {
      if (!r.evaluated) continue;
      const key = `${r.setting} ${r.merge.status}/${r.merge.strategy} ${r.outcome}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(tally)).toEqual({
      'coop conflicts/naive fail': 82,
      'coop clean/naive pass': 14,
      'coop clean/naive fail': 17 + 4, // 14 one-feature + 3 none, plus 4 with skipped (empty) patches
      'coop conflicts/solo-agent1 pass': 2,
      'coop identical/skip-merge-identical pass': 1,
      'solo null/null pass': 22,
      'solo null/null fail': 28,
    });
  });

  it('a conflicting coop pair matches its files field by field', () => {
    const dir = join(REAL_LOGS, 'flash_msg_1/coop/dottxt_ai_outlines_task/1655/f6_f7');
    const result = readJson(join(dir, 'result.json'));
    const ev = readJson(join(dir, 'eval.json'));
    const conv = readJson<any[]>(join(dir, 'conversation.json'));
    const r = get('flash_msg_1/coop/dottxt_ai_outlines_task/1655/f6_f7');
    expect(r).toMatchObject({ arm: 'coop-msg', seed: 1, model: result.model, agent_framework: result.agent_framework, setting: 'coop', features: [6, 7], eval_format: 'identical-naive', synthetic: false });
    expect(r.merge).toEqual({ status: ev.merge.status, strategy: ev.merge.strategy, outcome: 'conflict', naive_conflict: true });
    expect(r.outcome).toBe('fail');
    expect(r.both_passed).toBe(ev.both_passed);
    expect(r.total_cost).toBe(result.total_cost);
    expect(r.started_at).toBe(result.started_at);
    for (const a of r.agents) {
      const src = result.agents[a.agent_id];
      expect(a).toMatchObject({ feature_id: src.feature_id, status: src.status, cost: src.cost, steps: src.steps, input_tokens: src.input_tokens, cache_read_tokens: src.cache_read_tokens, patch_lines: src.patch_lines });
    }
    expect(r.messages.map((m) => [m.from, m.to, m.text, m.timestamp, m.feature_id])).toEqual(conv.map((m) => [m.from, m.to, m.message, m.timestamp, m.feature_id]));
    expect(r.message_count).toBe(result.messages_sent);
    expect(r.apply_status).toEqual(ev.apply_status);
    expect(r.patches.map((p) => [p.feature_id, p.file.split('/').pop()])).toEqual([[6, 'agent6.patch'], [7, 'agent7.patch']]);
    expect(r.patches[0]!.files[0]!.path).toBe('outlines/types/__init__.py');
    expect(r.sources.files).toContain('flash_msg_1/coop/dottxt_ai_outlines_task/1655/f6_f7/agent1_stream.jsonl');
    expect(r.sources.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the identical pair reads feature results from the `output` shape', () => {
    const dir = join(REAL_LOGS, 'nano_free_git_2/coop/dottxt_ai_outlines_task/1655/f8_f10');
    const ev = readJson(join(dir, 'eval.json'));
    const r = get('nano_free_git_2/coop/dottxt_ai_outlines_task/1655/f8_f10');
    expect(r.arm).toBe('coop-msg-git');
    expect(r.merge).toEqual({ status: 'identical', strategy: 'skip-merge-identical', outcome: 'identical', naive_conflict: false });
    expect(r.feature_results).toEqual([
      { feature_id: 8, passed: ev.feature1.passed, exit_code: ev.feature1.exit_code, tests_passed: ev.feature1.tests_passed, tests_failed: ev.feature1.tests_failed },
      { feature_id: 10, passed: ev.feature2.passed, exit_code: ev.feature2.exit_code, tests_passed: ev.feature2.tests_passed, tests_failed: ev.feature2.tests_failed },
    ]);
    expect(r.outcome).toBe('pass');
  });

  it('solo-agent1 passes are passes, reported with their own merge outcome', () => {
    const soloAgent1 = [...c.records.values()].filter((r) => r.merge.outcome === 'solo-agent1');
    expect(soloAgent1).toHaveLength(2);
    for (const r of soloAgent1) {
      const ev = readJson(join(REAL_LOGS, r.sources.dir!, 'eval.json'));
      expect(ev.merge.strategy).toBe('solo-agent1');
      expect(r).toMatchObject({ outcome: 'pass', merge: { naive_conflict: true } });
    }
  });

  it('an Error pair joins agent files through result.json, not the file names', () => {
    // In f2_f4, agent2.patch belongs to agent1 (feature 2) while agent2_stream.jsonl belongs to agent2 (feature 4).
    const r = get('nano_struct_10/coop/pallets_jinja_task/1559/f2_f4');
    expect(r).toMatchObject({ arm: 'coop-msg-structured', agent_status: 'Error', infra_failure: true, outcome: 'fail' });
    expect(r.agents.map((a) => [a.agent_id, a.feature_id, a.status])).toEqual([['agent1', 2, 'Error'], ['agent2', 4, 'Error']]);
    expect(r.patches.map((p) => [p.feature_id, p.file.split('/').pop()])).toEqual([[2, 'agent2.patch'], [4, 'agent4.patch']]);
    const solo = get('nano_pool3_solo_1/solo/pillow_task/290/f3_f5');
    expect(solo).toMatchObject({ agent_status: 'Error', infra_failure: true, outcome: 'unknown', evaluated: false });
    expect(solo.agents[0]!.error).toContain('timed out');
  });

  it('the no-messaging control arm has empty conversations', () => {
    const control = [...c.records.values()].filter((r) => r.run === 'nano_control_1');
    expect(control).toHaveLength(20);
    for (const r of control) expect(r).toMatchObject({ arm: 'coop-nomsg', messaging_enabled: false, message_count: 0 });
  });

  it('solo runs of the same pairs with different seeds stay apart', () => {
    const a = get('flash_solo_1/solo/dottxt_ai_outlines_task/1655/f6_f7');
    expect(a).toMatchObject({ arm: 'solo', seed: 1, features: [6, 7], merge: { outcome: 'none' } });
    const b = get('flash_solo_3/solo/dottxt_ai_outlines_task/1655/f7_f10');
    expect(b).toMatchObject({ seed: 3, outcome: 'fail' });
  });

  it('a second collection of an unchanged tree reuses everything and is byte-identical', async () => {
    const again = await collectInto(REAL_LOGS, REAL_MAPPING, { out: c.out });
    expect(again.reparsed).toBe(0);
    expect(again.reused).toBe(179);
    expect(again.storeText).toBe(c.storeText);
  });
});

describe('worker threads', () => {
  it('give the same store, byte for byte, as in-process collection', async () => {
    // The compiled package (dist) has the worker file; force the pool even for 179 pairs, with every
    // pair on the workers (the main thread, which would otherwise claim some, claims none).
    const { collect: compiledCollect } = await import('@cooperbench-repro/collector');
    const { readFileSync } = await import('node:fs');
    const { tempDir } = await import('./test-support/fixture-tree.js');
    const out = tempDir();
    const result = await compiledCollect({
      logRoot: REAL_LOGS, mappingFile: REAL_MAPPING, importedDir: null,
      storeFile: join(out, 'results.jsonl'), reportFile: join(out, 'report.json'), indexFile: join(out, 'index.json'),
      progress: { start() {}, tick() {}, stop() {} },
      pool: { workers: 2, minJobsForWorkers: 0, mainThreadClaims: false },
    });
    expect(result.reparsed).toBe(179);
    expect(readFileSync(join(out, 'results.jsonl'), 'utf8')).toBe(c.storeText);
    expect(result.report).toEqual(c.report);
  });
});
