import type { LadderRow, LadderStepName, OutcomeCount, OutcomeEra, OutcomesFile } from '@cooperbench-repro/contracts';
import { wilson } from './fixture.js';

/**
 * A small hand-written data/outcomes.json: model-a scored in the agent-1 era (one identical and one
 * solo-agent1 pass), model-b in the union era (one union pass, one unmergeable pair), two repositories,
 * arms solo, coop-msg, coop-nomsg and (model-b) coop-msg-git, which the per-repository figure does not
 * draw. Unknown outcomes count as failures. Totals and ladders are sums of the per-repository counts.
 */

type Cell = [successes: number, total: number, unknown?: number];
const REPOS = ['repo_x_task', 'repo_y_task'] as const;

/** [repo_x, repo_y] per model and arm. */
const CELLS: Record<string, Record<string, Cell[]>> = {
  'model-a': { solo: [[4, 6], [1, 6, 1]], 'coop-msg': [[2, 5], [1, 5]], 'coop-nomsg': [[1, 5], [0, 5, 2]] },
  'model-b': { solo: [[3, 6], [0, 6]], 'coop-msg': [[1, 5], [1, 5, 1]], 'coop-nomsg': [[0, 5], [0, 0]], 'coop-msg-git': [[1, 2], [0, 2]] },
};
const ERA: Record<string, OutcomeEra> = { 'model-a': 'agent1-era', 'model-b': 'union-era' };
/** Passes per ladder step (they sum to the row's successes). */
const STEPS: Record<string, Record<string, Partial<Record<LadderStepName, number>>>> = {
  'model-a': { 'coop-msg': { naive: 1, identical: 1, 'solo-agent1': 1 }, 'coop-nomsg': { naive: 1 } },
  'model-b': { 'coop-msg': { naive: 1, union: 1 }, 'coop-nomsg': {}, 'coop-msg-git': { naive: 1 } },
};
const STEP_ORDER: Record<string, LadderStepName[]> = { 'agent1-era': ['naive', 'identical', 'solo-agent1'], 'union-era': ['naive', 'union'] };

function count(k: number, n: number, unknown = 0): OutcomeCount {
  const w = wilson(k, n);
  return { records: n, missing: 0, successes: k, total: n, unknown, excluded: 0, rate: w.rate, ci_low: w.ci_low, ci_high: w.ci_high };
}

const sum = (cells: Cell[]): Cell => [cells.reduce((a, c) => a + c[0], 0), cells.reduce((a, c) => a + c[1], 0), cells.reduce((a, c) => a + (c[2] ?? 0), 0)];
const eraOf = (model: string, arm: string) => (arm === 'solo' ? 'solo' : ERA[model]!);

function ladder(model: string, arm: string): LadderRow {
  const era = ERA[model]!;
  const [k, n, u] = sum(CELLS[model]![arm]!);
  let cumulative = 0;
  const steps = STEP_ORDER[era]!.map((step) => {
    const added = STEPS[model]![arm]![step] ?? 0;
    cumulative += added;
    return { step, added, ...count(cumulative, n, u) };
  });
  const solo_agent1_passes = STEPS[model]![arm]!['solo-agent1'] ?? 0;
  const unmergeable = model === 'model-b' && arm === 'coop-msg' ? 1 : 0;
  const passes = Object.entries(STEPS[model]![arm]!).map(([step, c]) => [step === 'naive' ? 'clean' : step, c]);
  const merge_outcomes = Object.fromEntries([...passes, ['conflict', n - k - unmergeable - (u ?? 0)], ['missing', u ?? 0], ...(unmergeable ? [['unmergeable', unmergeable]] : [])].filter(([, c]) => (c as number) > 0));
  const paper_setting = arm === 'coop-msg' ? 'comm' : arm === 'coop-nomsg' ? 'nocomm' : null;
  return { model, arm, era, runs: [`${model}-${arm}-0`], merge_outcomes, unmergeable, solo_agent1_passes, steps, final: count(k, n, u), paper_column: era === 'union-era' ? 'union' : 'naive', paper_setting };
}

export function outcomesFixture(opts: { synthetic?: boolean } = {}): OutcomesFile {
  const groups = Object.entries(CELLS).flatMap(([model, arms]) => Object.keys(arms).map((arm) => ({ model, arm, era: eraOf(model, arm) })));
  const repositories = groups.flatMap((g) => REPOS.map((repo, i) => ({ repo, model: g.model, arm: g.arm, era: g.era, ...count(...CELLS[g.model]![g.arm]![i]!) })));
  const totals = groups.map((g) => ({ ...g, repos: REPOS.length, ...count(...sum(CELLS[g.model]![g.arm]!)) }));
  const runs = totals.map((t) => ({ run: `${t.model}-${t.arm}-0`, arm: t.arm, model: t.model, era: t.era, records: t.records }));
  const records = runs.reduce((a, r) => a + r.records, 0);
  return {
    schema: 'cooperbench-repro/outcomes@1',
    options: { unknown_outcomes: 'count-as-failure', solo_agent1: 'pass', eras: 'split', confidence: 0.95 },
    inputs: {
      records,
      synthetic_records: opts.synthetic ? records : 0,
      runs,
      plans: runs.map((r) => ({ run: r.run, arm: r.arm, model: r.model, subset: null, basis: 'observed-pairs' as const, planned: r.records, observed: r.records, missing: 0 })),
      missing_pairs: 0,
    },
    ladder: groups.filter((g) => g.arm !== 'solo').map((g) => ladder(g.model, g.arm)),
    totals,
    repositories,
    checks: ['hand-written fixture'],
  };
}
