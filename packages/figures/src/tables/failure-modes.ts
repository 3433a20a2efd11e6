import { HUMAN_CODED_LABEL, type Cause, type FailureModesFile, type Interval, type Symptom } from '@cooperbench-repro/contracts';
import { escapeLatex, escapeMarkdown } from '../render/escape.js';
import { failedHeuristics, failedText, floorsText } from '../render/heuristic-validation.js';
import { CAUSE_LABELS, SYMPTOM_LABELS, shortModelName } from '../render/labels.js';
import { PAPER_TABLE2_TRACES, formatPaper, paperTable1, paperTable2 } from '../render/paper.js';
import { ciText, confidenceOf, dataWarning, wilsonText } from '../render/subtitle.js';
import { doubleCodedCount, interCoderMarkdown } from './inter-coder.js';
import { writeMarkdownAndLatex } from './write-table-files.js';

/**
 * The failure-mode tables (paper §6): Table 1, coordination-failure symptoms (our primary-symptom share
 * with its Wilson interval and n, any-label prevalence, the heuristic cross-check rate, the paper's %), the
 * count of implementation-only failures, and Table 2, root causes DERIVED from our primary symptoms through
 * a mapping table (the paper assigned causes by hand on 50 traces, so ours is not a reproduction), with
 * the judge's status, model, rubric versions and calls. Written as Markdown and as booktabs LaTeX,
 * deterministically.
 */

export interface Table1Row {
  symptom: Symptom;
  label: string;
  primary: Interval | null;
  any: Interval | null;
  heuristic: Interval | null;
  /** Why the heuristic estimate is dropped (its detector failed the gold-set validation); null: shown. */
  heuristicFailed: string | null;
  /** The paper's Table 1 percent. */
  paper: number;
}

export interface Table2Row {
  cause: Cause;
  label: string;
  share: Interval | null;
  /** The paper's Table 2 percent (42/32/26). */
  paper: number;
}

export interface FailureModesTable {
  table1: Table1Row[];
  table2: Table2Row[];
  markdown: string;
  latex: string;
}

export interface FailureModesTableOptions {
  source?: string;
}

/** The statement printed with every Table 2: the paper's causes were assigned by hand, ours are derived. */
export const TABLE2_DISCLAIMER =
  `The paper assigned root causes by hand on ${PAPER_TABLE2_TRACES} failed coop traces (reading symptom labels, conversation logs and merged artifacts). ` +
  "Our shares are derived mechanically from the judge's primary symptoms through the mapping below, so they are not a reproduction of the paper's Table 2; " +
  'compare them only as a rough consistency check.';

export const JUDGE_NOT_RUN_TABLES =
  "LLM judge not run: Table 1's judge columns (primary share, any-label prevalence) and Table 2 are not measured; only the heuristic cross-check is.";

const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;

/** "33.3% [22.7, 45.9]" (Wilson interval in percent), "n/a" when there is no rate. */
export function formatShareCi(iv: Interval | null): string {
  if (iv === null || iv.rate === null || iv.total === 0) return 'n/a';
  const ci = iv.ci_low === null || iv.ci_high === null ? '' : ` [${(iv.ci_low * 100).toFixed(1)}, ${(iv.ci_high * 100).toFixed(1)}]`;
  return `${pct1(iv.rate)}${ci}`;
}

/** "33.3% (24/72)", "n/a" when there is no rate. */
export function formatShareCount(iv: Interval | null): string {
  if (iv === null || iv.rate === null || iv.total === 0) return 'n/a';
  return `${pct1(iv.rate)} (${iv.successes}/${iv.total})`;
}

const countText = (iv: Interval | null) => (iv === null ? 'n/a' : `${iv.successes}/${iv.total}`);

export function table1Rows(data: FailureModesFile): Table1Row[] {
  const bySymptom = new Map(data.table1.rows.map((r) => [r.symptom, r]));
  const known = (Object.keys(SYMPTOM_LABELS) as Symptom[]).filter((s) => paperTable1(s) !== null);
  // Paper order first; symptoms the data adds (none today) after.
  const order = [...known, ...data.table1.rows.map((r) => r.symptom).filter((s) => !known.includes(s))];
  return order.map((symptom) => {
    const r = bySymptom.get(symptom);
    const failed = r?.heuristic ? failedHeuristics(data, { symptom }) : [];
    return {
      symptom,
      label: SYMPTOM_LABELS[symptom] ?? symptom,
      primary: r?.primary_share ?? null,
      any: r?.any_label ?? null,
      // A detector that failed its validation gives no measurement: its estimate is dropped, with the reason.
      heuristic: failed.length > 0 ? null : (r?.heuristic ?? null),
      heuristicFailed: failed.length > 0 ? failedText(failed) : null,
      paper: paperTable1(symptom) ?? r?.paper_percent ?? NaN,
    };
  });
}

