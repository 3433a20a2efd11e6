import { sum, type FailureModesFile, type InterCoder } from '@cooperbench-repro/contracts';
import { escapeMarkdown } from '../render/escape.js';
import { ciText, confidenceOf } from '../render/subtitle.js';

/**
 * The "Inter-coder agreement" section of failure-modes.md: the gold set's double-coded subset (data/
 * failure-modes.json `inter_coder`, computed by the failure-modes stage from the coded files, the same
 * numbers as packages/failure-modes/gold/AGREEMENT.md), per field, per code and per source.
 */

type Field = InterCoder['fields'][number];
type Scope = Field['scopes'][number];
type Stats = Scope['overall'];

const INTER_CODER_FIELD_NAMES: Record<Field['field'], string> = {
  comm_error: 'Communication error (one App. F code or none per conversation)',
  plan_drift: 'Plan drift (coded or not)',
  primary: 'Primary Table 1 symptom (failed runs both coders coded; implementation_failure: no coordination symptom)',
};
const SOURCE_NAMES: Record<Scope['source'], string> = { all: 'both sources', 'command-a': 'Command A', 'claude-code': escapeMarkdown('claude_code') };

const f2 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
const agreementText = (a: Stats['agreement']) => (a.rate === null ? 'n/a' : `${f2(a.rate)} [${f2(a.ci_low)}, ${f2(a.ci_high)}]`);
const statsCells = (s: Stats) => [agreementText(s.agreement), f2(s.kappa), f2(s.pabak), f2(s.ac1)];

/** Conversations both coders coded (all sources). */
export const doubleCodedCount = (ic: InterCoder) => sum(Object.values(ic.conversations));

/** Labels either coder used somewhere; a yes/no field shows its "yes" alone (the "no" row is its mirror). */
function shownCodes(field: Field): string[] {
  const all = field.scopes.find((s) => s.source === 'all');
  const used = (all?.codes ?? []).filter((c) => c.both_yes + c.only_a + c.only_b > 0).map((c) => c.code);
  return field.scale.length === 2 ? used.filter((c) => c === field.scale[1]) : used;
}

function fieldRows(field: Field, shown: readonly string[]): string[] {
  const rows: string[] = [];
  // A yes/no field's whole-scale statistics are those of its "yes" row.
  if (field.scale.length > 2) {
    for (const s of field.scopes) rows.push(['all labels', SOURCE_NAMES[s.source], String(s.n), '', '', '', '', ...statsCells(s.overall)].join(' | '));
  }
  for (const code of shown) {
    for (const s of field.scopes) {
      const c = s.codes.find((x) => x.code === code);
      if (c) rows.push([escapeMarkdown(code), SOURCE_NAMES[s.source], String(s.n), String(c.both_yes), String(c.only_a), String(c.only_b), String(c.both_no), ...statsCells(c)].join(' | '));
    }
  }
  return rows.map((r) => `| ${r} |`);
}

function fieldMarkdown(field: Field, ci: string, a: string, b: string): string[] {
  const d = field.disagreements;
  const shown = shownCodes(field);
  const unused = field.scale.filter((c) => !shown.includes(c) && !(field.scale.length === 2 && c === field.scale[0]));
  return [
    `### ${escapeMarkdown(INTER_CODER_FIELD_NAMES[field.field])}`,
    '',
    `Disagreements: ${d.total} conversations; the gold set took coder ${a}'s label in ${d.settled_as_reference}, coder ${b}'s in ${d.settled_as_second}, another in ${d.settled_otherwise}.` +
      (unused.length > 0 ? ` Used by neither coder (both-no on every conversation, not shown): ${unused.map(escapeMarkdown).join(', ')}.` : ''),
    '',
    `| Code | Source | n | Both | Only ${a} | Only ${b} | Neither | Agreement [${ci}] | Kappa | PABAK | AC1 |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...fieldRows(field, shown),
    '',
  ];
}

/** The section; empty when the file has no inter-coder agreement (no gold set, or written before it existed). */
export function interCoderMarkdown(data: FailureModesFile): string[] {
  const ic = data.inter_coder;
  if (!ic) return [];
  const a = ic.reference_coder;
  const b = ic.second_coder;
  const n = doubleCodedCount(ic);
  const perSource = Object.entries(ic.conversations).map(([s, k]) => `${SOURCE_NAMES[s as Scope['source']] ?? s} ${k}`).join(', ');
  const r = ic.resolutions;
  const ci = ciText(confidenceOf(data.parameters));
  return [
    '',
    `## Inter-coder agreement (${n} double-coded conversations of the gold set)`,
    '',
    `${escapeMarkdown(ic.description)}. Double-coded: ${perSource}.` +
      (data.human_coded ? '' : " The gold set codes none of this store's runs; its agreement is shown as the measure of the gold set itself."),
    '',
    `Reference = coder ${a}. Per code, one-vs-rest: Both = both coders gave the code, Only ${a} / Only ${b} = one coder alone, Neither = neither; ` +
      `agreement = (Both + Neither) / n with its Wilson interval; Cohen's kappa; PABAK = 2 p_o - 1; Gwet's AC1. ` +
      '"all labels": the whole label scale of the field (q labels): multi-category kappa, PABAK = (q p_o - 1) / (q - 1), AC1. ' +
      'Kappa is unstable for rare codes (a code one coder never gives has kappa 0 or n/a however often they agree), so read PABAK and AC1 beside it.',
    '',
    `Disagreements resolved: every double-coded conversation has an item in \`${escapeMarkdown(ic.adjudication_file)}\` with the settled codes and, where the coders differed, the reason ` +
      `(${r.agreed ?? 0} agreed on every field, ${r[a] ?? 0} settled as coder ${a}, ${r[b] ?? 0} as coder ${b}, ${r.neither ?? 0} neither); the gold set uses the settled codes.`,
    '',
    // The next section opens with its own blank line.
    ...ic.fields.flatMap((field) => fieldMarkdown(field, ci, a, b)).slice(0, -1),
  ];
}
