import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectFigureFiles, expectInvalidData, expectMissingDefault, expectWrites, runCli, tempDir } from './test-support/cli.js';
import { writeCommunicationFixture } from './test-support/communication-fixture.js';
import { writeFailureModesFixture } from './test-support/failure-modes-fixture.js';
import { writeFixture } from './test-support/fixture.js';

describe('cli', () => {
  it('writes svg, png, pdf and csv for fig4 and fig4-per-model and says so', () => {
    const data = writeFixture();
    const out = tempDir();
    for (const fig of ['fig4', 'fig4-per-model']) {
      expectWrites(fig, data, out, ['svg', 'png', 'pdf', 'csv'].map((ext) => `${fig}.${ext}`));
      expectFigureFiles(out, fig);
    }
    expect(readFileSync(join(out, 'fig4.csv'), 'utf8')).toContain('paper-website');
  });

  it('--no-paper-reference leaves the overlay out', () => {
    const out = tempDir();
    const r = runCli(['fig4', '--data', writeFixture(), '--out', out, '--no-paper-reference']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'fig4.csv'), 'utf8')).not.toContain('paper-website');
    expect(readFileSync(join(out, 'fig4.svg'), 'utf8')).not.toContain('Paper, Solo');
  });

  it('exits 2 naming file and field on an invalid data file', () => {
    const data = writeFixture({}, (d) => {
      (d.options as Record<string, unknown>).buckets = 'ten';
    });
    expectInvalidData('fig4', data, 'options.buckets');
  });

  it('exits 2 on a missing file, an unknown figure, or bad options', () => {
    const missing = runCli(['fig4', '--data', '/nonexistent/difficulty.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/difficulty.json');
    const unknown = runCli(['fig9']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown figure "fig9"');
    expect(runCli(['fig4', '--bogus']).code).toBe(2);
    expect(runCli([]).code).toBe(2);
  });
});

/** The two stage files the figures CLI draws a figure and writes a table from, with what each command says. */
const STAGE_COMMANDS = [
  {
    stage: 'communication',
    valid: () => writeCommunicationFixture({ synthetic: true }),
    figure: { name: 'fig5', says: ['[SYNTHETIC: 160/160 records]'], csvHas: 'paper-table6-naive' },
    table: { name: 'qualitative-table', file: 'qualitative', says: ['(7 rows)'] },
    invalid: { write: () => writeCommunicationFixture({}, (d) => void ((d.inputs as Record<string, unknown>).records = 'many')), field: 'inputs.records' },
  },
  {
    stage: 'failure-modes',
    valid: () => writeFailureModesFixture({ synthetic: true, judge: 'not-run' }),
    figure: { name: 'fig6', says: ['[SYNTHETIC: 200/200 records]'], csvHas: 'paper-fig6' },
    table: { name: 'failure-modes-table', file: 'failure-modes', says: ['(10 symptoms, 3 causes)', '[LLM judge not run: heuristic estimates only]'] },
    invalid: { write: () => writeFailureModesFixture({}, (d) => void ((d.judge as Record<string, unknown>).status = 'maybe')), field: 'judge.status' },
  },
];

describe.each(STAGE_COMMANDS.map((c) => [c.stage, c] as const))('cli on a %s file', (_stage, { stage, valid, figure, table, invalid }) => {
  it(`${figure.name} and ${table.name} read --data (a ${stage} file) and write to --out`, () => {
    const data = valid();
    const out = tempDir();
    expectWrites(figure.name, data, out, figure.says);
    expectFigureFiles(out, figure.name);
    expect(readFileSync(join(out, `${figure.name}.csv`), 'utf8')).toContain(figure.csvHas);
    expectWrites(table.name, data, out, table.says);
    expect(readFileSync(join(out, `${table.file}.md`), 'utf8')).toContain('SYNTHETIC DEMO DATA');
    expect(readFileSync(join(out, `${table.file}.tex`), 'utf8')).toContain('\\toprule');
  });

  it(`${figure.name} defaults to data/${stage}.json and names it when missing; ${table.name} names file and field when invalid`, () => {
    expectMissingDefault(figure.name, `data/${stage}.json`);
    expectInvalidData(table.name, invalid.write(), invalid.field);
  });
});
