import type { Micros } from './clock.js';
import { naiveIso, type NaiveTimeFormat } from './clock.js';
import { marked } from './marker.js';
import type { FeatureTestKind, PairPlan } from './pair-plan.js';
import type { Rng } from './prng.js';
import { testOutput, type TestRun } from './test-output.js';

/**
 * eval.json in the shapes of upstream's `_evaluate_single` (doc 2.6): solo `{passed, test_output}`;
 * coop 0.0.12+ feature objects with counts and `apply_status`; the `identical` shape (key `output`, no
 * feature_id); and `_merged_error_result` for eval errors. `null` when the plan says no eval.json.
 */

export interface EvalRender {
  json: object | null;
  /** What summary.json's per-result `eval` says: pass/fail, error (eval.json has an error), null (no eval). */
  summaryEval: 'pass' | 'fail' | 'error' | null;
}

export interface EvalRenderOptions {
  /** Per-feature test_output size range in bytes. */
  testOutputBytes: [number, number];
  evaluatedAt: Micros;
  /** Default: UTC (`naiveIso`). */
  formatTime?: NaiveTimeFormat;
  patches: { agent1: string; agent2: string };
}

interface TestedFeature {
  passed: boolean;
  exit_code: number | null;
  tests_passed: number;
  tests_failed: number;
  text: string;
}

function runTests(rng: Rng, plan: PairPlan, index: 0 | 1, kind: FeatureTestKind, patchName: string, sizes: [number, number]): TestedFeature {
  if (kind === 'untested') return { passed: false, exit_code: null, tests_passed: 0, tests_failed: 0, text: '' };
  const run: TestRun = { kind, targetBytes: rng.int(sizes[0], sizes[1]), suite: (index + 1) as 1 | 2, patchName };
  const out = testOutput(rng, plan.pair.repo, plan.pair.task_id, plan.features[index], run);
  // Upstream's pass rule: exit code 0 and at least one test passed.
  return { passed: out.exitCode === 0 && out.testsPassed > 0, exit_code: out.exitCode, tests_passed: out.testsPassed, tests_failed: out.testsFailed, text: out.text };
}

export function renderEval(rng: Rng, plan: PairPlan, opts: EvalRenderOptions): EvalRender {
  const ev = plan.eval;
  if (ev.kind === 'missing') return { json: null, summaryEval: null };
  const { repo, task_id, features } = plan.pair;
  const setting = plan.agents[0]!.agentId === 'solo' ? 'solo' : 'coop';
  const head = { repo, task_id, features: [...features], setting };
  const tail = (error: string | null) => ({ error, evaluated_at: (opts.formatTime ?? naiveIso)(opts.evaluatedAt) });

  if (ev.kind === 'error') {
    const json =
      setting === 'solo'
        ? { ...head, merge: null, feature1: { passed: false, test_output: '' }, feature2: { passed: false, test_output: '' }, both_passed: false, ...tail(ev.error) }
        : (() => {
            const empty = { feature_id: null, passed: false, exit_code: null, tests_passed: 0, tests_failed: 0, test_output: '' };
            return { ...head, apply_status: { agent1: 'unknown', agent2: 'unknown' }, merge: { status: 'error', strategy: null, diff: '' }, feature1: empty, feature2: { ...empty }, both_passed: false, ...tail(ev.error) };
          })();
    return { json: marked(json), summaryEval: 'error' };
  }

  if (ev.kind === 'solo') {
    const f = ([0, 1] as const).map((i) => runTests(rng, plan, i, ev.tests[i], 'solo.patch', opts.testOutputBytes));
    const bothPassed = f[0]!.passed && f[1]!.passed;
    const json = { ...head, merge: null, feature1: { passed: f[0]!.passed, test_output: f[0]!.text }, feature2: { passed: f[1]!.passed, test_output: f[1]!.text }, both_passed: bothPassed, ...tail(null) };
    return { json: marked(json), summaryEval: bothPassed ? 'pass' : 'fail' };
  }

  const patchName = ev.strategy === 'solo-agent1' || ev.status === 'identical' ? 'patch1.patch' : 'merged.patch';
  const f = ([0, 1] as const).map((i) => runTests(rng, plan, i, ev.tests[i], patchName, opts.testOutputBytes));
  const bothPassed = f[0]!.passed && f[1]!.passed;
  let diff = '';
  if (ev.status === 'identical') diff = opts.patches.agent1.slice(0, 5000);
  else if (ev.status === 'clean' || ev.strategy === 'union') diff = (opts.patches.agent1 + opts.patches.agent2).slice(0, 5000);
  const apply = ev.status === 'identical' ? { agent1: 'applied', agent2: 'applied' } : ev.apply;
  const feature = (i: 0 | 1) =>
    ev.status === 'identical'
      ? { passed: f[i]!.passed, output: f[i]!.text, exit_code: f[i]!.exit_code, tests_passed: f[i]!.tests_passed, tests_failed: f[i]!.tests_failed }
      : { feature_id: features[i], passed: f[i]!.passed, exit_code: f[i]!.exit_code, tests_passed: f[i]!.tests_passed, tests_failed: f[i]!.tests_failed, test_output: f[i]!.text };
  const json = { ...head, apply_status: apply, merge: { status: ev.status, strategy: ev.strategy, diff }, feature1: feature(0), feature2: feature(1), both_passed: bothPassed, ...tail(null) };
  return { json: marked(json), summaryEval: bothPassed ? 'pass' : 'fail' };
}
