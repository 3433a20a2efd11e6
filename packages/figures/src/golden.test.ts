import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fig4 } from './figures/fig4/index.js';
import { fig4PerModel } from './figures/fig4-per-model/index.js';
import { fig5 } from './figures/fig5/index.js';
import { fig6 } from './figures/fig6/index.js';
import { publishedComparison } from './figures/published-comparison/index.js';
import { perRepository } from './figures/per-repository/index.js';
import type { FigureDefinition } from './render/figure.js';
import { toCsv } from './render/csv.js';
import { communicationFixture } from './test-support/communication-fixture.js';
import { comparisonFixture } from './test-support/comparison-fixture.js';
import { failureModesFixture } from './test-support/failure-modes-fixture.js';
import { difficultyFixture } from './test-support/fixture.js';
import { outcomesFixture } from './test-support/outcomes-fixture.js';

/**
 * Golden specs: each figure rebuilt from its test fixture must equal the committed
 * src/figures/<figure>/golden/<figure>.vl.json (and <figure>.csv), text for text, so a change to a
 * figure shows up in review as a JSON diff. Regenerate after an intended change with
 * `UPDATE_GOLDEN=1 npx vitest run src/golden.test.ts` and review the diff.
 */
const FIGURES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'figures');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const CASES: { folder: string; build: () => FigureDefinition }[] = [
  { folder: 'fig4', build: () => fig4(difficultyFixture()) },
  { folder: 'fig4-per-model', build: () => fig4PerModel(difficultyFixture()) },
  { folder: 'fig5', build: () => fig5(communicationFixture()) },
  { folder: 'fig6', build: () => fig6(failureModesFixture({ human: true, goldValidation: true })) },
  { folder: 'per-repository', build: () => perRepository(outcomesFixture()) },
  { folder: 'published-comparison', build: () => publishedComparison(comparisonFixture()) },
];

function checkGolden(file: string, actual: string): void {
  if (UPDATE) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run src/golden.test.ts`).toBe(true);
  expect(actual, `${file} differs: review, then run UPDATE_GOLDEN=1 npx vitest run src/golden.test.ts`).toBe(readFileSync(file, 'utf8'));
}

describe('golden specs', () => {
  for (const { folder, build } of CASES) {
    it(`${folder}: spec and CSV rebuilt from the fixture equal golden/${folder}.vl.json and golden/${folder}.csv`, () => {
      const def = build();
      expect(def.name).toBe(folder);
      checkGolden(join(FIGURES_DIR, folder, 'golden', `${folder}.vl.json`), `${JSON.stringify(def.spec, null, 2)}\n`);
      checkGolden(join(FIGURES_DIR, folder, 'golden', `${folder}.csv`), toCsv(def.csv.columns, def.csv.rows));
    });
  }
});
