import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SYMPTOMS } from '@cooperbench-repro/contracts';
import { SYMPTOM_LABELS } from './render/labels.js';
import { formatPaper } from './render/paper.js';
import {
  JUDGE_NOT_RUN_TABLES,
  TABLE2_DISCLAIMER,
  failureModesTable,
  formatShareCi,
  formatShareCount,
  humanTable1Rows,
  humanTable2Rows,
  table1Rows,
  table2Rows,
  writeFailureModesTable,
} from './tables/failure-modes.js';
import { failureModesFixture } from './test-support/failure-modes-fixture.js';
import { paperCsv } from './test-support/paper-csv.js';
import { expectByteIdenticalTableWrites } from './test-support/write-twice.js';

/** The paper's Table 1 percent per symptom, read from the committed paper_reference_numbers.csv. */
const PAPER_TABLE1 = Object.fromEntries(SYMPTOMS.map((s) => [s, paperCsv().get('table1_symptom_share', s)]));

const complete = failureModesFixture();
const notRun = failureModesFixture({ judge: 'not-run' });

describe('failure-mode table rows', () => {
  it("Table 1 has the ten symptoms in the paper's order with our shares and the paper's %", () => {
    const rows = table1Rows(complete);
    expect(rows.map((r) => r.symptom)).toEqual(Object.keys(PAPER_TABLE1));
    expect(rows[0]!.primary).toMatchObject({ successes: 20, total: 60 });
    expect(rows[0]!.paper).toBe(PAPER_TABLE1.work_overlap);
    expect(rows.map((r) => r.paper).reduce((s, x) => s + x, 0)).toBeCloseTo(99.9, 6);
    expect(table1Rows(notRun).every((r) => r.primary === null && r.any === null)).toBe(true);
    expect(table1Rows(notRun).filter((r) => r.heuristic !== null)).toHaveLength(3);
  });

  it('Table 2 has the three causes with 42/32/26', () => {
    expect(table2Rows(complete).map((r) => [r.cause, r.paper])).toEqual([
      ['expectation', 42],
      ['commitment', 32],
      ['communication', 26],
    ]);
    expect(table2Rows(complete)[0]!.share).toMatchObject({ successes: 37, total: 60 });
  });

  it('formats shares with Wilson intervals and counts', () => {
    const iv = complete.table1.rows[0]!.primary_share!;
    expect(formatShareCi(iv)).toBe(`33.3% [${(iv.ci_low! * 100).toFixed(1)}, ${(iv.ci_high! * 100).toFixed(1)}]`);
    expect(formatShareCount(complete.table1.rows[0]!.any_label)).toBe('33.3% (24/72)');
    expect(formatShareCi(null)).toBe('n/a');
    expect(formatShareCount({ successes: 0, total: 0, unknown: 0, rate: null, ci_low: null, ci_high: null })).toBe('n/a');
  });
});

