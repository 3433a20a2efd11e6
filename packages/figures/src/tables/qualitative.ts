import { type CommunicationFile, type Interval, type TestResult } from '@cooperbench-repro/contracts';
import { escapeLatex, escapeMarkdown } from '../render/escape.js';
import { formatPaper, paperFirstTurnPlanConflictPct } from '../render/paper.js';
import { dataWarning } from '../render/subtitle.js';
import { writeMarkdownAndLatex } from './write-table-files.js';

/**
 * The qualitative coordination table (paper §5): per-transcript measures compared between groups
 * (conflict vs no-conflict, success vs failure), the first-turn-Plan conflict rates and the Plan:Question
 * ratio, with our group means and n, the test statistic and p-value, and the paper's values.
 * One row per comparison; written as Markdown and as a booktabs LaTeX table, deterministically.
 */

export interface TableCell {
  group: string;
  value: string;
  n: number | null;
}

export interface QualitativeRow {
  /** Human description of the measure. */
  label: string;
  /** Machine id (`qualitative[].measure`), null for the derived rows. */
  id: string | null;
  /** e.g. "conflict vs no-conflict". */
  comparison: string;
  a: TableCell | null;
  b: TableCell | null;
  test: TestResult | null;
  /** The paper's values for the two groups, formatted, or "" when it reports none. */
  paper: string;
}

export interface QualitativeTable {
  rows: QualitativeRow[];
  markdown: string;
  latex: string;
}

