import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collect } from '@cooperbench-repro/collector';
import { RunRecordSchema, type CollectReport, type RunRecord } from '@cooperbench-repro/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizePairs } from './pairs.js';
import { tempDir } from './test-support/tree.js';
import { writeTree } from './write-tree.js';

/** The collector must take a generated tree as it takes real upstream logs: no errors, counts reconcile, arms from manifests. */

const tmp = tempDir('synth-collect');
const logRoot = join(tmp.dir, 'logs');
const out = join(tmp.dir, 'out');
let report: CollectReport;
let records: RunRecord[];

beforeAll(async () => {
  const pairs = synthesizePairs({ pairs: 10, seed: 21 });
  // Both eval eras, and both timestamp conventions (mini_swe_agent_v2 records none).
  for (const [era, agentFramework] of [['identical-naive', 'claude_code'], ['naive-union', 'mini_swe_agent_v2']] as const) {
    writeTree(logRoot, { models: [`test/${era}`], arms: ['solo', 'coop-msg', 'coop-nomsg'], soloSeeds: [0, 1], era, agentFramework }, pairs, { seed: 21, trajectories: true, quirks: { agentError: 0.1, missingEval: 0.1, evalError: 0.05, limitsExceeded: 0.1 } });
  }
  const quiet = { start() {}, tick() {}, stop() {} };
  ({ report } = await collect({ logRoot, mappingFile: null, importedDir: null, storeFile: join(out, 'results.jsonl'), reportFile: join(out, 'report.json'), indexFile: join(out, 'index.json'), progress: quiet }));
  records = readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => RunRecordSchema.parse(JSON.parse(l)));
});
afterAll(tmp.cleanup);

describe('collector on a synthetic tree', () => {
  it('collects every pair with no error problems and reconciling counts', () => {
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.counts).toMatchObject({ run_dirs: 8, pair_dirs_found: 80, records_written: 80, pairs_rejected: 0, reconciled: true, errors: 0 });
    // Only the deliberate quirks warn.
    expect(new Set(report.problems.map((p) => p.code))).toEqual(new Set(['missing-eval']));
    expect(records).toHaveLength(80);
  });

  it('takes arm, seed and model from the manifests', () => {
    for (const run of report.runs) {
      expect(run.arm_source).toBe('manifest');
      expect(run.run).toContain(`-${run.arm}`);
      expect(run.seed).toBe(run.arm === 'solo' ? Number(run.run.slice(-1)) : null);
    }
    for (const r of records) {
      expect(r.setting).toBe(r.arm === 'solo' ? 'solo' : 'coop');
      expect(r.model).toBe(r.run.includes('naive-union') ? 'test/naive-union' : 'test/identical-naive');
    }
  });

  it('marks every record synthetic', () => {
    expect(records.every((r) => r.synthetic)).toBe(true);
  });

  it('reads messaging off the arm and leaves coop-nomsg silent', () => {
    for (const r of records.filter((x) => x.arm === 'coop-nomsg')) expect([r.messaging_enabled, r.message_count]).toEqual([false, 0]);
    const msg = records.filter((x) => x.arm === 'coop-msg');
    expect(msg.every((r) => r.messaging_enabled)).toBe(true);
    expect(msg.reduce((n, r) => n + r.message_count, 0)).toBeGreaterThan(10);
  });

  it('recognizes each run\'s eval era', () => {
    for (const r of records.filter((x) => x.setting === 'coop' && x.evaluated && x.eval_error === null)) {
      expect(r.eval_format, r.record_id).toBe(r.run.includes('naive-union') ? 'naive-union' : 'identical-naive');
    }
    for (const r of records.filter((x) => x.setting === 'solo' && x.evaluated)) expect(r.eval_format).toBe('solo');
  });

  it('joins patches to features by feature id and outcome to eval', () => {
    for (const r of records.filter((x) => x.setting === 'coop')) {
      expect(r.patches.map((p) => p.feature_id)).toEqual(r.features);
      expect(r.agents.map((a) => [a.agent_id, a.feature_id])).toEqual([['agent1', r.features[0]], ['agent2', r.features[1]]]);
    }
    for (const r of records) {
      if (!r.evaluated) expect(r.outcome).toBe('unknown');
      else if (r.eval_error === null && r.merge.outcome !== 'error') expect(r.outcome).toBe(r.both_passed ? 'pass' : 'fail');
    }
  });
});