describe('markdown', () => {
  const md = failureModesTable(complete).markdown;
  const lines = md.split('\n');

  it('has Table 1 with our share, CI, n, any-label, heuristic and the paper %', () => {
    expect(lines).toContain('| Symptom | Ours: primary share [95% CI] | n | Any label | Heuristic cross-check | Paper % |');
    const iv = complete.table1.rows[0]!.primary_share!;
    expect(lines).toContain(
      `| Work overlap | 33.3% \\[${(iv.ci_low! * 100).toFixed(1)}, ${(iv.ci_high! * 100).toFixed(1)}\\] | 20/60 | 33.3% (24/72) | 37.5% (30/80) | ${formatPaper(PAPER_TABLE1.work_overlap!)} |`,
    );
    expect(lines.some((l) => l.startsWith('| Divergent architecture |') && l.endsWith('| — | 29.7 |'))).toBe(true);
    for (const [s, p] of Object.entries(PAPER_TABLE1)) expect(lines.some((l) => l.startsWith(`| ${SYMPTOM_LABELS[s as keyof typeof SYMPTOM_LABELS]} |`) && l.endsWith(`| ${p.toFixed(1)} |`))).toBe(true);
    expect(md).toContain('12 of 72 failed coop runs judged (16.7%); 80 failed coop runs in all.');
    const tableLines = lines.filter((l) => l.startsWith('| ') && l.split('|').length === 8);
    expect(tableLines).toHaveLength(11);
  });

  it('has Table 2 with 42/32/26, the mapping with its provenance and the derived-cause disclaimer', () => {
    expect(lines.some((l) => l.startsWith('| Expectation | 61.7% ') && l.endsWith('(37/60) | 42 |'))).toBe(true);
    expect(lines.some((l) => l.startsWith('| Commitment |') && l.endsWith('| 32 |'))).toBe(true);
    expect(lines.some((l) => l.startsWith('| Communication |') && l.endsWith('| 26 |'))).toBe(true);
    expect(md).toContain('Expectation 42%, Commitment 32%, Communication 26%');
    expect(md).toContain('**Not a reproduction.**');
    expect(md).toContain('The paper assigned root causes by hand on 50 failed coop traces');
    expect(md).toContain('so they are not a reproduction');
    expect(lines).toContain('| Work overlap | Expectation | paper (§6 text) |');
    expect(lines).toContain('| Divergent architecture | Expectation | ours (the paper states no link) |');
    for (const stale of ['63', '28%', '10%']) expect(md.includes(`| ${stale}`)).toBe(false);
    expect(md).not.toMatch(/\b63\b/);
  });

  it('has the judge status, model, rubric versions, calls and note', () => {
    expect(md).toContain('- Status: complete (mode read-write)');
    expect(md).toContain('- Model: gpt-5-2025-08-07');
    expect(md).toContain('- Rubric versions: comm\\_error: comm-error@2; symptoms: symptoms@1');
    expect(md).toContain('- API calls this run: 14; answers from the cache: 128; tokens in/out: 512000/31000');
    expect(md).toContain('- Answers rejected: fewer than two quotes: 1; quote not in transcript: 3');
    expect(md).toContain(`- Note: ${complete.judge.note}`);
    expect(md).not.toMatch(/judge not run/i);
    expect(md).not.toMatch(/synthetic/i);
  });

  it("says plainly when the judge was not run, and that judge-based numbers are not measured", () => {
    const off = failureModesTable(notRun).markdown;
    expect(off).toContain(`> **${JUDGE_NOT_RUN_TABLES.replace(/'/g, "'")}**`);
    expect(off).toContain('Implementation failure only (no coordination label): not measured (needs the LLM judge).');
    expect(off).toContain(`| Work overlap | n/a | n/a | n/a | 37.5% (30/80) | ${formatPaper(PAPER_TABLE1.work_overlap!)} |`);
    expect(off).toContain('| Expectation | n/a | 42 |');
    expect(off).toContain('- Status: not-run (mode off)');
    expect(off).toContain('**Not a reproduction.**');
  });

  it('says SYNTHETIC visibly for synthetic data', () => {
    expect(failureModesTable(failureModesFixture({ synthetic: true })).markdown).toContain('> **SYNTHETIC DEMO DATA — not real agent runs (all 200 records are synthetic)**');
  });
});

describe('the human-coded series (gold set)', () => {
  const data = failureModesFixture({ judge: 'not-run', human: true });
  const { markdown: md, latex: tex } = failureModesTable(data);
  const section = md.slice(md.indexOf('## Table 1, human-coded (gold set)'));

  it('is a Table 1 and a derived Table 2 of their own, with k/n and Wilson intervals, no judge or heuristic value', () => {
    expect(humanTable1Rows(data)[0]).toMatchObject({ symptom: 'work_overlap', primary: { successes: 14, total: 20 }, heuristic: null });
    expect(humanTable2Rows(data).map((r) => [r.cause, r.share!.successes, r.share!.total, r.paper])).toEqual([
      ['expectation', 14, 20, 42],
      ['commitment', 0, 20, 32],
      ['communication', 6, 20, 26],
    ]);
    expect(section).toMatch(/^\| Work overlap \| 70\.0% \\\[\d+\.\d, \d+\.\d\\\] \| 14\/20 \| 14\/20 \| 46\.7% \(14\/30\) \| 33\.2 \|$/m);
    expect(section).toContain('| Symptom | Human-coded: primary share [95% CI] | k/n | model-a: k/n | Any label (k/n) | Paper % |');
    expect(section).toContain('## Table 2, derived from the human-coded (gold set) primary symptoms');
    expect(section).toMatch(/^\| Expectation \| 70\.0% \\\[.*\\\] \(14\/20\) \| 42 \|$/m);
    expect(section).toContain('10 of 30 coded failed runs (33.3%); 6 more failed coop runs have no message at all');
    // The header of each table names only human-coded and paper columns.
    for (const header of section.split('\n').filter((l) => l.startsWith('| Symptom') || l.startsWith('| Cause'))) expect(header).not.toMatch(/heuristic|judge/i);
    expect(md).toContain('Measured values from people: see "Table 1, human-coded (gold set)"');
  });

  it('is its own booktabs table in LaTeX, escaped', () => {
    expect(tex).toContain('\\label{tab:failure-human-coded}');
    expect(tex).toMatch(/^Work overlap & 70\.0\\% \[\d+\.\d, \d+\.\d\] & 14\/20 & 46\.7\\% \(14\/30\) & 33\.2 \\\\$/m);
    expect(tex).toMatch(/^Expectation & 70\.0\\% \[.*\] & 14\/20 & & 42 \\\\$/m);
    for (const l of tex.split('\n').filter((x) => !x.startsWith('%'))) expect(l).not.toMatch(/(^|[^\\])%/);
  });

  it('is absent when the store holds no human-coded run', () => {
    expect(failureModesTable(complete).markdown).not.toContain('human-coded');
    expect(humanTable1Rows(complete)).toEqual([]);
  });
});