export function table2Rows(data: FailureModesFile): Table2Row[] {
  const byCause = new Map(data.table2.rows.map((r) => [r.cause, r]));
  return (Object.keys(CAUSE_LABELS) as Cause[]).map((cause) => ({
    cause,
    label: CAUSE_LABELS[cause],
    share: byCause.get(cause)?.share ?? null,
    paper: paperTable2(cause),
  }));
}

/** Table 1 rows of the human-coded series (paper order); empty without it. */
export function humanTable1Rows(data: FailureModesFile): Table1Row[] {
  const bySymptom = new Map((data.human_coded?.table1.rows ?? []).map((r) => [r.symptom, r]));
  if (bySymptom.size === 0) return [];
  return table1Rows(data).map((r) => ({ ...r, primary: bySymptom.get(r.symptom)?.primary_share ?? null, any: bySymptom.get(r.symptom)?.any_label ?? null, heuristic: null, heuristicFailed: null }));
}

/** Table 2 rows derived from the human-coded primary symptoms; empty without them. */
export function humanTable2Rows(data: FailureModesFile): Table2Row[] {
  const byCause = new Map((data.human_coded?.table2.rows ?? []).map((r) => [r.cause, r.share]));
  if (byCause.size === 0) return [];
  return table2Rows(data).map((r) => ({ ...r, share: byCause.get(r.cause) ?? null }));
}

export const HUMAN_TABLE2_NOTE =
  'Shares derived mechanically from the human-coded primary symptoms through the same mapping as above (table2.mapping); ' +
  `the paper assigned causes by hand on ${PAPER_TABLE2_TRACES} failed traces, so this is a consistency check, not a reproduction.`;

function humanTable1Caption(data: FailureModesFile): string {
  const hc = data.human_coded!;
  const t = hc.table1;
  const unknown = t.rows[0]?.primary_share.unknown ?? 0;
  return (
    `Human-coded (gold set): ${hc.gold}. Over the ${t.failed_runs_coded} failed coop runs with messages that it codes` +
    `${unknown > 0 ? ` (${unknown} failed runs with messages not coded)` : ''}. Primary share over the ${t.failed_runs_coded - t.implementation_failure_only} ` +
    `with a coordination symptom, ${confidenceText(data)} interval, pooled over models and per model (` +
    t.models.map((m) => `${m.model}: ${m.failed_runs_coded - m.implementation_failure_only} of ${m.failed_runs_coded}`).join('; ') +
    `); any label: primary or secondary, over the ${t.failed_runs_coded} coded. ` +
    'No judge or heuristic value is in this table.'
  );
}

function humanImplementationText(data: FailureModesFile): string {
  const t = data.human_coded!.table1;
  const share = t.failed_runs_coded > 0 ? ` (${pct1(t.implementation_failure_only / t.failed_runs_coded)})` : '';
  return (
    `Implementation failure only (human-coded: no coordination symptom with conversation evidence): ${t.implementation_failure_only} of ${t.failed_runs_coded} coded failed runs${share}; ` +
    `${t.failed_runs_without_messages} more failed coop runs have no message at all (nothing to code; implementation failures by the rule).`
  );
}

/** Where the human codes' own reliability is reported, for the note at the top. */
function interCoderPointer(data: FailureModesFile): string {
  const n = data.inter_coder ? doubleCodedCount(data.inter_coder) : 0;
  return n > 0 ? `, and how far two coders agree on ${n} conversations coded twice in "Inter-coder agreement"` : '';
}

const synthNote = (data: FailureModesFile) => dataWarning(data.inputs.records, data.inputs.synthetic_records);

const confidenceText = (data: FailureModesFile) => wilsonText(confidenceOf(data.parameters));
const ciHeader = (data: FailureModesFile) => ciText(confidenceOf(data.parameters));

const sortedEntries = <T>(r: Record<string, T>) => Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const recordText = (r: Record<string, string | number>, empty: string) =>
  Object.keys(r).length === 0 ? empty : sortedEntries(r).map(([k, v]) => `${k}: ${v}`).join('; ');

