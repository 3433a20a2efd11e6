#!/usr/bin/env node
// Sums every package's vitest JSON report (packages/*/.vitest/results.json, tools/.vitest/results.json)
// into the one closing line CI reads: "tests: N passed, N failed". Exits 1 on failures or no tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const reports = [
  ...readdirSync('packages').map((p) => join('packages', p, '.vitest', 'results.json')),
  join('tools', '.vitest', 'results.json'),
].filter((f) => existsSync(f));

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`  ${file}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
