import { describe, expect, it } from 'vitest';
import { FailureModesFileSchema, type FailureModesFile, type InterCoder } from '@cooperbench-repro/contracts';
import { failureModesTable } from './tables/failure-modes.js';
import { wilson } from './test-support/fixture.js';
import { failureModesFixture } from './test-support/failure-modes-fixture.js';

type Counts = [both: number, onlyA: number, onlyB: number, neither: number];

/** One code's row with hand-given statistics (the tables only print them). */
function code(name: string, [both, onlyA, onlyB, neither]: Counts, kappa: number | null, pabak: number, ac1: number) {
  const n = both + onlyA + onlyB + neither;
  const agreed = both + neither;
  return { code: name, both_yes: both, only_a: onlyA, only_b: onlyB, both_no: neither, agreement: { successes: agreed, total: n, unknown: 0, ...wilson(agreed, n) }, kappa, pabak, ac1 };
}

const overall = (agreed: number, n: number, kappa: number | null, pabak: number, ac1: number) => ({ agreement: { successes: agreed, total: n, unknown: 0, ...wilson(agreed, n) }, kappa, pabak, ac1 });

// 10 conversations (5 per source): C1a by A on 3, by B on 3, 2 in common; plan drift by B alone on 1.
const INTER_CODER: InterCoder = {
  description: 'gold: 10 conversations coded twice',
  reference_coder: 'A',
  second_coder: 'B',
  adjudication_file: 'packages/failure-modes/gold/adjudication.json',
  conversations: { 'command-a': 5, 'claude-code': 5 },
  resolutions: { agreed: 7, A: 2, B: 1, neither: 0 },
  fields: [
    {
      field: 'comm_error',
      scale: ['none', 'C1a', 'C2'],
      disagreements: { total: 2, settled_as_reference: 2, settled_as_second: 0, settled_otherwise: 0 },
      scopes: [
        { source: 'all', n: 10, overall: overall(8, 10, 0.22 / 0.42, 0.7, 0.75), codes: [code('none', [6, 1, 1, 2], 0.52, 0.6, 0.66), code('C1a', [2, 1, 1, 6], 0.52, 0.6, 0.66), code('C2', [0, 0, 0, 10], null, 1, 1)] },
        { source: 'command-a', n: 5, overall: overall(3, 5, 0.2, 0.4, 0.45), codes: [code('none', [1, 1, 1, 2], 0.17, 0.2, 0.2), code('C1a', [2, 1, 1, 1], 0.17, 0.2, 0.2), code('C2', [0, 0, 0, 5], null, 1, 1)] },
        { source: 'claude-code', n: 5, overall: overall(5, 5, null, 1, 1), codes: [code('none', [5, 0, 0, 0], null, 1, 1), code('C1a', [0, 0, 0, 5], null, 1, 1), code('C2', [0, 0, 0, 5], null, 1, 1)] },
      ],
    },
    {
      field: 'plan_drift',
      scale: ['no', 'yes'],
      disagreements: { total: 1, settled_as_reference: 0, settled_as_second: 1, settled_otherwise: 0 },
      scopes: [{ source: 'all', n: 10, overall: overall(9, 10, 0, 0.8, 0.89), codes: [code('no', [9, 0, 1, 0], 0, 0.8, 0.89), code('yes', [0, 0, 1, 9], 0, 0.8, 0.89)] }],
    },
  ],
};

const withInterCoder = (ic: InterCoder | null | undefined): FailureModesFile => {
  const data = failureModesFixture({ judge: 'not-run' });
  if (ic === undefined) delete data.inter_coder;
  else data.inter_coder = ic;
  return data;
};

describe('failure-modes.md: inter-coder agreement', () => {
  const md = failureModesTable(withInterCoder(INTER_CODER)).markdown;

  it('names the double-coded subset per source, the reference coder and where disagreements were settled', () => {
    const said = [
      '## Inter-coder agreement (10 double-coded conversations of the gold set)',
      'Double-coded: Command A 5, claude\\_code 5.',
      'Reference = coder A.',
      'item in `packages/failure-modes/gold/adjudication.json`',
      '(7 agreed on every field, 2 settled as coder A, 1 as coder B, 0 neither)',
      "Disagreements: 2 conversations; the gold set took coder A's label in 2, coder B's in 0, another in 0.",
    ];
    expect(said.filter((s) => !md.includes(s))).toEqual([]);
  });

  it('gives both/only A/only B/neither, agreement with its interval, kappa, PABAK and AC1 per code and source', () => {
    expect(md).toContain('| Code | Source | n | Both | Only A | Only B | Neither | Agreement [95% CI] | Kappa | PABAK | AC1 |');
    const w = wilson(8, 10);
    expect(md).toContain(`| C1a | both sources | 10 | 2 | 1 | 1 | 6 | 0.80 [${w.ci_low!.toFixed(2)}, ${w.ci_high!.toFixed(2)}] | 0.52 | 0.60 | 0.66 |`);
    expect(md).toContain('| C1a | Command A | 5 | 2 | 1 | 1 | 1 | 0.60 [');
    expect(md).toContain('| C1a | claude\\_code | 5 | 0 | 0 | 0 | 5 | 1.00 [');
    expect(md).toMatch(/\| all labels \| both sources \| 10 \|  \|  \|  \|  \| 0\.80 \[[\d.]+, [\d.]+\] \| 0\.52 \| 0\.70 \| 0\.75 \|/);
    expect(md).toContain('| all labels | claude\\_code | 5 |  |  |  |  | 1.00 [');
  });

  it('leaves out, and names, the codes neither coder used; a yes/no field shows its yes row only', () => {
    expect(md).toContain('Used by neither coder (both-no on every conversation, not shown): C2.');
    expect(md).not.toMatch(/^\| C2 \|/m);
    expect(md).toContain('| yes | both sources | 10 | 0 | 0 | 1 | 9 | 0.90 [');
    expect(md).not.toMatch(/^\| no \|/m);
    // The plan-drift section runs to the end (it is the last field here).
    expect(md.slice(md.indexOf('### Plan drift'))).not.toContain('all labels');
  });

  it('a file without the section (null, or written before the field existed) still parses and renders without it', () => {
    for (const ic of [null, undefined]) {
      const data = withInterCoder(ic);
      expect(FailureModesFileSchema.safeParse(JSON.parse(JSON.stringify(data))).success).toBe(true);
      expect(failureModesTable(data).markdown).not.toContain('Inter-coder agreement');
    }
  });

  it('the fixture is a valid data/failure-modes.json with the section', () => {
    expect(FailureModesFileSchema.parse(withInterCoder(INTER_CODER)).inter_coder?.fields).toHaveLength(2);
  });
});