describe('heuristics that failed their gold-set validation', () => {
  const data = failureModesFixture({ judge: 'not-run', goldValidation: true });
  const { markdown: md, latex: tex } = failureModesTable(data);
  const row = (s: string) => table1Rows(data).find((r) => r.symptom === s)!;

  it('drop their Table 1 estimate and give the reason; a validated one keeps its number', () => {
    // overlapping edits (work overlap) and unanswered questions (unresponsiveness) fail; repetition passes.
    expect(row('work_overlap')).toMatchObject({ heuristic: null, heuristicFailed: 'overlapping_edits: kappa 0.03 < 0.40' });
    expect(row('unresponsiveness').heuristic).toBeNull();
    expect(row('unresponsiveness').heuristicFailed).toContain('precision 0.15 < 0.50 (2 of 13 detections right)');
    expect(row('repetition')).toMatchObject({ heuristic: { successes: 14, total: 80 }, heuristicFailed: null });
    expect(md).toMatch(/^\| Work overlap \| n\/a \| n\/a \| n\/a \| dropped: failed gold-set validation \(overlapping\\_edits: kappa 0\.03 \\< 0\.40\) \| 33\.2 \|$/m);
    expect(md).toMatch(/^\| Repetition \| n\/a \| n\/a \| n\/a \| 17\.5% \(14\/80\) \|/m);
    // The failed detectors' rates are nowhere in Table 1.
    const t1 = md.slice(md.indexOf('## Table 1: coordination'), md.indexOf('## Table 2'));
    expect(t1).not.toContain('(30/80)');
    expect(t1).not.toContain('(13/80)');
    expect(t1).toContain('Shown only when the detector passes its validation against the human-coded gold set (precision >= 0.50 and kappa >= 0.40');
  });

  it('are marked in the table of heuristics vs the gold set, with the floors', () => {
    const section = md.slice(md.indexOf('## Heuristics vs the human-coded gold set'));
    expect(section).toContain('| Precision | Recall | Kappa | Validated |');
    expect(section).toMatch(/^\| repetition \|.*\| yes \|$/m);
    expect(section).toMatch(/^\| overlapping\\_edits \|.*\| no: kappa 0\.03 \\< 0\.40 \|$/m);
    expect(section).toContain('precision \\>= 0.50 and kappa \\>= 0.40');
  });

  it('are dropped in LaTeX with a dagger and the reason in the footnote', () => {
    expect(tex).toMatch(/^Work overlap & n\/a & n\/a & n\/a & dropped: failed gold-set validation\$\^\\dagger\$ & 33\.2 \\\\$/m);
    expect(tex).toContain('Heuristic estimate dropped, its detector failed the gold-set validation: Work overlap (overlapping\\_edits: kappa 0.03 \\textless{} 0.40)');
  });

  it('without a gold set, keep every estimate and say it is not checked', () => {
    const plain = failureModesTable(notRun).markdown;
    expect(table1Rows(notRun).every((r) => r.heuristicFailed === null)).toBe(true);
    expect(plain).toContain('Not checked against human codes on these runs');
    expect(plain).not.toContain('dropped: failed');
  });
});

