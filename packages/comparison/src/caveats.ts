import type { ComparisonFile, ComparisonOptions, RunRecord } from '@cooperbench-repro/contracts';
import { sorted, type Group } from './group.js';
import type { RunSubset } from './leaderboard.js';

/** The statements that travel with every number of the comparison (JSON, both .md files, the figure). */

export const STATIC_CAVEATS = [
  'Eval era: the published per-pair data (website coop/index.json, the paper runs) come from the paper-era pipeline (CooperBench v0.1.0, OpenHands v0.54, 100 actions per agent) whose coop success tries a naive merge, then a union merge, then a learned LLM merge resolver. Upstream 0.0.2-0.0.15 (eval_format naive-union) tries naive then union only; 0.0.16-0.0.19 (identical-naive) drops the union step (a naive conflict fails unless agent1\'s patch alone passes both suites). Pass rates of different eval eras are not directly comparable; the McNemar tests compare outcomes as each pipeline scored them.',
  'Published data are Coop with messaging only: own arms are compared only when they start with the configured arm prefix (coop-msg). No no-communication or solo per-pair data is published.',
  'No published solo per-pair outcomes exist, so the paper\'s relative difficulty d(t) cannot be rebuilt and own models cannot be placed on the paper\'s difficulty axis.',
  'The published has_conflict flag is the website\'s hasConflict (presumably the naive git merge of the with-communication run); it does not reproduce the paper\'s Table 6 naive-merge column. It is null exactly where result_missing is set.',
  'Published models differ from own models in agent framework (OpenHands / OpenHands SDK / mini-SWE-agent vs the own runs\' frameworks), step limits and prompts: a difference in pass rate is a difference of whole systems, not of models alone.',
];

export interface CaveatInputs {
  options: ComparisonOptions;
  records: readonly RunRecord[];
  compared: readonly Group[];
  ownGroups: ComparisonFile['own_groups'];
  publishedSummary: ComparisonFile['published_summary'];
  runSubsets: ReadonlyMap<string, RunSubset>;
}

/** Published-data caveats: typst pairs missing, conflict flags missing, result_missing rows marked passed. */
function publishedCaveats({ options, publishedSummary }: CaveatInputs): string[] {
  const out: string[] = [];
  const typstMissing = publishedSummary.filter((s) => s.typst_missing).map((s) => s.published_model);
  if (typstMissing.length) out.push(`Typst pairs: all 45 typst_task pairs are result_missing for ${typstMissing.join(', ')} (probably a failed or absent run); they never enter those models' matched pairs.`);
  out.push(
    `Conflict flags missing (has_conflict empty) for many published pairs: ${publishedSummary
      .filter((s) => s.conflict_unknown > 0)
      .map((s) => `${s.published_model} ${s.conflict_unknown}`)
      .join(', ')}; conflict agreement is counted only where both flags are known (conflict_known).`,
  );
  const missingPassed = publishedSummary.filter((s) => s.result_missing_but_passed > 0);
  if (missingPassed.length) {
    out.push(
      `Published result_missing pairs are ${options.published_missing === 'unknown' ? 'treated as unknown (excluded from matched pairs)' : 'used as reported'}; some of them are marked passed and the website counts them in its totals (${missingPassed
        .map((s) => `${s.published_model} ${s.result_missing_but_passed}`)
        .join(', ')}), so published_passed over matched pairs can be lower than the website's numbers.`,
    );
  }
  return out;
}

/** Own-data caveats: repeats, synthetic records, eval eras, unjoinable pairs, arm variants, undetermined subsets. */
function ownCaveats({ options, records, compared, ownGroups, runSubsets }: CaveatInputs): string[] {
  const out: string[] = [];
  out.push(
    `Own repeats (own_repeats = ${options.own_repeats}): one outcome per pair per own model and arm; records with an unknown outcome (no eval, eval error) are not outcomes. ` +
      'first-seed takes the lowest seed with a known outcome; majority needs more than half of the known outcomes to pass; any-pass favours repeated runs. The own naive-conflict flag is that of the first outcome-known record (seed order) that has one.',
  );
  const synthetic = records.filter((r) => r.synthetic).length;
  if (synthetic > 0) out.push(`${synthetic} of ${records.length} records in the store are synthetic (demo data): their comparisons say nothing about any real model.`);
  const eras = sorted(compared.flatMap((g) => g.records.map((r) => r.eval_format)));
  if (eras.length) out.push(`Own compared records were scored with eval_format ${eras.join(', ')}; the published data with the paper-era naive -> union -> LLM resolver pipeline.`);
  const unjoinable = ownGroups.filter((g) => g.unmatched_pairs.length > 0);
  if (unjoinable.length) {
    out.push(
      `Pairs not in the CooperBench dataset (unknown repo, task or feature pair, e.g. synthetic demo tasks) cannot be joined to the published data: ${unjoinable
        .map((g) => `${g.model} ${g.arm} ${g.unmatched_pairs.length}`)
        .join('; ')}.`,
    );
  }
  const variants = compared.filter((g) => g.arm !== 'coop-msg').map((g) => `${g.model} ${g.arm}`);
  if (variants.length) out.push(`Arm variants compared with plain coop-with-messaging published runs (the paper had no shared git and free-form messages only): ${variants.join('; ')}.`);
  const undetermined = [...runSubsets.entries()].filter(([, s]) => s.subset === null).map(([r]) => r);
  if (undetermined.length) out.push(`Leaderboard: the subset could not be determined for run(s) ${undetermined.sort().join(', ')} (their pair set equals no subset); their denominator is the pairs seen.`);
  return out;
}

export function caveatsOf(inputs: CaveatInputs): string[] {
  return [...STATIC_CAVEATS, ...publishedCaveats(inputs), ...ownCaveats(inputs)];
}
