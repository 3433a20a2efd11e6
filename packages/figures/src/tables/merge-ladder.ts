import { type LadderRow, type LadderStepName, type OutcomesFile } from '@cooperbench-repro/contracts';
import { paperNumbers } from '@cooperbench-repro/public-data';
import { toCsv, type CsvRow } from '../render/csv.js';
import { escapeLatex, escapeMarkdown } from '../render/escape.js';
import { datasetPairs, formatPaper, PAPER_MODELS, paperRowLabel } from '../render/paper.js';
import { armLabel } from '../render/style.js';
import { dataWarning, wilsonText } from '../render/subtitle.js';
import { eraLabel, policyCaption } from '../render/outcomes-captions.js';
import { writeTableFiles } from './write-table-files.js';

/**
 * The merge-outcome ladder, the analogue of the paper's Table 6 (App. E): per model, arm and eval era,
 * the share of pairs passing with the naive merge alone and after each later merge step of that era
 * (cumulative k/n), the success under the policies with its Wilson interval, and the paper's
 * naive / union / LLM columns (percent of its 652 pairs) as "Paper: …" rows below.
 */

export const MERGE_LADDER_CSV_COLUMNS = [
  'source', 'model', 'arm', 'era', 'n', 'records', 'missing', 'unknown', 'excluded',
  'naive_k', 'naive_rate', 'union_k', 'union_rate', 'identical_k', 'identical_rate', 'solo_agent1_k', 'solo_agent1_rate', 'llm_rate',
  'final_k', 'final_rate', 'final_ci_low', 'final_ci_high', 'unmergeable', 'solo_agent1_passes', 'paper_column', 'paper_setting',
] as const;

const STEP_COLUMNS: readonly LadderStepName[] = ['naive', 'union', 'identical', 'solo-agent1'];
const STEP_HEADERS: Record<LadderStepName, string> = { naive: 'Naive', union: '+ Union', identical: '+ Identical', 'solo-agent1': '+ Agent 1 alone' };

/** One printed row: ours (cells k/n) or the paper's (cells in percent of its pairs). */
export interface MergeLadderRow {
  source: 'data' | 'paper';
  model: string;
  arm: string;
  era: string;
  cells: Record<LadderStepName | 'llm' | 'final', string>;
  notes: string;
  csv: CsvRow;
}

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
const round = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);
const kn = (k: number, n: number, rate: number | null) => (n === 0 ? '—' : `${k}/${n} = ${pct(rate)}`);

function ownRow(l: LadderRow): MergeLadderRow {
  const step = (s: LadderStepName) => l.steps.find((x) => x.step === s) ?? null;
  const f = l.final;
  const notes = [
    l.unmergeable > 0 ? `${l.unmergeable} unmergeable (failures)` : '',
    f.unknown > 0 ? `${f.unknown} unknown${f.excluded > 0 ? ' (left out of n)' : ' (failures)'}` : '',
    f.missing > 0 ? `${f.missing} planned pairs never run (failures)` : '',
    l.solo_agent1_passes > 0 ? `${l.solo_agent1_passes} agent-1-alone pass${l.solo_agent1_passes === 1 ? '' : 'es'}` : '',
    l.paper_column && l.paper_setting ? `compare: paper ${l.paper_column === 'union' ? 'Union' : 'Naive'} (${l.paper_setting === 'comm' ? 'with comm' : 'no comm'})` : 'no paper arm to compare',
  ].filter(Boolean);
  const cells = Object.fromEntries(STEP_COLUMNS.map((s) => [s, step(s) ? kn(step(s)!.successes, step(s)!.total, step(s)!.rate) : '—'])) as MergeLadderRow['cells'];
  cells.llm = '—';
  cells.final = f.total === 0 ? '—' : `${kn(f.successes, f.total, f.rate)} [${pct(f.ci_low)}, ${pct(f.ci_high)}]`;
  const stepCsv = Object.fromEntries(STEP_COLUMNS.flatMap((s) => [[`${s.replace('-', '_')}_k`, step(s)?.successes ?? null], [`${s.replace('-', '_')}_rate`, round(step(s)?.rate ?? null)]]));
  return {
    source: 'data',
    model: l.model,
    arm: armLabel(l.arm),
    era: eraLabel(l.era),
    cells,
    notes: notes.join('; '),
    csv: {
      source: 'data', model: l.model, arm: l.arm, era: l.era, n: f.total, records: f.records, missing: f.missing, unknown: f.unknown, excluded: f.excluded, ...stepCsv,
      final_k: f.successes, final_rate: round(f.rate), final_ci_low: round(f.ci_low), final_ci_high: round(f.ci_high),
      unmergeable: l.unmergeable, solo_agent1_passes: l.solo_agent1_passes, paper_column: l.paper_column, paper_setting: l.paper_setting,
    },
  };
}

