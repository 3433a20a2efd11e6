import { describe, expect, it } from 'vitest';
import { escapeLatex, escapeMarkdown } from './render/escape.js';
import { formatPaper } from './render/paper.js';
import { qualitativeRows, qualitativeTable, writeQualitativeTable } from './tables/qualitative.js';
import { communicationFixture } from './test-support/communication-fixture.js';
import { paperCsv } from './test-support/paper-csv.js';
import { expectByteIdenticalTableWrites } from './test-support/write-twice.js';

/** The paper's §5 first-turn-Plan conflict rates (A / B), as read from paper_reference_numbers.csv. */
const ref = paperCsv();
const PFT = [ref.get('conflict_rate_first_turn_plan', 'all'), ref.get('conflict_rate_no_first_turn_plan', 'all')].map(formatPaper);

const fixture = communicationFixture();

describe('qualitative rows', () => {
  it('one row per comparison, then the first-turn-Plan and Plan:Question rows', () => {
    const rows = qualitativeRows(fixture);
    expect(rows.map((r) => [r.id, r.comparison])).toEqual([
      ['line_number_mentions', 'success vs failure'],
      ['file_path_mentions', 'success vs failure'],
      ['plan_messages', 'conflict vs no-conflict'],
      ['plan_messages', 'success vs failure'],
      ['odd_chars_%', 'conflict vs no-conflict'],
      [null, 'first-turn Plan vs none'],
      [null, 'no-conflict vs conflict'],
    ]);
    const line = rows[0]!;
    expect(line.a).toEqual({ group: 'success', value: '30.50', n: 8 });
    expect(line.b).toEqual({ group: 'failure', value: '21.25', n: 32 });
    expect(line.test?.p_value).toBe(0.041);
    expect(line.paper).toBe('32.6 / 22.5');
    expect(rows[1]!.paper).toBe('13.1 / 10.0');
    expect(rows[2]!.test?.p_value).toBe(0.00031); // the conflict test goes to the conflict row
    expect(rows[3]!.test?.p_value).toBeNull();
    expect(rows[5]!.a).toEqual({ group: 'with plan', value: '20.8%', n: 24 });
    expect(rows[5]!.paper).toBe(`${PFT[0]}% / ${PFT[1]}%`);
    expect(rows[6]!.paper).toBe('2.04 / 1.31');
  });

  it('matches tests and paper values to groups whatever the key spelling', () => {
    const data = communicationFixture();
    const q = data.qualitative[2]!;
    q.tests = { success_vs_failure: q.tests['success vs failure']!, conflict_vs_no_conflict: q.tests['conflict vs no-conflict']! };
    q.paper = { no_conflict: 2.5, extra_number: 7 };
    const rows = qualitativeRows(data).filter((r) => r.id === 'plan_messages');
    expect(rows[0]!.test?.p_value).toBe(0.00031);
    expect(rows[1]!.test?.p_value).toBeNull();
    expect(rows[0]!.paper).toBe('— / 2.5; extra_number: 7.0');
  });

  it('does not repeat the first-turn and Plan:Question rows when qualitative[] already lists them', () => {
    const data = communicationFixture();
    data.qualitative.push(
      {
        measure: 'first_turn_plan_conflict_rate',
        description: 'Conflict rate with/without a first-turn Plan',
        groups: { with_plan: { mean: data.first_turn_plan.with_plan.rate, n: 24 }, without_plan: { mean: data.first_turn_plan.without_plan.rate, n: 16 } },
        tests: { with_vs_without: data.first_turn_plan.test },
        paper: { with_plan: 0.294, without_plan: 0.515 },
      },
      {
        measure: 'share_by_model',
        description: 'Share per model',
        groups: { 'm1/coop-msg': { mean: 0.1, n: 3 }, 'm2/coop-msg': { mean: 0.2, n: 4 }, 'm3/coop-msg': { mean: 0.3, n: 5 } },
        tests: {},
        paper: { claude: 0.2 },
      },
    );
    const rows = qualitativeRows(data);
    const ft = rows.filter((r) => r.comparison.includes('plan') || r.comparison.includes('Plan'));
    expect(ft.map((r) => r.comparison)).toEqual(['with_plan vs without_plan']);
    expect(ft[0]!.test?.p_value).toBe(0.0493);
    expect(ft[0]!.paper).toBe('0.294 / 0.515');
    const share = rows.filter((r) => r.id === 'share_by_model');
    expect(share.map((r) => [r.comparison, r.a?.value, r.b])).toEqual([
      ['m1/coop-msg', '0.10', null],
      ['m2/coop-msg', '0.20', null],
      ['m3/coop-msg', '0.30', null],
    ]);
    expect(share[0]!.paper).toBe('claude: 0.2');
    expect(rows.at(-1)!.comparison).toBe('no-conflict vs conflict'); // Plan:Question is not listed: kept
  });

  it('formats paper numbers as printed', () => {
    expect(formatPaper(10)).toBe('10.0');
    expect(formatPaper(2.04)).toBe('2.04');
  });
});

