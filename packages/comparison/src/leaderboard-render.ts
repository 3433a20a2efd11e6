import type { ComparisonFile, LeaderboardRow } from '@cooperbench-repro/contracts';
import { toCsv } from './csv.js';
import { documentWithCaveats, mdTable } from './markdown.js';

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

export function leaderboardCsv(rows: readonly LeaderboardRow[]): string {
  return toCsv(LEADERBOARD_COLUMNS, rows as unknown as Record<string, unknown>[]);
}

const LEADERBOARD_HEADER = ['rank', 'subset', 'model', 'source', 'arm', 'score %', '95% CI', 'successes / planned', 'unknown', 'framework', 'messaging', 'git', 'runs', 'eval format'];

function leaderboardCells(r: LeaderboardRow): unknown[] {
  return [
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
  ];
}

export function leaderboardMarkdown(file: ComparisonFile): string {
  const sections = [
    '# Leaderboard export (website layout)',
    'Success = both features pass; denominator = the planned pairs of the subset the runs used (pairs without a known outcome count as not successful; `unknown` says how many). ' +
      `Wilson ${Math.round(file.options.confidence * 100)}% intervals in %. Own rows combine repeats with own_repeats = \`${file.options.own_repeats}\`. ` +
      'Published rows are the website per-pair Coop outcomes on the same subset (passed as reported), for reference; ranks are within view and subset.',
  ];
  for (const view of ['coop', 'solo', 'team'] as const) {
    const rows = file.leaderboard.filter((r) => r.view === view);
    if (rows.length) sections.push(`## ${view}`, mdTable(LEADERBOARD_HEADER, rows.map(leaderboardCells)));
  }
  return documentWithCaveats(sections, file.caveats);
}
