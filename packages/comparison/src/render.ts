import { toCsv } from './csv.js';
import type { ComparisonFile, LeaderboardRow } from '@cooperbench-repro/contracts';

/** Columns of figures/published-comparison.csv: one row per own model, own arm and published model. */
export const COMPARISON_COLUMNS = [
  'model',
  'arm',
  'published_model',
  'matched_pairs',
  'ours_passed',
  'published_passed',
  'only_ours',
  'only_published',
  'mcnemar_p',
  'conflict_known',
  'conflict_agreement',
  'both_passed',
  'neither',
  'own_known_pairs',
  'published_unknown',
  'ours_conflict',
  'published_conflict',
  'own_repeats',
] as const;

/** Website leaderboard columns first (view, rank, model, model_key, full_name, score_pct, ci95_low, ci95_high, framework, git), then ours. */
export const LEADERBOARD_COLUMNS = [
  'view',
  'rank',
  'model',
  'model_key',
  'full_name',
  'score_pct',
  'ci95_low',
  'ci95_high',
  'framework',
  'git',
  'messaging',
  'source',
  'arm',
  'subset',
  'subset_determined_by',
  'planned_pairs',
  'successes',
  'known_pairs',
  'unknown_pairs',
  'runs',
  'eval_format',
] as const;

const round = (x: number | null, digits: number): number | null => (x === null ? null : Number(x.toPrecision(digits)));

export function comparisonCsv(file: ComparisonFile): string {
  return toCsv(
    COMPARISON_COLUMNS,
    file.comparisons.map((c) => ({ ...c, mcnemar_p: round(c.mcnemar_p, 6), own_repeats: file.options.own_repeats })),
  );
}

export function leaderboardCsv(rows: readonly LeaderboardRow[]): string {
  return toCsv(LEADERBOARD_COLUMNS, rows as unknown as Record<string, unknown>[]);
}