describe('markdown table', () => {
  const md = qualitativeTable(fixture).markdown;
  it('has the header, the rows and the paper values', () => {
    const lines = md.split('\n');
    expect(lines).toContain('| Measure | Comparison (A vs B) | Ours: A | Ours: B | Test | Statistic | p | Paper (A / B) |');
    expect(lines).toContain(
      '| Line-number mentions per transcript (`line_number_mentions`) | success vs failure | 30.50 (n=8) | 21.25 (n=32) | mann-whitney-u (normal approximation, tie-corrected) | 170.00 | 0.041 | 32.6 / 22.5 |',
    );
    expect(lines).toContain('| Naive-merge conflict rate by a Plan message in the first turn | first-turn Plan vs none | 20.8% (n=24) | 50.0% (n=16) | fisher-exact (two-sided) | — | 0.049 | ' + `${PFT[0]}% / ${PFT[1]}% |`);
    expect(lines).toContain('| Plan:Question message ratio | no-conflict vs conflict | 2.20 | 1.25 | — | — | — | 2.04 / 1.31 |');
    // every table row has the same number of unescaped separators
    const tableLines = lines.filter((l) => l.startsWith('|'));
    for (const l of tableLines) expect(l.replace(/\\\|/g, '').split('|')).toHaveLength(10);
    expect(md).not.toMatch(/synthetic/i);
  });

  it('escapes markdown specials', () => {
    expect(escapeMarkdown('a|b *c* _d_ #e $f$ ~g <h>')).toBe('a\\|b \\*c\\* \\_d\\_ \\#e \\$f\\$ \\~g \\<h\\>');
    expect(md).toContain('Share of "Plan & Ack" messages (100% = all; \\#msgs\\_{plan} \\~ \\$x^2\\$ \\\\ {braces})');
  });

  it('says SYNTHETIC visibly for synthetic data', () => {
    const synth = qualitativeTable(communicationFixture({ synthetic: true })).markdown;
    expect(synth).toContain('> **SYNTHETIC DEMO DATA — not real agent runs (all 160 records are synthetic)**');
  });

  it('says how many untimed conversations the first-turn rows exclude, and only when it excludes them', () => {
    const untimed = { ...fixture, parameters: { ...fixture.parameters, untimed_conversations: 7, untimed_first_turn: 'exclude' } };
    const table = qualitativeTable(untimed);
    expect(table.markdown).toMatch(/Note: 7 of \d+ conversations carry no timestamps .* exclude them/);
    expect(table.latex).toContain('Note: 7 of');
    const kept = { ...untimed, parameters: { ...untimed.parameters, untimed_first_turn: 'stored-order' } };
    expect(qualitativeTable(kept).markdown).not.toContain('carry no timestamps');
    const none = { ...fixture, parameters: { ...fixture.parameters, untimed_conversations: 0, untimed_first_turn: 'exclude' } };
    expect(qualitativeTable(none).markdown).not.toContain('carry no timestamps');
  });
});

describe('latex table', () => {
  const tex = qualitativeTable(fixture).latex;
  it('is a booktabs table with the rows and test footnotes', () => {
    for (const s of ['\\toprule', '\\midrule', '\\bottomrule', '\\begin{tabular}', '\\end{table*}', '\\label{tab:qualitative-coordination}']) expect(tex).toContain(s);
    expect(tex).toContain('Line-number mentions per transcript & success vs failure & 30.50 ($n{=}8$) & 21.25 ($n{=}32$) & 170.00\\textsuperscript{a} & 0.041 & 32.6 / 22.5 \\\\');
    expect(tex).toContain('& 95.50\\textsuperscript{a} & $<$0.001 & --- \\\\');
    expect(tex).toContain('20.8\\% ($n{=}24$) & 50.0\\% ($n{=}16$) & ---\\textsuperscript{c} & 0.049 & ' + `${PFT[0]}\\% / ${PFT[1]}\\% \\\\`);
    expect(tex).toContain('\\textsuperscript{a}mann-whitney-u (normal approximation, tie-corrected); \\textsuperscript{b}mann-whitney-u; \\textsuperscript{c}fisher-exact (two-sided).');
    // rows: 7 data rows + header, each with 6 column separators
    const body = tex.split('\n').filter((l) => l.endsWith('\\\\'));
    expect(body).toHaveLength(8);
    for (const l of body) expect(l.replace(/\\&/g, '').split('&')).toHaveLength(7);
    expect(tex).not.toMatch(/synthetic/i);
  });

  it('escapes LaTeX specials in one pass', () => {
    expect(escapeLatex('a_b & 50% #1 $x$ {y} ~ ^ \\ <>')).toBe(
      'a\\_b \\& 50\\% \\#1 \\$x\\$ \\{y\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\textless{}\\textgreater{}',
    );
    expect(escapeLatex('x — y')).toBe('x --- y');
    expect(tex).toContain(
      'Share of "Plan \\& Ack" messages (100\\% = all; \\#msgs\\_\\{plan\\} \\textasciitilde{} \\$x\\textasciicircum{}2\\$ \\textbackslash{} \\{braces\\})',
    );
  });

  it('says SYNTHETIC in the caption for synthetic data', () => {
    const synth = qualitativeTable(communicationFixture({ synthetic: true })).latex;
    expect(synth).toContain('\\textbf{SYNTHETIC DEMO DATA --- not real agent runs (all 160 records are synthetic).}');
  });
});

describe('writing the table', () => {
  it('writes qualitative.md and qualitative.tex, byte-identical across runs', async () => {
    await expectByteIdenticalTableWrites('qualitative', (dir) => writeQualitativeTable(communicationFixture(), dir));
  });
});