/** Plain-text lines about the judge: status, model, mode, rubric versions, calls, tokens, rejections, note. */
export function judgeLines(data: FailureModesFile): string[] {
  const j = data.judge;
  return [
    `Status: ${j.status} (mode ${j.mode})`,
    `Model: ${j.model}`,
    `Rubric versions: ${recordText(j.rubric_versions, 'none')}`,
    `API calls this run: ${j.calls}; answers from the cache: ${j.cache_hits}; tokens in/out: ${j.input_tokens}/${j.output_tokens}`,
    `Answers rejected: ${recordText(j.rejected, 'none')}`,
    `Not judged: ${recordText(j.not_judged, 'none')}`,
    `Note: ${j.note}`,
  ];
}

function implementationText(data: FailureModesFile): string {
  const t = data.table1;
  if (data.judge.status === 'not-run' || t.source !== 'judge') return 'Implementation failure only (no coordination label): not measured (needs the LLM judge).';
  const share = t.failed_runs_judged > 0 ? ` (${pct1(t.implementation_failure_only / t.failed_runs_judged)})` : '';
  return (
    `Implementation failure only (no coordination label; the evidence is only in code or error traces): ` +
    `${t.implementation_failure_only} of ${t.failed_runs_judged} failed coop runs judged${share}; ${data.inputs.failed_coop_runs} failed coop runs in all.`
  );
}

/** The heuristic column's cell: the estimate, "—" where no heuristic exists, or why it is dropped. */
export const DROPPED_HEURISTIC = 'dropped: failed gold-set validation';
function heuristicCell(r: Table1Row): string {
  if (r.heuristicFailed !== null) return `${DROPPED_HEURISTIC} (${r.heuristicFailed})`;
  return r.heuristic === null ? '—' : formatShareCount(r.heuristic);
}

/** What the heuristic column shows, and under which validation, for the Table 1 caption. */
function heuristicValidationText(data: FailureModesFile): string {
  const floors = floorsText(data);
  if (floors === null) return 'Not checked against human codes on these runs (no gold-coded run in this store).';
  return (
    `Shown only when the detector passes its validation against the human-coded gold set (${floors}, config heuristic_validation; ` +
    'see "Heuristics vs the human-coded gold set" below); a detector that fails it gives no measurement, and its estimate is dropped with the reason.'
  );
}

const provenanceText = (p: 'paper' | 'ours') => (p === 'paper' ? 'paper (§6 text)' : 'ours (the paper states no link)');

// ---- Markdown ----------------------------------------------------------------------------------------

