import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo profile's files, as `nx run report:report` (a dependency of this package's test target) leaves them. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export const DEMO = {
  store: join(ROOT, 'data/results.jsonl'),
  difficulty: join(ROOT, 'data/difficulty.json'),
  communication: join(ROOT, 'data/communication.json'),
  failureModes: join(ROOT, 'data/failure-modes.json'),
  outcomes: join(ROOT, 'data/outcomes.json'),
  comparison: join(ROOT, 'data/comparison.json'),
  tables: join(ROOT, 'figures'),
  report: join(ROOT, 'figures/report'),
};

/** Says what to run when the demo outputs are not there (the test target's dependencies make them). */
export function requireDemo(): void {
  const missing = Object.values(DEMO).filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: run \`npx nx run report:report\` first (nx run report:test does)`);
}
