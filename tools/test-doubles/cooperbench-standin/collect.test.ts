import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collect } from '@cooperbench-repro/collector';
import { RunRecordSchema, type CollectReport, type RunRecord } from '@cooperbench-repro/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStandin, workspace } from './test-support/standin.js';

/**
 * The collector reads what the stand-in writes as it reads real upstream logs. The stand-in writes no
 * manifest (the runner does), so the arms come from a mapping file here.
 */

const ws = workspace('collect');
afterAll(ws.cleanup);
const RUNS = [
  { name: 'sc-solo', arm: 'solo', flags: ['--setting', 'solo'] },
  { name: 'sc-msg', arm: 'coop-msg', flags: ['--setting', 'coop', '-a', 'claude_code'] },
  { name: 'sc-nomsg', arm: 'coop-nomsg', flags: ['--setting', 'coop', '--no-messaging'] },
] as const;
let report: CollectReport;
let records: RunRecord[];

beforeAll(async () => {
  for (const r of await Promise.all(RUNS.map((run) => runStandin(['run', '-n', run.name, '-s', 'tiny', ...run.flags], ws.dir, { STANDIN_ERROR_RATE: '0.2', STANDIN_MISSING_EVAL_RATE: '0.2' })))) {
    expect(r.code, r.stderr).toBe(0);
  }
  const mapping = join(ws.dir, 'run-arms.json');
  writeFileSync(mapping, JSON.stringify({ schema: 'cooperbench-repro/run-arms@1', runs: RUNS.map((r) => ({ match: r.name, arm: r.arm, upstream_version: '0.0.19' })) }));
  const out = join(ws.dir, 'out');
  const quiet = { start() {}, tick() {}, stop() {} };
  ({ report } = await collect({ logRoot: join(ws.dir, 'logs'), mappingFile: mapping, importedDir: null, storeFile: join(out, 'results.jsonl'), reportFile: join(out, 'report.json'), indexFile: join(out, 'index.json'), progress: quiet }));
  records = readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => RunRecordSchema.parse(JSON.parse(l)));
});

describe('collector on stand-in runs', () => {
  it('collects every pair with no error problems', () => {
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.counts).toMatchObject({ run_dirs: 3, pair_dirs_found: 12, records_written: 12, pairs_rejected: 0, reconciled: true, errors: 0 });
    expect(records).toHaveLength(12);
  });

  it('marks every record synthetic and takes the arm from the mapping', () => {
    expect(records.every((r) => r.synthetic)).toBe(true);
    for (const run of report.runs) expect(run.arm_source).toBe('mapping');
    for (const r of records) expect(r.arm).toBe(RUNS.find((x) => x.name === r.run)!.arm);
  });

  it('reads messaging from the arm and outcomes from eval.json', () => {
    for (const r of records.filter((x) => x.arm === 'coop-nomsg')) expect([r.messaging_enabled, r.message_count]).toEqual([false, 0]);
    for (const r of records) {
      if (!r.evaluated) expect(r.outcome).toBe('unknown');
      else if (r.eval_error === null && r.merge.outcome !== 'error') expect(r.outcome).toBe(r.both_passed ? 'pass' : 'fail');
    }
  });
});
