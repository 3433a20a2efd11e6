import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Flips the outcome of the n-th coop record (with a known outcome) of a Command A results.json copy:
 * both features pass <-> both fail. Each call flips a different record, so every benchmark run is a
 * new state that no cache has seen.
 */

interface LegacyRecord {
  setting: string;
  infra_error: boolean;
  eval_error: string | null;
  both_passed: boolean;
  feature1_passed: boolean;
  feature2_passed: boolean;
  repo: string;
  task_id: number;
  features: number[];
}

export function flipCoopOutcome(file: string, n: number): string {
  const records = JSON.parse(readFileSync(file, 'utf8')) as LegacyRecord[];
  const coop = records.filter((r) => r.setting.startsWith('coop') && !r.infra_error && r.eval_error === null);
  const r = coop[n % coop.length];
  if (!r) throw new Error(`${file}: expected coop records with a known outcome`);
  const passed = !r.both_passed;
  r.both_passed = passed;
  r.feature1_passed = passed;
  r.feature2_passed = passed;
  writeFileSync(file, JSON.stringify(records));
  return `${r.setting} ${r.repo} task ${r.task_id} features ${r.features.join('+')}: ${passed ? 'fail -> pass' : 'pass -> fail'}`;
}
