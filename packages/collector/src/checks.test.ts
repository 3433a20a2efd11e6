import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { StageCheckError, type CollectReport } from '@cooperbench-repro/contracts';
import { checkCollectReport } from './checks.js';
import { collectInto, REAL_LOGS, REAL_MAPPING } from './test-support/collect-helper.js';
import { arms, SAMPLE_PATCH, soloEval, soloResult, tempDir, writeFile } from './test-support/fixture-tree.js';

/**
 * The automatic checks of data/collect-report.json: silent on the collector's own reports (the real
 * claude_code runs; a tree with a rejected pair); each hand-corrupted count fails, naming the field.
 */

let real: CollectReport;
let rejected: CollectReport;
let demo: CollectReport;
beforeAll(async () => {
  real = (await collectInto(REAL_LOGS, REAL_MAPPING)).report;
  const workspace = join(import.meta.dirname, '../../..');
  demo = (await collectInto(join(workspace, 'data/logs'), join(workspace, 'data/run-arms.json'))).report;
  const root = tempDir();
  const pair = (p: string) => `run_a/solo/pillow_task/290/${p}`;
  writeFile(root, `${pair('f1_f2')}/result.json`, soloResult('pillow_task', 290, [1, 2]));
  writeFile(root, `${pair('f1_f2')}/eval.json`, soloEval('pillow_task', 290, [1, 2], [true, false]));
  writeFile(root, `${pair('f1_f2')}/solo.patch`, SAMPLE_PATCH);
  writeFile(root, `${pair('f1_f3')}/result.json`, '{ not json');
  rejected = (await collectInto(root, writeFile(tempDir(), 'arms.json', arms({ run_a: { arm: 'solo', seed: 0 } })))).report;
}, 120_000);

const problems = (r: CollectReport) => checkCollectReport(r).problems;

describe('collect-report checks', () => {
  it('pass on the real claude_code runs, the demo runs and a tree with a rejected pair', () => {
    expect(demo.counts.records_written).toBe(500);
    expect(problems(demo)).toEqual([]);
    expect(real.counts.records_written).toBe(179);
    expect(problems(real)).toEqual([]);
    expect(rejected.counts).toMatchObject({ pair_dirs_found: 2, records_written: 1, pairs_rejected: 1 });
    expect(problems(rejected)).toEqual([]);
  });

  it('found + imported != written + rejected: the overall count and the run that does not add up are named', () => {
    const r = structuredClone(rejected);
    r.counts.pairs_rejected = 0;
    r.runs[0]!.rejected = 0;
    expect(problems(r)).toEqual([
      'counts.pair_dirs_found + counts.imported_records: 2, expected 1 (records_written + pairs_rejected)',
      'counts.reconciled: true, expected false',
      'runs run_a: records + rejected: 1, expected 2 (pair_dirs)',
    ]);
  });

  it('outcomes that do not add up to the records, and error counts that are not the problems listed', () => {
    const r = structuredClone(real);
    r.runs[0]!.outcomes.unknown += 1;
    r.counts.errors += 2;
    expect(problems(r)).toEqual([`counts.errors: 2, expected 0 (problems of severity error)`, `runs ${r.runs[0]!.run}: outcomes pass + fail + unknown: ${r.runs[0]!.records + 1}, expected ${r.runs[0]!.records} (records)`]);
  });

  it('assert() throws a StageCheckError naming the report', () => {
    const r = structuredClone(real);
    r.counts.records_written += 1;
    expect(() => checkCollectReport(r, 'collector (data/collect-report.json)').assert()).toThrow(StageCheckError);
    expect(() => checkCollectReport(r, 'collector (data/collect-report.json)').assert()).toThrow(/^collector \(data\/collect-report\.json\): 3 checks failed:\n {2}- counts\.pair_dirs_found \+ counts\.imported_records: 179, expected 180/);
  });
});
