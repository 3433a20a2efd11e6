import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { RunRecordSchema, writeJsonlAtomic } from '@cooperbench-repro/contracts';
import { importLegacyFile, LegacyRecordShape } from './legacy-import.js';
import { collectInto, LEGACY_RESULTS, readJson } from './test-support/collect-helper.js';
import { arms, tempDir, writeFile } from './test-support/fixture-tree.js';

const legacy = readJson<any[]>(LEGACY_RESULTS);
const imported = importLegacyFile(LEGACY_RESULTS, { displayPath: 'command-a-lite-results/results.json', agentFramework: 'mini_swe_agent' });

describe('importing the earlier Python implementation (500 real Command A records)', () => {
  it('imports every record, none rejected', () => {
    expect(legacy).toHaveLength(500);
    expect(imported.found).toBe(500);
    expect(imported.problems).toEqual([]);
    expect(imported.records).toHaveLength(500);
    for (const r of imported.records) RunRecordSchema.parse(r);
  });

  it('round-trips every field the store keeps', () => {
    const byIndex = new Map(imported.records.map((r) => [r.sources.legacy!.index, r]));
    legacy.forEach((src, i) => {
      const r = byIndex.get(i)!;
      expect(r.repo).toBe(src.repo);
      expect(r.task_id).toBe(src.task_id);
      expect(r.features).toEqual([...src.features].sort((a: number, b: number) => a - b));
      expect(r.arm).toBe({ solo: 'solo', 'coop-comm': 'coop-msg', 'coop-nocomm': 'coop-nomsg' }[src.setting as string]);
      expect(r.legacy?.setting).toBe(src.setting);
      expect(r.seed).toBe(src.seed);
      expect(r.run).toBe(src.run_name);
      expect(r.model).toBe(src.model);
      expect(r.started_at).toBe(src.started_at);
      expect(r.duration_seconds).toBe(src.duration_seconds);
      expect(r.total_cost).toBe(src.total_cost);
      expect(r.total_steps).toBe(src.total_steps);
      expect(r.agent_status).toBe(src.agent_status);
      expect(r.infra_failure).toBe(src.infra_error);
      expect(r.limits_exceeded).toBe(src.agent_status === 'LimitsExceeded');
      expect(r.both_passed).toBe(src.both_passed);
      expect(r.feature_results.find((f) => f.feature_id === src.features[0])!.passed).toBe(src.feature1_passed);
      expect(r.feature_results.find((f) => f.feature_id === src.features[1])!.passed).toBe(src.feature2_passed);
      expect(r.merge.status).toBe(src.merge_status);
      expect(r.merge.strategy).toBe(src.merge_strategy);
      expect(r.legacy?.merge_outcome).toBe(src.merge_outcome);
      expect(r.eval_error).toBe(src.eval_error);
      expect(r.messages.map((m) => ({ from: m.from, to: m.to, message: m.text, timestamp: m.timestamp, feature_id: m.feature_id }))).toEqual(src.messages);
      expect(r.message_count).toBe(src.messages_count);
      expect(r.legacy?.difficulty).toBe(src.difficulty);
      expect(r.legacy?.bucket).toBe(src.bucket);
      expect(r.source).toBe('legacy-import');
    });
  });

  it('turns eval errors into unknown outcomes instead of the failures the old pipeline counted', () => {
    const errored = legacy.filter((x) => x.eval_error !== null).length;
    expect(errored).toBe(27);
    const unknown = imported.records.filter((r) => r.outcome === 'unknown');
    expect(unknown).toHaveLength(27);
    expect(unknown.every((r) => r.unknown_reason?.startsWith('eval error: '))).toBe(true);
    // Solo passes are untouched: 1 on seed 0 as the source says, 3 over all seeds.
    expect(imported.records.filter((r) => r.arm === 'solo' && r.outcome === 'pass').length).toBe(legacy.filter((x) => x.setting === 'solo' && x.both_passed).length);
  });

  it('reads union-era merges: conflicts+union means naive conflict then union merge', () => {
    const union = imported.records.filter((r) => r.merge.strategy === 'union');
    expect(union.length).toBe(80);
    expect(union.every((r) => r.merge.outcome === 'union' && r.merge.naive_conflict === true && r.eval_format === 'naive-union')).toBe(true);
  });

  it('rejects a bad record by index and field, and imports the rest', () => {
    const dir = tempDir();
    const bad = structuredClone(legacy.slice(0, 3));
    bad[1].agent_status = 'Crashed';
    delete bad[2].model;
    const file = writeFile(dir, 'results.json', bad);
    const result = importLegacyFile(file, { displayPath: 'results.json', agentFramework: null });
    expect(result.records).toHaveLength(1);
    expect(result.problems.map((p) => [p.field, p.expected])).toEqual([
      ['[1].agent_status', 'one of "Submitted", "LimitsExceeded", "CostLimitExceeded", "Error"'],
      ['[2].model', 'string'],
    ]);
    expect(LegacyRecordShape.safeParse(legacy[0]).success).toBe(true);
  });

  it('feeds the same store: collect merges imported stores beside the logs', async () => {
    const importedDir = tempDir();
    await writeJsonlAtomic(join(importedDir, 'command-a.jsonl'), RunRecordSchema, imported.records);
    const logs = tempDir();
    const mapping = writeFile(tempDir(), 'arms.json', arms({}));
    const c = await collectInto(logs, mapping, { importedDir });
    expect(c.report.counts).toMatchObject({ records_written: 500, imported_records: 500, pair_dirs_found: 0, reconciled: true });
    expect(c.records.get(imported.records[0]!.record_id)).toEqual(imported.records[0]);
  });
});
