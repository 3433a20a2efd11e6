#!/usr/bin/env node
// Sums every project's vitest JSON report (<project>/.vitest/results.json, for every project under
// packages/ and tools/ that has a vitest.config.ts) into the one closing line CI reads:
// "tests: N passed, N failed". A test file that crashed while loading counts as one failure (vitest
// reports it as a failed suite with no failed test), and so does a project whose report is missing
// (its test target never ran). Exits 1 on failures or no tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every project folder (packages/*, tools/*) with a vitest config: each must have left a report. */
const projects = ['packages', 'tools']
  .flatMap((root) => readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(root, d.name)))
  .filter((dir) => existsSync(join(dir, 'vitest.config.ts')))
  .sort();

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of projects) {
  const file = join(dir, '.vitest', 'results.json');
  if (!existsSync(file)) {
    failed += 1;
    console.log(`  ${dir}: no test report (${file}): its test target did not run to the end`);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const crashed = (r.testResults ?? []).filter(
    (t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed'),
  );
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + crashed.length;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  const crashNote = crashed.length ? `, ${crashed.length} test files crashed: ${crashed.map((t) => t.name).join(', ')}` : '';
  console.log(`  ${dir}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${crashNote}`);
  for (const t of crashed) console.log(`    ${t.name}: ${String(t.message ?? '').split('\n')[0]}`);
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