export function renderMarkdown(data: FailureModesFile, t1: readonly Table1Row[], t2: readonly Table2Row[], source: string): string {
  const out: string[] = ['# Failure modes: coordination-failure symptoms and root causes (paper §6, Tables 1 and 2)', ''];
  const synth = synthNote(data);
  if (synth) out.push(`> **${escapeMarkdown(synth)}**`, '');
  if (data.judge.status === 'not-run') out.push(`> **${escapeMarkdown(JUDGE_NOT_RUN_TABLES)}**`, '');
  if (data.human_coded) out.push(`> Measured values from people: see "Table 1, ${HUMAN_CODED_LABEL}" and the derived Table 2 below (${data.human_coded.matched_runs} coded runs)${interCoderPointer(data)}.`, '');
  out.push(
    `Source: \`${source.replace(/[`|]/g, '?')}\` (${data.inputs.records} run records, ${data.inputs.coop_records} coop, ` +
      `${data.inputs.failed_coop_runs} failed coop runs, ${data.inputs.conversations} conversations with messages).`,
    '',
    '## LLM judge',
    '',
    ...judgeLines(data).map((l) => `- ${escapeMarkdown(l)}`),
    '',
    '## Table 1: coordination-failure symptoms',
    '',
    `Primary share: failed coop runs whose primary judge label is the symptom, over failed runs with a coordination label, with its ${confidenceText(data)} interval; ` +
      'n: that count over that denominator. Any label: failed runs judged with the symptom as primary or secondary label. ' +
      'Heuristic: detection rate of the always-on heuristic over all failed coop runs (a cross-check, not a judge label; — where no heuristic exists). ' +
      `${heuristicValidationText(data)} ` +
      "Paper: the paper's Table 1 percent (GPT-5 judge over all failed coop trajectories of five models).",
    '',
    `| Symptom | Ours: primary share [${ciHeader(data)}] | n | Any label | Heuristic cross-check | Paper % |`,
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const r of t1) {
    out.push(
      `| ${[
        escapeMarkdown(r.label),
        escapeMarkdown(formatShareCi(r.primary)),
        r.primary === null ? 'n/a' : countText(r.primary),
        escapeMarkdown(formatShareCount(r.any)),
        escapeMarkdown(heuristicCell(r)),
        formatPaper(r.paper),
      ].join(' | ')} |`,
    );
  }
  out.push(
    '',
    escapeMarkdown(implementationText(data)),
    '',
    '## Table 2: root causes (derived, not reproduced)',
    '',
    `**Not a reproduction.** ${escapeMarkdown(TABLE2_DISCLAIMER)}`,
    '',
    `| Cause | Ours: derived share [${ciHeader(data)}] (k/n) | Paper % |`,
    '|---|---:|---:|',
  );
  for (const r of t2) {
    const ours = r.share === null ? 'n/a' : `${formatShareCi(r.share)} (${countText(r.share)})`;
    out.push(`| ${escapeMarkdown(r.label)} | ${escapeMarkdown(ours)} | ${r.paper} |`);
  }
  out.push(
    '',
    `Paper: Table 2, ${PAPER_TABLE2_TRACES} failed coop traces coded by hand (${t2.map((r) => `${r.label} ${r.paper}%`).join(', ')}).`,
    '',
    'Mapping from primary symptom to cause, and where each link comes from:',
    '',
    '| Symptom | Cause | Provenance |',
    '|---|---|---|',
  );
  for (const m of data.table2.mapping) {
    out.push(`| ${escapeMarkdown(SYMPTOM_LABELS[m.symptom] ?? m.symptom)} | ${escapeMarkdown(CAUSE_LABELS[m.cause] ?? m.cause)} | ${escapeMarkdown(provenanceText(m.provenance))} |`);
  }
  out.push(...humanCodedMarkdown(data));
  out.push(...interCoderMarkdown(data));
  out.push(...goldValidationMarkdown(data));
  out.push('');
  return out.join('\n');
}

/** The human-coded Table 1 and derived Table 2: their own sections, never beside judge or heuristic values. */
function humanCodedMarkdown(data: FailureModesFile): string[] {
  const hc = data.human_coded;
  if (!hc) return [];
  const models = hc.table1.models;
  const out = [
    '',
    `## Table 1, ${HUMAN_CODED_LABEL}`,
    '',
    escapeMarkdown(humanTable1Caption(data)),
    '',
    `| Symptom | Human-coded: primary share [${ciHeader(data)}] | k/n | ${models.map((m) => `${escapeMarkdown(shortModelName(m.model))}: k/n`).join(' | ')}${models.length ? ' | ' : ''}Any label (k/n) | Paper % |`,
    `|---|---:|---:|${models.map(() => '---:|').join('')}---:|---:|`,
  ];
  for (const r of humanTable1Rows(data)) {
    const perModel = models.map((m) => countText(m.rows.find((x) => x.symptom === r.symptom)?.primary_share ?? null));
    out.push(`| ${[escapeMarkdown(r.label), escapeMarkdown(formatShareCi(r.primary)), countText(r.primary), ...perModel, escapeMarkdown(formatShareCount(r.any)), formatPaper(r.paper)].join(' | ')} |`);
  }
  out.push(
    '',
    escapeMarkdown(humanImplementationText(data)),
    '',
    `## Table 2, derived from the ${HUMAN_CODED_LABEL} primary symptoms`,
    '',
    `**Derived, not reproduced.** ${escapeMarkdown(HUMAN_TABLE2_NOTE)}`,
    '',
    `| Cause | Human-coded, derived: share [${ciHeader(data)}] (k/n) | Paper % |`,
    '|---|---:|---:|',
  );
  for (const r of humanTable2Rows(data)) out.push(`| ${escapeMarkdown(r.label)} | ${escapeMarkdown(`${formatShareCi(r.share)} (${countText(r.share)})`)} | ${r.paper} |`);
  return out;
}

const fmt3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