function mdTable(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const fmt = (v: unknown): string => (v === null || v === undefined ? '' : String(v).replace(/\|/g, '\\|'));
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(fmt).join(' | ')} |`)].join('\n');
}

const fmtP = (p: number | null): string => (p === null ? '' : p < 0.001 ? p.toExponential(1) : p.toFixed(3));

export function comparisonMarkdown(file: ComparisonFile): string {
  const parts: string[] = [];
  parts.push('# Own coop-with-messaging runs vs the published per-pair Coop outcomes');
  parts.push('');
  parts.push(
    `Store \`${file.inputs.store}\` (${file.inputs.records} records${file.inputs.run_filter ? ` of run(s) ${file.inputs.run_filter.join(', ')}` : ''}, ${file.inputs.compared_records} compared, ${file.inputs.synthetic_records} synthetic); published \`${file.inputs.published_file}\` (${file.inputs.published_pairs} pairs x ${file.inputs.published_models.length} models). ` +
      `own_repeats = \`${file.options.own_repeats}\`, published result_missing = \`${file.options.published_missing}\`. ` +
      'matched = pairs where both outcomes are known; only_ours / only_published are the discordant pairs; p = exact two-sided McNemar (binomial test on the discordant pairs); conflict = naive-merge flags, agree / both known.',
  );
  parts.push('');
  if (file.comparisons.length === 0) parts.push(`No own records with an arm starting \`${file.options.arm_prefix}\`: nothing to compare.`);
  for (const g of file.own_groups) {
    parts.push(`## ${g.model}, ${g.arm}`);
    parts.push('');
    parts.push(
      `Runs ${g.runs.join(', ')}; framework ${g.agent_frameworks.join(', ')}; eval_format ${g.eval_formats.join(', ')}; ${g.pairs} pairs, ${g.known_pairs} with a known outcome` +
        (g.repeated_pairs ? `, ${g.repeated_pairs} with repeats (${g.repeated_pairs_disagreeing} disagreeing)` : '') +
        (g.unmatched_pairs.length ? `; ${g.unmatched_pairs.length} pairs not in the dataset` : '') +
        '.',
    );
    parts.push('');
    const rows = file.comparisons.filter((c) => c.model === g.model && c.arm === g.arm);
    parts.push(
      mdTable(
        ['published model', 'matched', 'ours passed', 'published passed', 'only ours', 'only published', 'McNemar p', 'conflict agree / known', 'published unknown'],
        rows.map((c) => [c.published_model, c.matched_pairs, c.ours_passed, c.published_passed, c.only_ours, c.only_published, fmtP(c.mcnemar_p), `${c.conflict_agreement} / ${c.conflict_known}`, c.published_unknown]),
      ),
    );
    const s = file.solve_sets.find((x) => x.model === g.model && x.arm === g.arm);
    if (s) {
      parts.push('');
      parts.push(
        `Against all ${file.inputs.published_models.length} published models (known outcomes only), over ${s.own_known_pairs} own pairs: ` +
          `${s.nobody_solves} pairs nobody solves, ${s.only_ours_solve.length} only ours solve${s.only_ours_solve.length ? ` (${s.only_ours_solve.join(', ')})` : ''}, ` +
          `${s.only_published_solve} solved by some published model but not ours, ${s.no_published_outcome} without any published outcome.`,
      );
    }
    parts.push('');
  }
  parts.push('## Published data');
  parts.push('');
  parts.push(
    mdTable(
      ['model', 'passed (as reported)', 'result missing', 'missing but passed', 'conflict unknown', 'known pairs', 'passed among known', 'typst missing'],
      file.published_summary.map((s) => [s.published_model, s.passed_as_reported, s.result_missing, s.result_missing_but_passed, s.conflict_unknown, s.known_pairs, s.passed_known, s.typst_missing ? 'yes' : 'no']),
    ),
  );
  parts.push('');
  parts.push(`${file.published_unsolved_pairs} of ${file.inputs.published_pairs} pairs are solved by no published model (among known outcomes); ${file.published_no_known_outcome_pairs} have no known published outcome.`);
  parts.push('');
  parts.push('## Caveats');
  parts.push('');
  for (const c of file.caveats) parts.push(`- ${c}`);
  parts.push('');
  return parts.join('\n');
}

export function leaderboardMarkdown(file: ComparisonFile): string {
  const parts: string[] = ['# Leaderboard export (website layout)', ''];
  parts.push(
    'Success = both features pass; denominator = the planned pairs of the subset the runs used (pairs without a known outcome count as not successful; `unknown` says how many). ' +
      `Wilson ${Math.round(file.options.confidence * 100)}% intervals in %. Own rows combine repeats with own_repeats = \`${file.options.own_repeats}\`. ` +
      'Published rows are the website per-pair Coop outcomes on the same subset (passed as reported), for reference; ranks are within view and subset.',
  );
  parts.push('');
  for (const view of ['coop', 'solo', 'team'] as const) {
    const rows = file.leaderboard.filter((r) => r.view === view);
    if (!rows.length) continue;
    parts.push(`## ${view}`);
    parts.push('');
    parts.push(
      mdTable(
        ['rank', 'subset', 'model', 'source', 'arm', 'score %', '95% CI', 'successes / planned', 'unknown', 'framework', 'messaging', 'git', 'runs', 'eval format'],
        rows.map((r) => [
          r.rank,
          r.subset ?? `(pairs seen: ${r.planned_pairs})`,
          r.model,
          r.source,
          r.arm,
          r.score_pct,
          r.ci95_low === null ? '' : `[${r.ci95_low}, ${r.ci95_high}]`,
          `${r.successes} / ${r.planned_pairs}`,
          r.unknown_pairs,
          r.framework,
          r.messaging ? 'yes' : 'no',
          r.git ? 'yes' : 'no',
          r.runs.join(', '),
          r.eval_format,
        ]),
      ),
    );
    parts.push('');
  }
  parts.push('## Caveats');
  parts.push('');
  for (const c of file.caveats) parts.push(`- ${c}`);
  parts.push('');
  return parts.join('\n');
}
