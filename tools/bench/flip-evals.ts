import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pythonJson } from '@cooperbench-repro/test-doubles';

/**
 * Simulates a re-evaluation of one run: every eval.json in it is rewritten with the pair's outcome
 * flipped (pass <-> fail, keeping the file self-consistent); evals with an error keep their outcome
 * but get a new `evaluated_at`, so every rewritten file has new bytes.
 */
type Feature = { passed: boolean; exit_code?: number | null; tests_passed?: number; tests_failed?: number };
type Eval = { both_passed: boolean; error: string | null; merge: { status: string } | null; feature1: Feature; feature2: Feature; evaluated_at: string };

function setPassed(f: Feature, passed: boolean): void {
  f.passed = passed;
  if ('exit_code' in f) f.exit_code = passed ? 0 : 1;
  if ('tests_passed' in f) f.tests_passed = passed ? Math.max(1, f.tests_passed ?? 0) : f.tests_passed;
  if ('tests_failed' in f) f.tests_failed = passed ? 0 : Math.max(1, f.tests_failed ?? 0);
}

export function flipRunEvals(runDir: string): { files: number; flipped: number } {
  let files = 0;
  let flipped = 0;
  const dirs = (p: string) => readdirSync(p, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(p, e.name));
  for (const setting of dirs(runDir)) {
    for (const pairDir of dirs(setting).flatMap(dirs).flatMap(dirs)) {
      const file = join(pairDir, 'eval.json');
      let ev: Eval;
      try {
        ev = JSON.parse(readFileSync(file, 'utf8')) as Eval;
      } catch {
        continue; // no eval.json in this pair
      }
      if (ev.error === null && ev.merge?.status !== 'error') {
        const pass = !ev.both_passed;
        setPassed(ev.feature1, pass);
        if (pass) setPassed(ev.feature2, true);
        ev.both_passed = pass;
        flipped++;
      }
      ev.evaluated_at = ev.evaluated_at.replace(/\.(\d{6})$/, (_m, us: string) => `.${String((Number(us) + 1) % 1_000_000).padStart(6, '0')}`);
      writeFileSync(file, pythonJson(ev));
      files++;
    }
  }
  return { files, flipped };
}