/** The heuristics against the human-coded gold set (when this store holds coded runs). */
function goldValidationMarkdown(data: FailureModesFile): string[] {
  const g = data.gold_validation;
  if (!g) return [];
  const out = [
    '',
    `## Heuristics vs the human-coded gold set (${g.matched_runs} coded runs)`,
    '',
    `Gold: ${escapeMarkdown(g.gold)}. Reference = the human code; a heuristic is compared on the coded runs it ran on (skipped: no patches or messages).`,
    '',
    `Validated: precision and kappa reach the floors (${escapeMarkdown(floorsText(data) ?? '')}, config heuristic_validation); an undefined statistic fails.`,
    '',
    '| Heuristic | Gold positive | Runs | tp / fp / fn / tn | Precision | Recall | Kappa | Validated |',
    '|---|---|---:|---|---:|---:|---:|---|',
  ];
  for (const h of g.heuristics) {
    const status = h.validated ? 'yes' : `no: ${h.reason ?? 'failed'}`;
    out.push(
      `| ${escapeMarkdown(h.heuristic)} | ${escapeMarkdown(h.gold)} | ${h.compared}${h.skipped ? ` (+${h.skipped} skipped)` : ''} | ${h.tp} / ${h.fp} / ${h.fn} / ${h.tn} | ${fmt3(h.precision)} | ${fmt3(h.recall)} | ${fmt3(h.kappa)} | ${escapeMarkdown(status)} |`,
    );
  }
  return out;
}

// ---- LaTeX -------------------------------------------------------------------------------------------

const texShare = (iv: Interval | null) => escapeLatex(formatShareCi(iv));

/** The footnote ($\dagger$) giving why each dropped heuristic estimate failed its validation. */
function droppedLatex(t1: readonly Table1Row[]): string {
  const dropped = t1.filter((r) => r.heuristicFailed !== null);
  if (dropped.length === 0) return '';
  return `$^\\dagger$${escapeLatex(`Heuristic estimate dropped, its detector failed the gold-set validation: ${dropped.map((r) => `${r.label} (${r.heuristicFailed})`).join('; ')}.`)} `;
}

export function renderLatex(data: FailureModesFile, t1: readonly Table1Row[], t2: readonly Table2Row[], source: string): string {
  const synth = synthNote(data);
  const synthCaption = synth ? ` \\textbf{${escapeLatex(synth)}.}` : '';
  const notRun = data.judge.status === 'not-run' ? ` \\textbf{${escapeLatex(JUDGE_NOT_RUN_TABLES)}}` : '';
  const out: string[] = [
    `% Generated by @cooperbench-repro/figures (failure-modes-table) from ${source.replace(/\r?\n/g, ' ')}; do not edit by hand.`,
    '% Requires \\usepackage{booktabs}.',
  ];
  if (synth) out.push(`% ${synth}`);
  for (const l of judgeLines(data)) out.push(`% Judge ${l.replace(/\r?\n/g, ' ')}`);
  out.push(
    '\\begin{table*}[t]',
    '\\centering',
    '\\small',
    `\\caption{Coordination-failure symptoms (CooperBench Table~1): ours vs.\\ the paper.${synthCaption}${notRun} ` +
      `Primary share over failed coop runs with a coordination label, ${escapeLatex(confidenceText(data))} interval in brackets and $k/n$; ` +
      'any label: primary or secondary, over failed runs judged; heuristic: always-on detector over all failed coop runs (a cross-check, not a judge label). ' +
      `${escapeLatex(heuristicValidationText(data))}}`,
    '\\label{tab:failure-symptoms}',
    '\\begin{tabular}{@{}lrrrrr@{}}',
    '\\toprule',
    `Symptom & Ours: primary share [${escapeLatex(ciHeader(data))}] & $n$ & Any label & Heuristic & Paper \\% \\\\`,
    '\\midrule',
  );
  for (const r of t1) {
    out.push(
      `${[
        escapeLatex(r.label),
        texShare(r.primary),
        r.primary === null ? 'n/a' : countText(r.primary),
        escapeLatex(formatShareCount(r.any)),
        r.heuristicFailed !== null ? `${escapeLatex(DROPPED_HEURISTIC)}$^\\dagger$` : r.heuristic === null ? '---' : escapeLatex(formatShareCount(r.heuristic)),
        formatPaper(r.paper),
      ].join(' & ')} \\\\`,
    );
  }
  const j = data.judge;
  out.push(
    '\\bottomrule',
    '\\end{tabular}',
    '',
    '\\smallskip',
    `{\\footnotesize ${escapeLatex(implementationText(data))} ${droppedLatex(t1)}` +
      `LLM judge: ${escapeLatex(j.model)}, status ${escapeLatex(j.status)} (mode ${escapeLatex(j.mode)}), rubrics ${escapeLatex(recordText(j.rubric_versions, 'none'))}; ` +
      `${j.calls} API calls, ${j.cache_hits} cached answers. ${escapeLatex(j.note)}\\par}`,
    '\\end{table*}',
    '',
    '\\begin{table}[t]',
    '\\centering',
    '\\small',
    `\\caption{Root causes (CooperBench Table~2): our shares are \\emph{derived}, not reproduced.${synthCaption} ${escapeLatex(TABLE2_DISCLAIMER)}}`,
    '\\label{tab:failure-causes}',
    '\\begin{tabular}{@{}lrr@{}}',
    '\\toprule',
    `Cause & Ours: derived share [${escapeLatex(ciHeader(data))}] ($k/n$) & Paper \\% \\\\`,
    '\\midrule',
  );
  for (const r of t2) {
    const ours = r.share === null ? 'n/a' : `${texShare(r.share)} (${countText(r.share)})`;
    out.push(`${escapeLatex(r.label)} & ${ours} & ${r.paper} \\\\`);
  }
  out.push('\\bottomrule', '\\end{tabular}', '', '\\medskip', '\\begin{tabular}{@{}lll@{}}', '\\toprule', 'Symptom & Cause & Provenance \\\\', '\\midrule');
  for (const m of data.table2.mapping) {
    out.push(`${escapeLatex(SYMPTOM_LABELS[m.symptom] ?? m.symptom)} & ${escapeLatex(CAUSE_LABELS[m.cause] ?? m.cause)} & ${escapeLatex(provenanceText(m.provenance)).replace('§', '\\S{}')} \\\\`);
  }
  out.push('\\bottomrule', '\\end{tabular}', '\\end{table}', '');
  out.push(...humanCodedLatex(data));
  return out.join('\n');
}