/** The paper's Table 6 for its five models and their average: with comm (coop-msg) and no comm (coop-nomsg). */
function paperRows(): MergeLadderRow[] {
  const models = [...PAPER_MODELS.map((m) => ({ key: m.key as string, label: paperRowLabel(m) })), { key: 'avg', label: 'Paper: average' }];
  const n = datasetPairs();
  return models.flatMap(({ key, label }) =>
    (['comm', 'nocomm'] as const).map((setting) => {
      const printed = (col: 'naive' | 'union' | 'llm') => paperNumbers().value(`table6_merge_success_${setting}_${col}`, key);
      const v = (col: 'naive' | 'union' | 'llm') => printed(col) / 100;
      const cell = (col: 'naive' | 'union' | 'llm') => `${formatPaper(printed(col))}%`;
      const arm = setting === 'comm' ? 'coop-msg' : 'coop-nomsg';
      return {
        source: 'paper' as const,
        model: label,
        arm: armLabel(arm),
        era: 'paper (naive, then union, then LLM)',
        cells: { naive: cell('naive'), union: cell('union'), identical: '—', 'solo-agent1': '—', llm: cell('llm'), final: cell('llm') },
        notes: `% of ${n} pairs`,
        csv: { source: 'paper', model: label, arm, era: 'paper', n, naive_rate: round(v('naive')), union_rate: round(v('union')), llm_rate: round(v('llm')), final_rate: round(v('llm')), paper_setting: setting },
      };
    }),
  );
}

export function mergeLadderRows(data: OutcomesFile, opts: { paperReference: boolean }): MergeLadderRow[] {
  return [...data.ladder.map(ownRow), ...(opts.paperReference ? paperRows() : [])];
}

function caption(data: OutcomesFile): string {
  return (
    'Success (both features pass) after each merge step, cumulative k/n; the last column is the success under the policies with its ' +
    `${wilsonText(data.options.confidence)} interval. ${policyCaption(data)} ` +
    'Union era (upstream <= 0.0.15): naive merge, then union merge; a pair both merges fail on (unmergeable) is a failure. ' +
    'Agent-1 era (>= 0.0.16): identical patches tested once, naive merge, then agent 1\u2019s patch alone (solo-agent1); no union. ' +
    'Paper rows: the paper\u2019s Table 6 (OpenHands, % of its pairs; naive, union, then an LLM resolver), no intervals. Compare a union-era ' +
    'row\u2019s success with the paper\u2019s Union column and an agent-1-era row\u2019s with its Naive column; the LLM column has no analogue here.'
  );
}

const HEADERS = ['Model', 'Arm', 'Era', ...STEP_COLUMNS.map((s) => STEP_HEADERS[s]), '+ LLM (paper)', 'Success (policies)', 'Notes'];
const cellsOf = (r: MergeLadderRow) => [r.model, r.arm, r.era, ...STEP_COLUMNS.map((s) => r.cells[s]), r.cells.llm, r.cells.final, r.notes];

export function renderMergeLadderMarkdown(data: OutcomesFile, rows: readonly MergeLadderRow[], source: string): string {
  const out = ['# Merge-outcome ladder (paper Table 6 analogue)', ''];
  const synth = dataWarning(data.inputs.records, data.inputs.synthetic_records);
  if (synth) out.push(`> **${escapeMarkdown(synth)}**`, '');
  out.push(`Source: \`${source}\`. ${escapeMarkdown(caption(data))}`, '');
  out.push(`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map((_, i) => (i < 3 || i === HEADERS.length - 1 ? '---' : '---:')).join('|')}|`);
  if (rows.length === 0) out.push(`| ${['No coop records', ...HEADERS.slice(1).map(() => '—')].join(' | ')} |`);
  for (const r of rows) out.push(`| ${cellsOf(r).map(escapeMarkdown).join(' | ')} |`);
  out.push('');
  return out.join('\n');
}

export function renderMergeLadderLatex(data: OutcomesFile, rows: readonly MergeLadderRow[], source: string): string {
  const synth = dataWarning(data.inputs.records, data.inputs.synthetic_records);
  const out = [
    `% Generated by @cooperbench-repro/figures (merge-ladder) from ${source.replace(/\r?\n/g, ' ')}; do not edit by hand.`,
    '% Requires \\usepackage{booktabs}.',
    '\\begin{table}[t]',
    '\\centering',
    '\\scriptsize',
    `\\caption{Merge-outcome ladder (CooperBench Table 6 analogue).${synth ? ` \\textbf{${escapeLatex(synth)}.}` : ''} ${escapeLatex(caption(data))}}`,
    '\\label{tab:merge-ladder}',
    '\\begin{tabular}{@{}lll rrrrrr p{4cm}@{}}',
    '\\toprule',
    `${HEADERS.map(escapeLatex).join(' & ')} \\\\`,
    '\\midrule',
  ];
  rows.forEach((r, i) => {
    if (r.source === 'paper' && rows[i - 1]?.source === 'data') out.push('\\midrule');
    out.push(`${cellsOf(r).map(escapeLatex).join(' & ')} \\\\`);
  });
  out.push('\\bottomrule', '\\end{tabular}', '\\end{table}', '');
  return out.join('\n');
}

/** Writes `<outDir>/merge-ladder.{md,tex,csv}`, each atomically. */
export async function writeMergeLadder(data: OutcomesFile, outDir: string, opts: { paperReference: boolean; source: string }) {
  const rows = mergeLadderRows(data, opts);
  const files = await writeTableFiles(outDir, 'merge-ladder', {
    md: renderMergeLadderMarkdown(data, rows, opts.source),
    tex: renderMergeLadderLatex(data, rows, opts.source),
    csv: toCsv(MERGE_LADDER_CSV_COLUMNS, rows.map((r) => r.csv)),
  });
  return { rows, files };
}
