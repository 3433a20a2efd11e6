import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError, InterCoderSchema } from '@cooperbench-repro/contracts';
import type { CodedJudgement } from './gold-files.js';
import { GOLD_DIR } from './gold-files.js';
import { goldSet, type GoldConversation, type SecondCoding } from './gold-set.js';
import { interCoderAgreement } from './inter-coder.js';
import { interCoderSection } from './inter-coder-section.js';

type J = [comm: string, drift: boolean, primary: string | null];
const j = ([comm_error, plan_drift, primary]: J): CodedJudgement => ({ comm_error, plan_drift, primary });

/** A double-coded conversation: A's and B's judgements, the settled gold, the verdict. */
function conv(i: number, a: J, b: J, gold: J, resolved: SecondCoding['resolved']): [string, GoldConversation] {
  const g = j(gold);
  const key = `c${i}`;
  const source = i <= 5 ? 'command-a' : 'claude-code';
  return [key, { source, key, outcome: 'fail', messages: 2, ...g, secondary: [], double_coded: true, second_coding: { reference: j(a), second: j(b), resolved } }];
}

const NONE: J = ['none', false, null];
// Hand-made: 10 conversations, 1-5 Command A, 6-10 claude_code.
// C1a: A on 1, 2, 3; B on 1, 2, 4. Plan drift: A on 5; B on 5, 6. Primary (both coded it): 1-4.
const GOLD = new Map<string, GoldConversation>([
  conv(1, ['C1a', false, 'work_overlap'], ['C1a', false, 'work_overlap'], ['C1a', false, 'work_overlap'], 'agreed'),
  conv(2, ['C1a', false, 'work_overlap'], ['C1a', false, 'unresponsiveness'], ['C1a', false, 'unresponsiveness'], 'B'),
  conv(3, ['C1a', false, 'implementation_failure'], ['none', false, 'implementation_failure'], ['C1a', false, 'implementation_failure'], 'A'),
  conv(4, ['none', false, 'unresponsiveness'], ['C1a', false, 'unresponsiveness'], ['C1b', false, 'unresponsiveness'], 'neither'),
  // B coded no symptom here: the primary pair is left out, the others count.
  conv(5, ['none', true, 'work_overlap'], ['none', true, null], ['none', true, 'work_overlap'], 'agreed'),
  conv(6, NONE, ['none', true, null], ['none', true, null], 'B'),
  conv(7, NONE, NONE, NONE, 'agreed'),
  conv(8, NONE, NONE, NONE, 'agreed'),
  conv(9, NONE, NONE, NONE, 'agreed'),
  conv(10, NONE, NONE, NONE, 'agreed'),
]);
// A conversation coded once does not count.
GOLD.set('once', { ...GOLD.get('c7')!, key: 'once', double_coded: false, second_coding: undefined });

describe('interCoderAgreement on a hand-made example', () => {
  const a = interCoderAgreement(GOLD);
  const field = (f: string) => a.fields.find((x) => x.field === f)!;

  it('counts the double-coded conversations per source and the adjudication verdicts', () => {
    expect(a.conversations).toEqual({ 'command-a': 5, 'claude-code': 5 });
    expect(a.resolutions).toEqual({ agreed: 6, A: 1, B: 2, neither: 1 });
  });

  it('C1a one-vs-rest: 2 both, 1 only A, 1 only B, 6 neither; kappa 0.22/0.42, PABAK 0.6, AC1 0.38/0.58', () => {
    // p_o = 0.8; p_A = p_B = 0.3: p_e = 0.09 + 0.49 = 0.58; AC1's p_e = 2 * 0.3 * 0.7 = 0.42.
    const c1a = field('comm_error').perLabel.find((l) => l.label === 'C1a')!;
    expect([c1a.tp, c1a.fn, c1a.fp, c1a.tn]).toEqual([2, 1, 1, 6]);
    expect(c1a.agreement.rate).toBeCloseTo(0.8, 12);
    expect(c1a.kappa).toBeCloseTo(0.22 / 0.42, 12);
    expect(c1a.pabak).toBeCloseTo(0.6, 12);
    expect(c1a.ac1).toBeCloseTo(0.38 / 0.58, 12);
  });

  it('communication error over the whole 8-label scale: PABAK (8 p_o - 1)/7, AC1 with p_e = sum pi(1-pi)/7', () => {
    const o = field('comm_error').overall;
    expect(o.n).toBe(10);
    expect(o.kappa).toBeCloseTo(0.22 / 0.42, 12);
    expect(o.pabak).toBeCloseTo(5.4 / 7, 12);
    // pi: C1a 0.3, none 0.7 -> sum pi(1-pi) = 0.42, / 7 = 0.06.
    expect(o.ac1).toBeCloseTo(0.74 / 0.94, 12);
  });

  it('plan drift: 1 both, 1 only B, 8 neither; kappa 0.16/0.26, PABAK 0.8, AC1 0.645/0.745', () => {
    const yes = field('plan_drift').perLabel.find((l) => l.label === 'yes')!;
    expect([yes.tp, yes.fn, yes.fp, yes.tn]).toEqual([1, 0, 1, 8]);
    expect(yes.kappa).toBeCloseTo(0.16 / 0.26, 12);
    expect(yes.pabak).toBeCloseTo(0.8, 12);
    expect(yes.ac1).toBeCloseTo(0.645 / 0.745, 12);
  });

  it('primary symptom only where both coded one; per source scopes split the pairs', () => {
    const p = field('primary');
    expect(p.overall.n).toBe(4);
    expect(p.overall.agreement.successes).toBe(3);
    const cmd = field('comm_error').scopes.find((s) => s.source === 'command-a')!;
    const c1a = cmd.perLabel.find((l) => l.label === 'C1a')!;
    expect([cmd.overall.n, c1a.tp, c1a.fn, c1a.fp, c1a.tn]).toEqual([5, 2, 1, 1, 1]);
    const cc = field('comm_error').scopes.find((s) => s.source === 'claude-code')!;
    expect([cc.overall.n, cc.overall.agreement.successes, cc.overall.kappa]).toEqual([5, 5, null]);
  });

  it('says how each disagreement was settled, per field', () => {
    expect(field('comm_error').disagreements).toEqual({ total: 2, settled_as_reference: 1, settled_as_second: 0, settled_otherwise: 1 });
    expect(field('plan_drift').disagreements).toEqual({ total: 1, settled_as_reference: 0, settled_as_second: 1, settled_otherwise: 0 });
    expect(field('primary').disagreements).toEqual({ total: 1, settled_as_reference: 0, settled_as_second: 1, settled_otherwise: 0 });
  });

  it('the output section carries every label of the scale, with both-yes/only-A/only-B/both-no', () => {
    const s = InterCoderSchema.parse(interCoderSection(GOLD));
    const comm = s.fields.find((f) => f.field === 'comm_error')!;
    expect(comm.scopes.map((x) => x.source)).toEqual(['all', 'command-a', 'claude-code']);
    expect(comm.scopes[0]!.codes.map((c) => c.code)).toEqual(comm.scale);
    expect(comm.scopes[0]!.codes.find((c) => c.code === 'C1a')).toMatchObject({ both_yes: 2, only_a: 1, only_b: 1, both_no: 6, kappa: 0.52381, pabak: 0.6 });
    expect(comm.scopes[0]!.codes.find((c) => c.code === 'C4b')).toMatchObject({ both_yes: 0, only_a: 0, only_b: 0, both_no: 10, kappa: null, pabak: 1 });
  });

  it('no double-coded conversation: no section', () => {
    expect(interCoderSection(new Map([['once', GOLD.get('once')!]]))).toBeNull();
  });
});

