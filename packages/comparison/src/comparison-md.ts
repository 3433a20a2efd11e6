import type { ComparisonFile } from '@cooperbench-repro/contracts';
import { documentWithCaveats, fmtP, mdTable } from './markdown.js';

/** figures/published-comparison.md: per own model/arm the paired tables, solve sets and per-repository splits. */

type OwnGroup = ComparisonFile['own_groups'][number];

function groupIntro(g: OwnGroup): string {
  return (
    `Runs ${g.runs.join(', ')}; framework ${g.agent_frameworks.join(', ')}; eval_format ${g.eval_formats.join(', ')}; ${g.pairs} pairs, ${g.known_pairs} with a known outcome` +
    (g.repeated_pairs ? `, ${g.repeated_pairs} with repeats (${g.repeated_pairs_disagreeing} disagreeing)` : '') +
    (g.unmatched_pairs.length ? `; ${g.unmatched_pairs.length} pairs not in the dataset` : '') +
    '.'
  );
}

function solveSetsText(file: ComparisonFile, g: OwnGroup): string | null {
  const s = file.solve_sets.find((x) => x.model === g.model && x.arm === g.arm);
  if (!s) return null;
  return (
    `Against all ${file.inputs.published_models.length} published models (known outcomes only), over ${s.own_known_pairs} own pairs: ` +
    `${s.nobody_solves} pairs nobody solves, ${s.only_ours_solve.length} only ours solve${s.only_ours_solve.length ? ` (${s.only_ours_solve.join(', ')})` : ''}, ` +
    `${s.only_published_solve} solved by some published model but not ours, ${s.no_published_outcome} without any published outcome.`
  );
}

/** Per repository: `ours vs published (n matched)` for every published model. */
function perRepoTable(file: ComparisonFile, g: OwnGroup): string | null {
  const rows = file.comparisons.filter((c) => c.model === g.model && c.arm === g.arm);
  const repos = [...new Set(rows.flatMap((c) => c.per_repo.map((r) => r.repo)))].sort();
  if (!repos.length) return null;
  const cells = repos.map((repo) => [
    repo,
    ...rows.map((c) => {
      const r = c.per_repo.find((x) => x.repo === repo);
      return r ? `${r.ours_passed} vs ${r.published_passed} (${r.matched_pairs})` : '';
    }),
  ]);
  return `Per repository, passes ours vs published on the matched pairs (n):\n\n${mdTable(['repository', ...rows.map((c) => c.published_model)], cells)}`;
}

function groupSection(file: ComparisonFile, g: OwnGroup): string[] {
  const rows = file.comparisons.filter((c) => c.model === g.model && c.arm === g.arm);
  const table = mdTable(
    ['published model', 'matched', 'ours passed', 'published passed', 'only ours', 'only published', 'McNemar p', 'conflict agree / known', 'published unknown'],
    rows.map((c) => [c.published_model, c.matched_pairs, c.ours_passed, c.published_passed, c.only_ours, c.only_published, fmtP(c.mcnemar_p), `${c.conflict_agreement} / ${c.conflict_known}`, c.published_unknown]),
  );
  return [`## ${g.model}, ${g.arm}`, groupIntro(g), table, solveSetsText(file, g), perRepoTable(file, g)].filter((s): s is string => s !== null);
}

function publishedSection(file: ComparisonFile): string[] {
  return [
    '## Published data',
    mdTable(
      ['model', 'name (framework)', 'passed (as reported)', 'result missing', 'missing but passed', 'conflict unknown', 'known pairs', 'passed among known', 'typst missing'],
      file.published_summary.map((s) => [s.published_model, s.display_name, s.passed_as_reported, s.result_missing, s.result_missing_but_passed, s.conflict_unknown, s.known_pairs, s.passed_known, s.typst_missing ? 'yes' : 'no']),
    ),
    `${file.published_unsolved_pairs} of ${file.inputs.published_pairs} pairs are solved by no published model (among known outcomes); ${file.published_no_known_outcome_pairs} have no known published outcome.`,
  ];
}

export function comparisonMarkdown(file: ComparisonFile): string {
  const { inputs, options } = file;
  const sections = [
    '# Own coop-with-messaging runs vs the published per-pair Coop outcomes',
    `Store \`${inputs.store}\` (${inputs.records} records${inputs.run_filter ? ` of run(s) ${inputs.run_filter.join(', ')}` : ''}, ${inputs.compared_records} compared, ${inputs.synthetic_records} synthetic); published \`${inputs.published_file}\` (${inputs.published_pairs} pairs x ${inputs.published_models.length} models). ` +
      `own_repeats = \`${options.own_repeats}\`, published result_missing = \`${options.published_missing}\`. ` +
      'matched = pairs where both outcomes are known; only_ours / only_published are the discordant pairs; p = exact two-sided McNemar (binomial test on the discordant pairs); conflict = naive-merge flags, agree / both known. ' +
      'Figure: `published-comparison.{svg,png,pdf,csv}` (figures package); every pair x model outcome: `published-comparison-pairs.csv`.',
  ];
  if (file.comparisons.length === 0) sections.push(`No own records with an arm starting \`${options.arm_prefix}\`: nothing to compare.`);
  for (const g of file.own_groups) sections.push(...groupSection(file, g));
  sections.push(...publishedSection(file));
  return documentWithCaveats(sections, file.caveats);
}