describe('latex', () => {
  const tex = failureModesTable(complete).latex;

  it('is two booktabs tables with the paper values, escaped', () => {
    for (const s of ['\\toprule', '\\midrule', '\\bottomrule', '\\label{tab:failure-symptoms}', '\\label{tab:failure-causes}', '\\end{table*}', '\\end{table}']) expect(tex).toContain(s);
    expect(tex).toContain('Symptom & Ours: primary share [95\\% CI] & $n$ & Any label & Heuristic & Paper \\% \\\\');
    expect(tex).toMatch(/^Work overlap & 33\.3\\% \[\d+\.\d, \d+\.\d\] & 20\/60 & 33\.3\\% \(24\/72\) & 37\.5\\% \(30\/80\) & 33\.2 \\\\$/m);
    expect(tex).toMatch(/^Expectation & 61\.7\\% \[.*\] \(37\/60\) & 42 \\\\$/m);
    expect(tex).toContain('Communication & ');
    expect(tex).toContain('Work overlap & Expectation & paper (\\S{}6 text) \\\\');
    expect(tex).toContain('rubrics comm\\_error: comm-error@2; symptoms: symptoms@1');
    expect(tex).toContain(TABLE2_DISCLAIMER.replace(/'/g, "'"));
    // every body row of the symptom table has 5 unescaped separators
    const body = tex.split('\n').filter((l) => l.endsWith('\\\\') && SYMPTOM_LABELS.work_overlap && l.replace(/\\&/g, '').split('&').length === 6);
    expect(body).toHaveLength(11);
    // no raw specials outside commands: every % is escaped except comment lines
    for (const l of tex.split('\n').filter((x) => !x.startsWith('%'))) expect(l).not.toMatch(/(^|[^\\])%/);
    expect(tex).not.toMatch(/synthetic/i);
  });

  it('escapes specials coming from the data (judge note, model, rubric names)', () => {
    const data = failureModesFixture();
    data.judge.note = 'cost $3 & 50% of #calls_{x} ~ ^';
    data.judge.model = 'vendor/model_v2';
    const t = failureModesTable(data).latex;
    expect(t).toContain('cost \\$3 \\& 50\\% of \\#calls\\_\\{x\\} \\textasciitilde{} \\textasciicircum{}');
    expect(t).toContain('vendor/model\\_v2');
    expect(failureModesTable(data).markdown).toContain('cost \\$3 & 50% of \\#calls\\_{x} \\~ ^');
  });

  it('says SYNTHETIC and judge-not-run in the caption when they apply', () => {
    const synth = failureModesTable(failureModesFixture({ synthetic: true, judge: 'not-run' })).latex;
    expect(synth).toContain('\\textbf{SYNTHETIC DEMO DATA --- not real agent runs (all 200 records are synthetic).}');
    expect(synth).toContain('\\textbf{LLM judge not run:');
  });
});

describe('writing the tables', () => {
  it('writes failure-modes.md and failure-modes.tex, byte-identical across runs', async () => {
    for (const judge of ['complete', 'not-run'] as const) {
      await expectByteIdenticalTableWrites('failure-modes', (dir) => writeFailureModesTable(failureModesFixture({ judge }), dir), `${judge} `);
    }
  });
});

describe('nx targets', () => {
  const PKG = JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../package.json'), 'utf8')) as {
    nx: { targets: Record<string, { command?: string; dependsOn?: unknown[]; inputs?: unknown[]; outputs?: string[] }> };
  };
  const t = PKG.nx.targets;
  const CLASSIFY = { projects: ['failure-modes'], target: 'classify' };
  const OUTPUT = { dependentTasksOutputFiles: '**/failure-modes.json' };

  it('fig6 runs after failure-modes:classify on data/failure-modes.json and writes its four files', () => {
    expect(t.fig6!.command).toBe('node packages/figures/bundle/cli.js fig6');
    expect(t.fig6!.dependsOn).toEqual(['compile', CLASSIFY]);
    expect(t.fig6!.inputs).toContainEqual(OUTPUT);
    expect(t.fig6!.inputs).toContain('^production');
    expect(t.fig6!.inputs).not.toContain('{projectRoot}/src/figures/fig4/**/*');
    expect(t.fig6!.inputs).not.toContain('{projectRoot}/src/figures/fig5/**/*');
    expect(t.fig6!.inputs).toContain('{projectRoot}/src/figures/fig6/**/*');
    expect(t.fig6!.inputs).toContain('{projectRoot}/src/render/**/*');
    expect(t.fig6!.inputs).toContain('{workspaceRoot}/data/reference/paper/*.csv');
    expect(t.fig6!.outputs).toEqual(['svg', 'png', 'pdf', 'csv'].map((e) => `{options.out}/fig6.${e}`));
  });

  it('failure-modes-table runs after failure-modes:classify and writes the two table files; build runs both', () => {
    const tt = t['failure-modes-table']!;
    expect(tt.command).toBe('node packages/figures/bundle/cli.js failure-modes-table');
    expect(tt.dependsOn).toEqual(['compile', CLASSIFY]);
    expect(tt.inputs).toContainEqual(OUTPUT);
    expect(tt.inputs).toContain('{projectRoot}/src/tables/**/*');
    // the escaping, labels and paper numbers it shares with the other table and the figures live in src/render
    expect(tt.inputs).toContain('{projectRoot}/src/render/**/*');
    expect(tt.inputs).toContain('{workspaceRoot}/data/reference/paper/*.csv');
    expect(tt.inputs!.some((i) => typeof i === 'string' && i.includes('/src/figures/'))).toBe(false);
    expect(tt.outputs).toEqual(['{options.out}/failure-modes.md', '{options.out}/failure-modes.tex']);
    expect(t.build!.dependsOn).toEqual(expect.arrayContaining(['fig6', 'failure-modes-table']));
  });
});