/** The human-coded Table 1 and derived Table 2 as one booktabs table of their own. */
function humanCodedLatex(data: FailureModesFile): string[] {
  if (!data.human_coded) return [];
  const out = [
    '\\begin{table}[t]',
    '\\centering',
    '\\small',
    `\\caption{Coordination-failure symptoms and derived causes, ${escapeLatex(HUMAN_CODED_LABEL)}. ${escapeLatex(humanTable1Caption(data))}}`,
    '\\label{tab:failure-human-coded}',
    '\\begin{tabular}{@{}lrrrr@{}}',
    '\\toprule',
    `Symptom & Primary share [${escapeLatex(ciHeader(data))}] & $k/n$ & Any label & Paper \\% \\\\`,
    '\\midrule',
  ];
  for (const r of humanTable1Rows(data)) out.push(`${escapeLatex(r.label)} & ${texShare(r.primary)} & ${countText(r.primary)} & ${escapeLatex(formatShareCount(r.any))} & ${formatPaper(r.paper)} \\\\`);
  out.push('\\midrule', `Cause (derived) & Share [${escapeLatex(ciHeader(data))}] & $k/n$ & & Paper \\% \\\\`, '\\midrule');
  for (const r of humanTable2Rows(data)) out.push(`${escapeLatex(r.label)} & ${texShare(r.share)} & ${countText(r.share)} & & ${r.paper} \\\\`);
  out.push(
    '\\bottomrule',
    '\\end{tabular}',
    '',
    '\\smallskip',
    `{\\footnotesize ${escapeLatex(humanImplementationText(data))} ${escapeLatex(HUMAN_TABLE2_NOTE)}\\par}`,
    '\\end{table}',
    '',
  );
  return out;
}

export function failureModesTable(data: FailureModesFile, opts: FailureModesTableOptions = {}): FailureModesTable {
  const source = opts.source ?? 'data/failure-modes.json';
  const t1 = table1Rows(data);
  const t2 = table2Rows(data);
  return { table1: t1, table2: t2, markdown: renderMarkdown(data, t1, t2, source), latex: renderLatex(data, t1, t2, source) };
}

/** Writes `<outDir>/failure-modes.md` and `<outDir>/failure-modes.tex`, each atomically. */
export function writeFailureModesTable(data: FailureModesFile, outDir: string, opts: FailureModesTableOptions = {}): Promise<FailureModesTable & { files: { md: string; tex: string } }> {
  return writeMarkdownAndLatex(outDir, 'failure-modes', failureModesTable(data, opts));
}
