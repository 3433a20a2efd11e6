import { describe, expect, it } from 'vitest';
import { featureInfo } from './features.js';
import { Rng } from './prng.js';
import { testOutput, TIMEOUT_TEXT } from './test-output.js';

/** Counts as upstream's `_parse_results` would read them from the text (doc 3.1). */
function parseCounts(text: string): { passed: number; failed: number } {
  const jest = /Tests:\s+(?:(\d+) failed, )?(\d+) passed/.exec(text);
  if (jest) return { passed: Number(jest[2]), failed: Number(jest[1] ?? 0) };
  const cargo = /test result: \w+\. (\d+) passed; (\d+) failed/.exec(text);
  if (cargo) return { passed: Number(cargo[1]), failed: Number(cargo[2]) };
  if (text.includes('--- PASS:') || text.includes('--- FAIL:')) return { passed: text.split('--- PASS:').length - 1, failed: text.split('--- FAIL:').length - 1 };
  const last = text.split('\n').pop()!;
  return { passed: Number(/(\d+) passed/.exec(last)?.[1] ?? 0), failed: Number(/(\d+) failed/.exec(last)?.[1] ?? 0) };
}

const REPOS = ['dottxt_ai_outlines_task', 'go_chi_task', 'react_hook_form_task', 'typst_task'];

describe('test output', () => {
  for (const repo of REPOS) {
    it(`states the counts it reports and lands near the requested size (${repo})`, () => {
      for (const kind of ['pass', 'fail'] as const) {
        for (const target of [2_000, 50_000, 200_000]) {
          const out = testOutput(Rng.derive(1, repo, kind, target), repo, 42, featureInfo(repo, 42, 3), { kind, targetBytes: target, suite: 1, patchName: 'solo.patch' });
          expect(parseCounts(out.text)).toEqual({ passed: out.testsPassed, failed: out.testsFailed });
          expect(out.exitCode).toBe(kind === 'pass' ? 0 : 1);
          expect(kind === 'pass' ? out.testsFailed : out.testsFailed > 0).toBe(kind === 'pass' ? 0 : true);
          expect(out.text.length).toBeGreaterThan(target * 0.85 - 400);
          expect(out.text.length).toBeLessThan(target * 1.15 + 1_500);
        }
      }
    });
  }

  it('writes the sandbox timeout and the empty-patch cases as upstream does', () => {
    const f = featureInfo('dspy_task', 1, 1);
    expect(testOutput(new Rng(1), 'dspy_task', 1, f, { kind: 'timeout', targetBytes: 9_000, suite: 1, patchName: 'x' })).toEqual({ text: TIMEOUT_TEXT, exitCode: -1, testsPassed: 0, testsFailed: 0 });
    expect(testOutput(new Rng(1), 'dspy_task', 1, f, { kind: 'no-patch', targetBytes: 9_000, suite: 1, patchName: 'x' })).toMatchObject({ exitCode: 128, testsPassed: 0, testsFailed: 0 });
  });
});
