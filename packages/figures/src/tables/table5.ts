import { describePolicy, type DifficultyFile, type Interval } from '@cooperbench-repro/contracts';
import { toCsv, type CsvRow } from '../render/csv.js';
import { escapeLatex, escapeMarkdown } from '../render/escape.js';
import { PAPER_MODELS, paperTable5, paperRowLabel } from '../render/paper.js';
import { POOLED_MODEL } from '../render/style.js';
import { dataWarning } from '../render/subtitle.js';
import { writeTableFiles } from './write-table-files.js';

/**
 * Table 5 of the paper for your runs: per model, Solo and Coop (with messaging) success k/n with Wilson
 * intervals over the pairs with a known outcome, the AUC of each difficulty curve, ΔAUC and retention,
 * and the paper's five models beside them (k of its 652 pairs, AUC, retention).
 */

export const TABLE5_COOP_ARM = 'coop-msg';

export const TABLE5_CSV_COLUMNS = [
  'source', 'model', 'solo_k', 'solo_n', 'solo_unknown', 'solo_rate', 'solo_ci_low', 'solo_ci_high',
  'coop_k', 'coop_n', 'coop_unknown', 'coop_rate', 'coop_ci_low', 'coop_ci_high', 'auc_solo', 'auc_coop', 'delta_auc', 'retention',
] as const;

export interface Table5Row {
  source: 'data' | 'paper';
  model: string;
  solo: Interval | null;
  coop: Interval | null;
  auc_solo: number | null;
  auc_coop: number | null;
  delta_auc: number | null;
  retention: number | null;
}

const round = (x: number | null, digits = 6) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

const ERA_SHORT: Record<string, string> = { 'union-era': 'upstream ≤ 0.0.15', 'agent1-era': 'upstream ≥ 0.0.16', 'all-eras': 'eras pooled', unknown: 'era unknown' };

/** Why the pooled row is left out, or null when it is drawn. */
function pooledOmitted(data: DifficultyFile, models: string[]): string | null {
  if (models.length <= 1) return 'no pooled row: one model';
  const coop = data.comparisons.filter((c) => c.model === POOLED_MODEL && c.arm === TABLE5_COOP_ARM);
  if (coop.length > 1 || coop.some((c) => c.models.length < models.length)) return 'no pooled row: the models’ Coop results come from different eval eras, which are never pooled';
  return null;
}

/** Per model one row per eval era of its Coop results (one row when it has one era or none). */
function ownRows(data: DifficultyFile): Table5Row[] {
  const models = [...new Set(data.overall.map((o) => o.model))].filter((m) => m !== POOLED_MODEL).sort();
  const withPooled = pooledOmitted(data, models) === null ? [...models, POOLED_MODEL] : models;
  const multiEra = new Set(data.overall.filter((o) => o.arm === TABLE5_COOP_ARM).map((o) => o.era)).size > 1;
  return withPooled.flatMap((model) => {
    const solo = data.overall.find((o) => o.model === model && o.arm === 'solo') ?? null;
    const coops = data.overall.filter((o) => o.model === model && o.arm === TABLE5_COOP_ARM);
    return (coops.length > 0 ? coops : [null]).map((coop): Table5Row => {
      const cmp = coop ? (data.comparisons.find((c) => c.model === model && c.arm === TABLE5_COOP_ARM && c.era === coop.era) ?? null) : null;
      const label = coop && multiEra ? `${model} (Coop: ${ERA_SHORT[coop.era] ?? coop.era})` : model;
      return { source: 'data', model: label, solo, coop, auc_solo: cmp?.auc_solo ?? null, auc_coop: cmp?.auc_arm ?? null, delta_auc: cmp?.delta_auc ?? null, retention: cmp?.retention ?? null };
    });
  });
}

function paperRows(): Table5Row[] {
  return [...PAPER_MODELS.map((m) => ({ key: m.key, label: paperRowLabel(m) })), { key: 'pooled' as const, label: 'Paper: pooled' }].map(({ key, label }) => {
    const p = paperTable5(key);
    const interval = (k: number | null): Interval | null => (k === null ? null : { successes: k, total: p.pairs, unknown: 0, rate: k / p.pairs, ci_low: null, ci_high: null });
    return { source: 'paper', model: label, solo: interval(p.solo), coop: interval(p.coop), auc_solo: p.auc_solo, auc_coop: p.auc_coop, delta_auc: p.delta_auc, retention: p.retention };
  });
}

export function table5Rows(data: DifficultyFile, opts: { paperReference: boolean }): Table5Row[] {
  return [...ownRows(data), ...(opts.paperReference ? paperRows() : [])];
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null, d = 3) => (x === null ? '—' : x.toFixed(d));

function successCell(i: Interval | null, paper: boolean): string {
  if (!i || i.total === 0) return '—';
  const ci = paper || i.ci_low === null ? '' : ` [${pct(i.ci_low)}, ${pct(i.ci_high)}]`;
  const unknown = i.unknown > 0 ? `, ${i.unknown} unknown` : '';
  return `${i.successes}/${i.total} = ${pct(i.rate)}${ci}${unknown}`;
}

