import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from './plan.js';
import { runStatus, setAsideStaleEvals } from './pair-status.js';
import { experiment, workdir } from './test-support/standin.js';

describe('pair status from the files', () => {
  it('classifies pending, agent Error, stale and current evals, and never overwrites an earlier stale eval', () => {
    const dir = workdir();
    const e = experiment(dir, { arms: ['solo'] });
    const plan = buildPlan(e);
    const inv = plan.invocations[0]!;
    const st0 = runStatus(e, inv, plan.pairs);
    expect(st0.counts).toMatchObject({ pending: 3 });
    const write = (i: number, name: string, v: unknown) => {
      const d = st0.pairs[i]!.dir;
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, name), typeof v === 'string' ? v : JSON.stringify(v));
    };
    write(0, 'result.json', { agent: { status: 'Error' }, total_cost: 0.5, ended_at: '2026-03-02T10:00:00' });
    write(0, 'eval.json', { evaluated_at: '2026-03-01T10:00:00' });
    write(0, 'eval.stale-1.json', '{"earlier": true}');
    write(1, 'result.json', { agent: { status: 'Submitted' }, total_cost: 1, ended_at: '2026-03-02T10:00:00' });
    write(1, 'eval.json', { evaluated_at: '2026-03-02T11:00:00' });
    write(2, 'result.json', '{"truncated');
    const st = runStatus(e, inv, plan.pairs);
    expect(st.pairs.map((p) => p.state)).toEqual(['agent-error', 'complete', 'unreadable']);
    expect(st.cost).toBe(1.5);
    const moved = setAsideStaleEvals(st);
    expect(moved).toEqual([join(st0.pairs[0]!.dir, 'eval.stale-2.json')]);
    expect(readFileSync(join(st0.pairs[0]!.dir, 'eval.stale-1.json'), 'utf8')).toBe('{"earlier": true}');
    expect(existsSync(join(st0.pairs[0]!.dir, 'eval.json'))).toBe(false);
  });
});
