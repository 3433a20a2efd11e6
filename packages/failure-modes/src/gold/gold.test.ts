import { describe, expect, it } from 'vitest';
import { checkQuotes } from './quote-check.js';
import { codedFiles, loadCodes } from './gold-files.js';
import { interCoderAgreement } from './inter-coder.js';
import { agreementMarkdown } from './agreement-report.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLD_DIR } from './gold-files.js';
import { goldSet } from './gold-set.js';

describe('the human-coded gold set', () => {
  it('has both sources coded in full by coder A and a 40-conversation second coding by B', () => {
    expect(codedFiles()).toEqual(['claude-code.A.json', 'claude-code.B.json', 'command-a.A.json', 'command-a.B.json']);
    expect(loadCodes('command-a', 'A').conversations).toHaveLength(100);
    expect(loadCodes('claude-code', 'A').conversations).toHaveLength(101);
    expect(loadCodes('command-a', 'B').conversations).toHaveLength(20);
    expect(loadCodes('claude-code', 'B').conversations).toHaveLength(20);
  });

  for (const name of ['command-a.A', 'claude-code.A', 'command-a.B', 'claude-code.B']) {
    it(`${name}: every quote is verbatim in the public data (locator, offsets, hash)`, () => {
      const [source, coder] = name.split('.') as ['command-a' | 'claude-code', string];
      const result = checkQuotes(loadCodes(source, coder));
      expect(result.problems).toEqual([]);
      expect(result.checked).toBeGreaterThan(0);
    });
  }

  it('inter-coder agreement is computed on the 40 double-coded conversations', () => {
    const a = interCoderAgreement(goldSet());
    expect(a.conversations).toEqual({ 'command-a': 20, 'claude-code': 20 });
    const comm = a.fields.find((f) => f.field === 'comm_error')!;
    expect(comm.overall.n).toBe(40);
    for (const f of a.fields) {
      expect(f.overall.agreement.rate).toBeGreaterThanOrEqual(0);
      expect(f.overall.agreement.rate).toBeLessThanOrEqual(1);
    }
  });

  it('gold/AGREEMENT.md is the agreement the coded files give (UPDATE_AGREEMENT=1 rewrites it)', () => {
    const file = join(GOLD_DIR, 'AGREEMENT.md');
    const text = agreementMarkdown(interCoderAgreement(goldSet()));
    if (process.env.UPDATE_AGREEMENT === '1') writeFileSync(file, text);
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '(missing)').toBe(text);
  });
});