function caption(data: DifficultyFile): string {
  const conf = Math.round(data.options.confidence * 100);
  const own = data.overall.filter((o) => o.model !== POOLED_MODEL);
  const models = [...new Set(own.map((o) => o.model))];
  const n =
    data.options.unknown_outcomes === 'exclude'
      ? 'k/n over the records with a known outcome (unknown outcomes left out of n, their count shown)'
      : 'k/n over every record and every planned pair never run (unknown outcomes, whose count is shown, counted as failures, as the paper counts)';
  const omitted = pooledOmitted(data, models);
  return (
    `Success ${n}, Wilson ${conf}% intervals; Coop = arm ${TABLE5_COOP_ARM}. ` +
    `P${describePolicy(data.options, { missing: own.reduce((s, o) => s + o.missing, 0), soloAgent1: own.reduce((s, o) => s + o.solo_agent1, 0) }).slice(1)}. ` +
    `AUC: trapezoid over the populated difficulty buckets (difficulty_average = ${data.options.difficulty_average}); retention = AUC_coop / AUC_solo. ` +
    (omitted ? `${omitted[0]!.toUpperCase()}${omitted.slice(1)}. ` : '') +
    'Paper rows: Table 5 of the paper over its 652 pairs (its counts; no intervals printed).'
  );
}

export function renderTable5Markdown(data: DifficultyFile, rows: readonly Table5Row[], source: string): string {
  const out = ['# Table 5: Solo vs Coop success and difficulty-curve AUC', ''];
  const synth = dataWarning(data.inputs.records, data.inputs.synthetic_records);
  if (synth) out.push(`> **${escapeMarkdown(synth)}**`, '');
  out.push(`Source: \`${source}\`. ${escapeMarkdown(caption(data))}`, '', '| Model | Solo | Coop | AUC Solo | AUC Coop | ΔAUC | Retention |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const paper = r.source === 'paper';
    out.push(`| ${[escapeMarkdown(r.model), successCell(r.solo, paper), successCell(r.coop, paper), num(r.auc_solo), num(r.auc_coop), num(r.delta_auc), num(r.retention, 2)].join(' | ')} |`);
  }
  out.push('');
  return out.join('\n');
}

export function renderTable5Latex(data: DifficultyFile, rows: readonly Table5Row[], source: string): string {
  const synth = dataWarning(data.inputs.records, data.inputs.synthetic_records);
  const out = [
    `% Generated by @cooperbench-repro/figures (table5) from ${source.replace(/\r?\n/g, ' ')}; do not edit by hand.`,
    '% Requires \\usepackage{booktabs}.',
    '\\begin{table}[t]',
    '\\centering',
    '\\small',
    `\\caption{Solo vs.\\ Coop success and difficulty-curve AUC (CooperBench Table 5).${synth ? ` \\textbf{${escapeLatex(synth)}.}` : ''} ${escapeLatex(caption(data))}}`,
    '\\label{tab:table5}',
    '\\begin{tabular}{@{}lrrrrrr@{}}',
    '\\toprule',
    'Model & Solo & Coop & AUC Solo & AUC Coop & $\\Delta$AUC & Retention \\\\',
    '\\midrule',
  ];
  rows.forEach((r, i) => {
    if (r.source === 'paper' && rows[i - 1]?.source === 'data') out.push('\\midrule');
    const paper = r.source === 'paper';
    out.push(`${[escapeLatex(r.model), escapeLatex(successCell(r.solo, paper)), escapeLatex(successCell(r.coop, paper)), num(r.auc_solo), num(r.auc_coop), num(r.delta_auc), num(r.retention, 2)].join(' & ')} \\\\`);
  });
  out.push('\\bottomrule', '\\end{tabular}', '\\end{table}', '');
  return out.join('\n');
}

export function table5Csv(rows: readonly Table5Row[]): string {
  const cells = (i: Interval | null, prefix: 'solo' | 'coop') => ({
    [`${prefix}_k`]: i?.successes ?? null,
    [`${prefix}_n`]: i?.total ?? null,
    [`${prefix}_unknown`]: i?.unknown ?? null,
    [`${prefix}_rate`]: round(i?.rate ?? null),
    [`${prefix}_ci_low`]: round(i?.ci_low ?? null),
    [`${prefix}_ci_high`]: round(i?.ci_high ?? null),
  });
  const csvRowsOut: CsvRow[] = rows.map((r) => ({
    source: r.source,
    model: r.model,
    ...cells(r.solo, 'solo'),
    ...cells(r.coop, 'coop'),
    auc_solo: round(r.auc_solo),
    auc_coop: round(r.auc_coop),
    delta_auc: round(r.delta_auc),
    retention: round(r.retention),
  }));
  return toCsv(TABLE5_CSV_COLUMNS, csvRowsOut);
}

/** Writes `<outDir>/table5.{md,tex,csv}`, each atomically. */
export async function writeTable5(data: DifficultyFile, outDir: string, opts: { paperReference: boolean; source: string }) {
  const rows = table5Rows(data, opts);
  const files = await writeTableFiles(outDir, 'table5', { md: renderTable5Markdown(data, rows, opts.source), tex: renderTable5Latex(data, rows, opts.source), csv: table5Csv(rows) });
  return { rows, files };
}