describe('the real gold set', () => {
  const section = InterCoderSchema.parse(interCoderSection(goldSet()));

  it('gives the numbers of gold/AGREEMENT.md (pooled rows, two decimals)', () => {
    const md = readFileSync(join(GOLD_DIR, 'AGREEMENT.md'), 'utf8');
    const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
    let rows = 0;
    for (const field of section.fields) {
      const all = field.scopes.find((s) => s.source === 'all')!;
      const o = all.overall;
      expect(md).toContain(`n = ${all.n}; agreement ${f(o.agreement.rate)} [${f(o.agreement.ci_low)}, ${f(o.agreement.ci_high)}]; kappa ${f(o.kappa)}; PABAK ${f(o.pabak)}; AC1 ${f(o.ac1)}`);
      for (const c of all.codes.filter((c) => c.both_yes + c.only_a + c.only_b > 0)) {
        expect(md).toContain(`| ${c.code} | ${c.both_yes} | ${c.only_a} | ${c.only_b} | ${f(c.kappa)} | ${f(c.pabak)} | ${f(c.ac1)} |`);
        rows++;
      }
    }
    expect(rows).toBe(md.split('\n').filter((l) => /^\| [a-zC]/.test(l) && !l.startsWith('| Label')).length);
  });

  it('is 20 + 20 conversations, every one with an adjudication verdict', () => {
    expect(section.conversations).toEqual({ 'command-a': 20, 'claude-code': 20 });
    expect(Object.values(section.resolutions).reduce((x, y) => x + y, 0)).toBe(40);
    for (const field of section.fields) {
      const [all, ...sources] = field.scopes;
      expect(sources.reduce((x, s) => x + s.n, 0)).toBe(all!.n);
      for (const c of all!.codes) expect(c.both_yes + c.only_a + c.only_b + c.both_no).toBe(all!.n);
    }
  });
});

describe('goldSet checks the second coding against the adjudication', () => {
  function goldCopy(edit: (adjudication: { items: { a: CodedJudgement; b: CodedJudgement }[] }) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'gold-'));
    cpSync(GOLD_DIR, dir, { recursive: true });
    const file = join(dir, 'adjudication.json');
    const adj = JSON.parse(readFileSync(file, 'utf8'));
    edit(adj);
    writeFileSync(file, JSON.stringify(adj));
    return dir;
  }

  it('names the item and field where the adjudication misquotes a coder', () => {
    const dir = goldCopy((a) => (a.items[0]!.b.plan_drift = !a.items[0]!.b.plan_drift));
    // A DataFileError: the CLI prints it as one line and exits 2 (a data problem, not a crash).
    expect(() => goldSet(dir)).toThrow(DataFileError);
    expect(() => goldSet(dir)).toThrow(/adjudication\.json: field command-a-lite-results\/results\.json#300 b\.plan_drift: expected (true|false) as in command-a\.B\.json \(found (true|false)\)/);
  });

  it('refuses a double-coded conversation without an adjudication item', () => {
    const dir = goldCopy((a) => a.items.shift());
    expect(() => goldSet(dir)).toThrow(/adjudication\.json: field items: expected one item per double-coded conversation \(.*#300 \(command-a\) is coded by A and B but has no item\)/);
  });
});