export interface QualitativeTableOptions {
  source?: string;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Group names that mean the same thing, normalised; the first of each list is the canonical one. */
const ALIASES: string[][] = [
  ['noconflict', 'conflictfree', 'noconflicts', 'withoutconflict'],
  ['conflict', 'conflicts', 'withconflict'],
  ['success', 'successful', 'succeeded', 'pass', 'passed'],
  ['failure', 'failed', 'fail', 'failures'],
];
const KNOWN_PAIRS: [string, string][] = [
  ['conflict', 'noconflict'],
  ['success', 'failure'],
];

function canonical(group: string): string {
  const n = norm(group);
  return ALIASES.find((a) => a.includes(n))?.[0] ?? n;
}

function findKey(record: Record<string, unknown>, canon: string): string | undefined {
  return Object.keys(record).find((k) => canonical(k) === canon);
}

/** Whether a test's key names both groups (e.g. "conflict_vs_no_conflict" for conflict / no-conflict). */
function testMatches(key: string, a: string, b: string): boolean {
  let k = norm(key);
  for (const g of [norm(a), norm(b)].sort((x, y) => y.length - x.length)) {
    const i = k.indexOf(g);
    if (i === -1) return false;
    k = k.slice(0, i) + '|' + k.slice(i + g.length);
  }
  return true;
}

export function formatMean(x: number | null): string {
  return x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(2);
}

export function formatStatistic(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '—' : x.toFixed(2);
}

export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

function pctCell(group: string, iv: Interval): TableCell {
  return { group, value: iv.rate === null ? 'n/a' : `${(iv.rate * 100).toFixed(1)}%`, n: iv.total };
}

export function qualitativeRows(data: CommunicationFile): QualitativeRow[] {
  const rows: QualitativeRow[] = [];
  for (const q of data.qualitative) {
    const groupKeys = Object.keys(q.groups);
    const pairs: [string, string | null][] = [];
    const used = new Set<string>();
    for (const [ca, cb] of KNOWN_PAIRS) {
      const a = findKey(q.groups, ca);
      const b = findKey(q.groups, cb);
      if (a === undefined && b === undefined) continue;
      if (a !== undefined) used.add(a);
      if (b !== undefined) used.add(b);
      if (a !== undefined && b !== undefined) pairs.push([a, b]);
      else pairs.push([(a ?? b)!, null]);
    }
    const rest = groupKeys.filter((g) => !used.has(g));
    // Two other groups form one comparison; more than two (e.g. one group per model) get a row each.
    if (rest.length === 2) pairs.push([rest[0]!, rest[1]!]);
    else for (const g of rest) pairs.push([g, null]);

    const tests = Object.entries(q.tests);
    const assigned = new Map<number, [string, TestResult]>();
    const usedTests = new Set<string>();
    pairs.forEach(([a, b], i) => {
      if (b === null) return;
      const hit = tests.find(([k]) => !usedTests.has(k) && testMatches(k, a, b));
      if (hit) {
        assigned.set(i, hit);
        usedTests.add(hit[0]);
      }
    });
    const leftover = tests.filter(([k]) => !usedTests.has(k));
    if (pairs.length === 1 && leftover.length === 1 && !assigned.has(0)) {
      assigned.set(0, leftover[0]!);
      usedTests.add(leftover[0]![0]);
    }

    const paper = q.paper ?? {};
    const paperUsed = new Set<string>();
    pairs.forEach(([a, b], i) => {
      const cell = (g: string | null): TableCell | null => (g === null ? null : { group: g, value: formatMean(q.groups[g]!.mean), n: q.groups[g]!.n });
      const pa = findKey(paper, canonical(a));
      const pb = b === null ? undefined : findKey(paper, canonical(b));
      let paperText = '';
      if (pa !== undefined || pb !== undefined) {
        paperText = `${pa !== undefined ? formatPaper(paper[pa]!) : '—'} / ${pb !== undefined ? formatPaper(paper[pb]!) : '—'}`;
        if (pa !== undefined) paperUsed.add(pa);
        if (pb !== undefined) paperUsed.add(pb);
      }
      rows.push({
        label: q.description,
        id: q.measure,
        comparison: b === null ? a : `${a} vs ${b}`,
        a: cell(a),
        b: cell(b),
        test: assigned.get(i)?.[1] ?? null,
        paper: paperText,
      });
    });
    for (const [key, test] of tests.filter(([k]) => !usedTests.has(k))) {
      rows.push({ label: q.description, id: q.measure, comparison: key, a: null, b: null, test, paper: '' });
    }
    // Paper values that name no group of ours: keep them visible on the measure's first row.
    const unusedPaper = Object.keys(paper).filter((k) => !paperUsed.has(k));
    if (unusedPaper.length > 0) {
      const first = rows.find((r) => r.id === q.measure);
      const extra = unusedPaper.map((k) => `${k}: ${formatPaper(paper[k]!)}`).join('; ');
      if (first) first.paper = first.paper ? `${first.paper}; ${extra}` : extra;
      else rows.push({ label: q.description, id: q.measure, comparison: '', a: null, b: null, test: null, paper: extra });
    }
  }

  // The dedicated first_turn_plan / plan_question_ratio fields get their own rows unless qualitative[]
  // already holds a measure with exactly those numbers (the producer may list them there too).
  const same = (x: number | null | undefined, y: number | null) => (x ?? null) === y || (x != null && y !== null && Math.abs(x - y) < 1e-12);
  const listed = (a: number | null, b: number | null) =>
    data.qualitative.some((q) => {
      const means = Object.values(q.groups).map((g) => g.mean);
      return means.length === 2 && ((same(means[0], a) && same(means[1], b)) || (same(means[0], b) && same(means[1], a)));
    });
  const ft = data.first_turn_plan;
  const pft = paperFirstTurnPlanConflictPct();
  if (!listed(ft.with_plan.rate, ft.without_plan.rate)) rows.push({
    label: 'Naive-merge conflict rate by a Plan message in the first turn',
    id: null,
    comparison: 'first-turn Plan vs none',
    a: pctCell('with plan', ft.with_plan),
    b: pctCell('without plan', ft.without_plan),
    test: ft.test,
    paper: `${formatPaper(pft.with_plan)}% / ${formatPaper(pft.without_plan)}%`,
  });
  const pq = data.plan_question_ratio;
  if (!listed(pq.no_conflict, pq.conflict)) rows.push({
    label: 'Plan:Question message ratio',
    id: null,
    comparison: 'no-conflict vs conflict',
    a: { group: 'no-conflict', value: formatMean(pq.no_conflict), n: null },
    b: { group: 'conflict', value: formatMean(pq.conflict), n: null },
    test: null,
    paper: `${formatPaper(pq.paper.no_conflict)} / ${formatPaper(pq.paper.conflict)}`,
  });
  return rows;
}

const synthNote = (data: CommunicationFile) => dataWarning(data.inputs.records, data.inputs.synthetic_records);

/** Transcripts without timestamps leave the first turn unknown; say how many were excluded and why. */
export function untimedNote(data: CommunicationFile): string | null {
  const untimed = Number(data.parameters.untimed_conversations ?? 0);
  const rule = String(data.parameters.untimed_first_turn ?? '');
  if (!(untimed > 0) || rule !== 'exclude') return null;
  return (
    `${untimed} of ${data.inputs.conversations_with_messages} conversations carry no timestamps (mini_swe_agent_v2 records none), so the order across agents is unknown; ` +
    'the first-turn rows exclude them (parameter untimed_first_turn = exclude).'
  );
}

const cellText = (c: TableCell | null) => (c === null ? '—' : c.n === null ? c.value : `${c.value} (n=${c.n})`);

// ---- Markdown ----------------------------------------------------------------------------------------

export function renderMarkdown(data: CommunicationFile, rows: readonly QualitativeRow[], source: string): string {
  const out: string[] = ['# Qualitative coordination measures (paper §5)', ''];
  const synth = synthNote(data);
  if (synth) out.push(`> **${escapeMarkdown(synth)}**`, '');
  out.push(
    `Source: \`${source}\` (${data.inputs.records} run records, ${data.inputs.conversations_with_messages} conversations with messages). ` +
      'Group A and B are the two groups of the comparison, as named there; values are group means (rates for the first-turn row) with n. ' +
      'Paper: the values the paper reports for the same two groups (A / B).',
    '',
    '| Measure | Comparison (A vs B) | Ours: A | Ours: B | Test | Statistic | p | Paper (A / B) |',
    '|---|---|---:|---:|---|---:|---:|---:|',
  );
  const untimed = untimedNote(data);
  for (const r of rows) {
    const label = r.id === null ? escapeMarkdown(r.label) : `${escapeMarkdown(r.label)} (\`${r.id.replace(/[`|]/g, '?')}\`)`;
    out.push(
      `| ${[
        label,
        escapeMarkdown(r.comparison),
        escapeMarkdown(cellText(r.a)),
        escapeMarkdown(cellText(r.b)),
        r.test ? escapeMarkdown(r.test.test) : '—',
        formatStatistic(r.test?.statistic ?? null),
        escapeMarkdown(formatPValue(r.test?.p_value ?? null)),
        r.paper ? escapeMarkdown(r.paper) : '—',
      ].join(' | ')} |`,
    );
  }
  if (untimed) out.push('', `Note: ${escapeMarkdown(untimed)}`);
  out.push('');
  return out.join('\n');
}

// ---- LaTeX -------------------------------------------------------------------------------------------

export function renderLatex(data: CommunicationFile, rows: readonly QualitativeRow[], source: string): string {
  // Test names become footnote letters, in order of first use.
  const tests: string[] = [];
  for (const r of rows) if (r.test && !tests.includes(r.test.test)) tests.push(r.test.test);
  const mark = (t: TestResult | null) => (t === null ? '' : `\\textsuperscript{${String.fromCharCode(97 + tests.indexOf(t.test))}}`);
  const synth = synthNote(data);
  const out: string[] = [
    `% Generated by @cooperbench-repro/figures (qualitative-table) from ${source.replace(/\r?\n/g, ' ')}; do not edit by hand.`,
    '% Requires \\usepackage{booktabs} and \\usepackage{array}.',
  ];
  if (synth) out.push(`% ${synth}`);
  out.push(
    '\\begin{table*}[t]',
    '\\centering',
    '\\small',
    `\\caption{Qualitative coordination measures (CooperBench \\S5): ours vs.\\ the paper.${synth ? ` \\textbf{${escapeLatex(synth)}.}` : ''} ` +
      'A and B are the two groups of each comparison; cells give group means (rates for the first-turn row) with $n$.}',
    '\\label{tab:qualitative-coordination}',
    '\\begin{tabular}{@{}>{\\raggedright\\arraybackslash}p{0.3\\linewidth}lrrrrr@{}}',
    '\\toprule',
    'Measure & Comparison (A vs.\\ B) & Ours: A & Ours: B & Statistic & $p$ & Paper (A / B) \\\\',
    '\\midrule',
  );
  const latexCell = (c: TableCell | null) => (c === null ? '---' : c.n === null ? escapeLatex(c.value) : `${escapeLatex(c.value)} ($n{=}${c.n}$)`);
  for (const r of rows) {
    const p = r.test?.p_value ?? null;
    const pText = p !== null && Number.isFinite(p) && p < 0.001 ? '$<$0.001' : escapeLatex(formatPValue(p));
    const stat = r.test ? `${escapeLatex(formatStatistic(r.test.statistic))}${mark(r.test)}` : '---';
    out.push(
      `${[escapeLatex(r.label), escapeLatex(r.comparison), latexCell(r.a), latexCell(r.b), stat, pText, r.paper ? escapeLatex(r.paper) : '---'].join(' & ')} \\\\`,
    );
  }
  out.push('\\bottomrule', '\\end{tabular}');
  if (tests.length > 0) {
    out.push(
      '',
      '\\smallskip',
      `{\\footnotesize ${tests.map((t, i) => `\\textsuperscript{${String.fromCharCode(97 + i)}}${escapeLatex(t)}`).join('; ')}.\\par}`,
    );
  }
  const untimed = untimedNote(data);
  if (untimed) out.push('', '\\smallskip', `{\\footnotesize Note: ${escapeLatex(untimed)}\\par}`);
  out.push('\\end{table*}', '');
  return out.join('\n');
}

export function qualitativeTable(data: CommunicationFile, opts: QualitativeTableOptions = {}): QualitativeTable {
  const source = opts.source ?? 'data/communication.json';
  const rows = qualitativeRows(data);
  return { rows, markdown: renderMarkdown(data, rows, source), latex: renderLatex(data, rows, source) };
}

/** Writes `<outDir>/qualitative.md` and `<outDir>/qualitative.tex`, each atomically. */
export function writeQualitativeTable(data: CommunicationFile, outDir: string, opts: QualitativeTableOptions = {}): Promise<QualitativeTable & { files: { md: string; tex: string } }> {
  return writeMarkdownAndLatex(outDir, 'qualitative', qualitativeTable(data, opts));
}
