import { armHasMessaging, settingOfArm, wilsonInterval, type RunRecord } from '@cooperbench-repro/contracts';
import { pairKey, parsePairKey, type Dataset } from './dataset.js';
import { mcnemarExact } from './mcnemar.js';
import type { PublishedOutcome, PublishedTable } from './published.js';
import {
  COMPARISON_SCHEMA,
  type ComparisonFile,
  type ComparisonOptions,
  type ComparisonRow,
  type LeaderboardRow,
  type OwnRepeats,
  type PairedCounts,
} from '@cooperbench-repro/contracts';

/** Website leaderboard metadata of a published model (data/reference/website/leaderboard_transcribed.csv). */
export interface PublishedModelInfo {
  model: string;
  full_name: string;
  framework: string;
  git: boolean;
}

export interface ComparisonInputs {
  records: readonly RunRecord[];
  published: PublishedTable;
  dataset: Dataset;
  options: ComparisonOptions;
  /** Display names recorded in the output. */
  storeName: string;
  publishedName: string;
  /** Keyed by website model_key (gpt5, claude, ...). */
  publishedInfo?: ReadonlyMap<string, PublishedModelInfo>;
  /** Runs the records were restricted to, recorded in the output (null: all). */
  runFilter?: readonly string[] | null;
}

/** One own model/arm's outcome on one pair after combining its repeats. */
export interface OwnPairOutcome {
  key: string;
  repo: string;
  /** null: no record of the pair has a known outcome. */
  passed: boolean | null;
  /** Naive-conflict flag of the first outcome-known record (seed order) that has one. */
  conflict: boolean | null;
  known_records: number;
  disagree: boolean;
}

function seedOrder(a: RunRecord, b: RunRecord): number {
  const sa = a.seed ?? Number.POSITIVE_INFINITY;
  const sb = b.seed ?? Number.POSITIVE_INFINITY;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (a.run !== b.run) return a.run < b.run ? -1 : 1;
  return a.record_id < b.record_id ? -1 : a.record_id > b.record_id ? 1 : 0;
}

/** Combines the records of one model/arm on one pair into one outcome (see OwnRepeatsSchema). */
export function combineRepeats(records: readonly RunRecord[], mode: OwnRepeats): { passed: boolean | null; conflict: boolean | null; known: number; disagree: boolean } {
  const known = records.filter((r) => r.outcome !== 'unknown').sort(seedOrder);
  if (known.length === 0) return { passed: null, conflict: null, known: 0, disagree: false };
  const passes = known.filter((r) => r.outcome === 'pass').length;
  let passed: boolean;
  switch (mode) {
    case 'first-seed':
      passed = known[0]!.outcome === 'pass';
      break;
    case 'majority':
      passed = passes * 2 > known.length;
      break;
    case 'any-pass':
      passed = passes > 0;
      break;
  }
  const conflict = known.find((r) => r.merge.naive_conflict !== null)?.merge.naive_conflict ?? null;
  return { passed, conflict, known: known.length, disagree: passes > 0 && passes < known.length };
}

interface Group {
  model: string;
  arm: string;
  records: RunRecord[];
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

function groupsOf(records: readonly RunRecord[]): Group[] {
  return [...groupBy(records, (r) => `${r.model}\u0000${r.arm}`).values()]
    .map((rs) => ({ model: rs[0]!.model, arm: rs[0]!.arm, records: rs }))
    .sort((a, b) => (a.model === b.model ? (a.arm < b.arm ? -1 : 1) : a.model < b.model ? -1 : 1));
}

/**
 * Per pair (dataset key) of a group: combined outcome; records outside the dataset are returned apart
 * (or, with `keepUnmatched`, kept under their own `repo/task/a_b` key, for a pairs-seen denominator).
 */
export function ownPairs(records: readonly RunRecord[], dataset: Dataset, mode: OwnRepeats, keepUnmatched = false): { pairs: Map<string, OwnPairOutcome>; unmatched: string[] } {
  const byKey = new Map<string, RunRecord[]>();
  const unmatched = new Set<string>();
  for (const r of records) {
    let key = dataset.keyOf(r);
    if (key === null) {
      unmatched.add(pairKey(r));
      if (!keepUnmatched) continue;
      key = pairKey(r);
    }
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const pairs = new Map<string, OwnPairOutcome>();
  for (const [key, rs] of [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const c = combineRepeats(rs, mode);
    pairs.set(key, { key, repo: parsePairKey(key).repo, passed: c.passed, conflict: c.conflict, known_records: c.known, disagree: c.disagree });
  }
  return { pairs, unmatched: sorted(unmatched) };
}

/** The published outcome as the options read it: null when unknown. */
function publishedOutcome(o: PublishedOutcome | undefined, options: ComparisonOptions): { passed: boolean; conflict: boolean | null } | null {
  if (!o) return null;
  if (o.result_missing && options.published_missing === 'unknown') return null;
  return { passed: o.passed, conflict: o.result_missing ? null : o.conflict };
}

function emptyCounts(): PairedCounts {
  return {
    matched_pairs: 0,
    ours_passed: 0,
    published_passed: 0,
    both_passed: 0,
    only_ours: 0,
    only_published: 0,
    neither: 0,
    mcnemar_p: null,
    conflict_known: 0,
    conflict_agreement: 0,
    ours_conflict: 0,
    published_conflict: 0,
  };
}

function addPair(c: PairedCounts, ours: OwnPairOutcome, pub: { passed: boolean; conflict: boolean | null }): void {
  c.matched_pairs++;
  if (ours.passed) c.ours_passed++;
  if (pub.passed) c.published_passed++;
  if (ours.passed && pub.passed) c.both_passed++;
  else if (ours.passed) c.only_ours++;
  else if (pub.passed) c.only_published++;
  else c.neither++;
  if (ours.conflict !== null && pub.conflict !== null) {
    c.conflict_known++;
    if (ours.conflict === pub.conflict) c.conflict_agreement++;
    if (ours.conflict) c.ours_conflict++;
    if (pub.conflict) c.published_conflict++;
  }
}

function finish(c: PairedCounts): PairedCounts {
  c.mcnemar_p = c.matched_pairs === 0 ? null : mcnemarExact(c.only_ours, c.only_published);
  return c;
}

/** The paired comparison of one own model/arm (its combined per-pair outcomes) with one published model. */
export function comparePairs(own: ReadonlyMap<string, OwnPairOutcome>, published: PublishedTable, publishedModel: string, options: ComparisonOptions): Omit<ComparisonRow, 'model' | 'arm'> {
  const total = emptyCounts();
  const perRepo = new Map<string, PairedCounts>();
  let ownKnown = 0;
  let publishedUnknown = 0;
  for (const ours of own.values()) {
    if (ours.passed === null) continue;
    ownKnown++;
    const pub = publishedOutcome(published.byKey.get(ours.key)?.outcomes.get(publishedModel), options);
    if (pub === null) {
      publishedUnknown++;
      continue;
    }
    addPair(total, ours, pub);
    if (!perRepo.has(ours.repo)) perRepo.set(ours.repo, emptyCounts());
    addPair(perRepo.get(ours.repo)!, ours, pub);
  }
  return {
    published_model: publishedModel,
    ...finish(total),
    own_known_pairs: ownKnown,
    published_unknown: publishedUnknown,
    per_repo: [...perRepo.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([repo, c]) => ({ repo, ...finish(c) })),
  };
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

function pct(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10000) / 100;
}

function leaderboardRows(groups: readonly Group[], inputs: ComparisonInputs, runSubsets: Map<string, { subset: string | null; determined_by: 'pair-set' | 'config' | 'pairs-seen' }>): LeaderboardRow[] {
  const { dataset, options, published } = inputs;
  const rows: Omit<LeaderboardRow, 'rank'>[] = [];
  const usedSubsets = new Set<string>();
  for (const g of groups) {
    const byRunSubset = groupBy(g.records, (r) => runSubsets.get(r.run)?.subset ?? '\u0000');
    for (const [subsetKey, recs] of byRunSubset) {
      const subset = subsetKey === '\u0000' ? null : subsetKey;
      const runs = sorted(recs.map((r) => r.run));
      const own = ownPairs(recs, dataset, options.own_repeats, subset === null).pairs;
      const planned = subset === null ? new Set(own.keys()) : dataset.subsets.get(subset)!;
      let successes = 0;
      let known = 0;
      for (const key of planned) {
        const o = own.get(key);
        if (o && o.passed !== null) {
          known++;
          if (o.passed) successes++;
        }
      }
      if (subset !== null) usedSubsets.add(subset);
      const ci = wilsonInterval(successes, planned.size, options.confidence);
      const frameworks = sorted(recs.map((r) => r.agent_framework ?? 'unknown'));
      const determinedBy = subset === null ? 'pairs-seen' : runs.some((r) => runSubsets.get(r)?.determined_by === 'config') ? 'config' : 'pair-set';
      rows.push({
        view: settingOfArm(g.arm),
        model: g.model,
        model_key: `${slug(g.model)}_${slug(g.arm)}`,
        full_name: `${g.model} (${frameworks.join(', ')})`,
        score_pct: pct(ci.rate),
        ci95_low: pct(ci.low),
        ci95_high: pct(ci.high),
        framework: frameworks.join(';'),
        git: g.arm.split('-').includes('git'),
        messaging: armHasMessaging(g.arm),
        source: 'ours',
        arm: g.arm,
        subset,
        subset_determined_by: determinedBy,
        planned_pairs: planned.size,
        successes,
        known_pairs: known,
        unknown_pairs: planned.size - known,
        runs,
        eval_format: sorted(recs.map((r) => r.eval_format)).join(';'),
      });
    }
  }
  // Published Coop reference rows on every subset our rows use, in the website's convention
  // (`passed` as reported over the planned pairs; result_missing pairs count as not passed unless marked passed).
  for (const subset of [...usedSubsets].sort()) {
    const planned = dataset.subsets.get(subset)!;
    for (const m of published.models) {
      let successes = 0;
      let known = 0;
      for (const key of planned) {
        const o = published.byKey.get(key)?.outcomes.get(m);
        if (!o) continue;
        if (o.passed) successes++;
        if (!o.result_missing) known++;
      }
      const ci = wilsonInterval(successes, planned.size, options.confidence);
      const info = inputs.publishedInfo?.get(m);
      rows.push({
        view: 'coop',
        model: m,
        model_key: m,
        full_name: info?.full_name ?? m,
        score_pct: pct(ci.rate),
        ci95_low: pct(ci.low),
        ci95_high: pct(ci.high),
        framework: info?.framework ?? 'unknown',
        git: info?.git ?? false,
        messaging: true,
        source: 'published',
        arm: 'coop-msg',
        subset,
        subset_determined_by: 'published',
        planned_pairs: planned.size,
        successes,
        known_pairs: known,
        unknown_pairs: planned.size - known,
        runs: ['website coop/index.json'],
        eval_format: 'paper-era (naive -> union -> LLM resolver)',
      });
    }
  }
  // Rank within view and subset, by score (ties keep the order of appearance); a row whose denominator
  // is its own pairs seen is comparable with nothing else and ranks 1 alone.
  const ranked: LeaderboardRow[] = [];
  for (const list of groupBy(rows, (r) => `${r.view}\u0000${r.subset ?? `\u0000${r.model_key}`}`).values()) {
    list
      .sort((a, b) => (b.score_pct ?? -1) - (a.score_pct ?? -1))
      .forEach((r, i) => ranked.push({ ...r, rank: i + 1 }));
  }
  const viewOrder = { coop: 0, solo: 1, team: 2 } as const;
  return ranked.sort((a, b) => viewOrder[a.view] - viewOrder[b.view] || (a.subset ?? '~').localeCompare(b.subset ?? '~') || a.rank - b.rank);
}

export const STATIC_CAVEATS = [
  'Eval era: the published per-pair data (website coop/index.json, the paper runs) come from the paper-era pipeline (CooperBench v0.1.0, OpenHands v0.54, 100 actions per agent) whose coop success tries a naive merge, then a union merge, then a learned LLM merge resolver. Upstream 0.0.2-0.0.15 (eval_format naive-union) tries naive then union only; 0.0.16-0.0.19 (identical-naive) drops the union step (a naive conflict fails unless agent1\'s patch alone passes both suites). Pass rates of different eval eras are not directly comparable; the McNemar tests compare outcomes as each pipeline scored them.',
  'Published data are Coop with messaging only: own arms are compared only when they start with the configured arm prefix (coop-msg). No no-communication or solo per-pair data is published.',
  'No published solo per-pair outcomes exist, so the paper\'s relative difficulty d(t) cannot be rebuilt and own models cannot be placed on the paper\'s difficulty axis.',
  'The published has_conflict flag is the website\'s hasConflict (presumably the naive git merge of the with-communication run); it does not reproduce the paper\'s Table 6 naive-merge column. It is null exactly where result_missing is set.',
  'Published models differ from own models in agent framework (OpenHands / OpenHands SDK / mini-SWE-agent vs the own runs\' frameworks), step limits and prompts: a difference in pass rate is a difference of whole systems, not of models alone.',
];

export function computeComparison(inputs: ComparisonInputs): ComparisonFile {
  const { records, published, dataset, options } = inputs;
  // Run -> subset (config override, else the subset whose pair set equals the run's).
  const runSubsets = new Map<string, { subset: string | null; determined_by: 'pair-set' | 'config' | 'pairs-seen'; pairs: number }>();
  for (const [run, recs] of groupBy(records, (r) => r.run)) {
    const keys = new Set<string>();
    let outside = false;
    for (const r of recs) {
      const k = dataset.keyOf(r);
      if (k === null) outside = true;
      else keys.add(k);
    }
    const override = options.run_subsets[run];
    if (override !== undefined) {
      if (!dataset.subsets.has(override)) throw new RangeError(`run_subsets.${run}: unknown subset ${JSON.stringify(override)} (known: ${[...dataset.subsets.keys()].join(', ')})`);
      runSubsets.set(run, { subset: override, determined_by: 'config', pairs: keys.size });
    } else {
      const subset = outside ? null : dataset.subsetOfPairs(keys);
      runSubsets.set(run, { subset, determined_by: subset === null ? 'pairs-seen' : 'pair-set', pairs: keys.size });
    }
  }

  const allGroups = groupsOf(records);
  const compared = allGroups.filter((g) => g.arm.startsWith(options.arm_prefix));
  const own_groups: ComparisonFile['own_groups'] = [];
  const comparisons: ComparisonRow[] = [];
  const solve_sets: ComparisonFile['solve_sets'] = [];
  const publishedKnown = (key: string): { model: string; passed: boolean }[] =>
    published.models.flatMap((m) => {
      const o = publishedOutcome(published.byKey.get(key)?.outcomes.get(m), options);
      return o ? [{ model: m, passed: o.passed }] : [];
    });

  for (const g of compared) {
    const { pairs, unmatched } = ownPairs(g.records, dataset, options.own_repeats);
    const known = [...pairs.values()].filter((p) => p.passed !== null);
    const repeated = known.filter((p) => p.known_records > 1);
    own_groups.push({
      model: g.model,
      arm: g.arm,
      runs: sorted(g.records.map((r) => r.run)),
      agent_frameworks: sorted(g.records.map((r) => r.agent_framework ?? 'unknown')),
      eval_formats: sorted(g.records.map((r) => r.eval_format)),
      upstream_versions: sorted(g.records.map((r) => r.upstream_version ?? 'unknown')),
      synthetic_records: g.records.filter((r) => r.synthetic).length,
      records: g.records.length,
      pairs: pairs.size,
      known_pairs: known.length,
      unknown_pairs: pairs.size - known.length,
      unmatched_pairs: unmatched,
      repeated_pairs: repeated.length,
      repeated_pairs_disagreeing: repeated.filter((p) => p.disagree).length,
    });
    for (const m of published.models) comparisons.push({ model: g.model, arm: g.arm, ...comparePairs(pairs, published, m, options) });

    let noPublished = 0;
    let nobody = 0;
    let onlyPublished = 0;
    const onlyOurs: string[] = [];
    const nobodyPairs: string[] = [];
    for (const p of known) {
      const pub = publishedKnown(p.key);
      if (pub.length === 0) noPublished++;
      const anyPub = pub.some((o) => o.passed);
      if (p.passed && !anyPub) onlyOurs.push(p.key);
      else if (!p.passed && !anyPub) {
        nobody++;
        nobodyPairs.push(p.key);
      } else if (!p.passed && anyPub) onlyPublished++;
    }
    solve_sets.push({
      model: g.model,
      arm: g.arm,
      own_known_pairs: known.length,
      no_published_outcome: noPublished,
      nobody_solves: nobody,
      only_ours_solve: onlyOurs,
      only_published_solve: onlyPublished,
      nobody_solves_pairs: nobodyPairs,
    });
  }

  const published_summary = published.models.map((m) => {
    const outs = published.pairs.map((p) => ({ repo: p.repo, o: p.outcomes.get(m)! }));
    const typst = outs.filter((x) => x.repo === 'typst_task');
    const knownOuts = outs.filter((x) => publishedOutcome(x.o, options) !== null);
    return {
      published_model: m,
      passed_as_reported: outs.filter((x) => x.o.passed).length,
      result_missing: outs.filter((x) => x.o.result_missing).length,
      result_missing_but_passed: outs.filter((x) => x.o.result_missing && x.o.passed).length,
      conflict_unknown: outs.filter((x) => x.o.conflict === null).length,
      known_pairs: knownOuts.length,
      passed_known: knownOuts.filter((x) => x.o.passed).length,
      typst_missing: typst.length > 0 && typst.every((x) => x.o.result_missing),
    };
  });

  let unsolved = 0;
  let noKnown = 0;
  for (const p of published.pairs) {
    const outs = publishedKnown(p.key);
    if (outs.length === 0) noKnown++;
    else if (!outs.some((o) => o.passed)) unsolved++;
  }

  const caveats = [...STATIC_CAVEATS];
  const typstMissing = published_summary.filter((s) => s.typst_missing).map((s) => s.published_model);
  if (typstMissing.length) caveats.push(`Typst pairs: all 45 typst_task pairs are result_missing for ${typstMissing.join(', ')} (probably a failed or absent run); they never enter those models' matched pairs.`);
  caveats.push(
    `Conflict flags missing (has_conflict empty) for many published pairs: ${published_summary
      .filter((s) => s.conflict_unknown > 0)
      .map((s) => `${s.published_model} ${s.conflict_unknown}`)
      .join(', ')}; conflict agreement is counted only where both flags are known (conflict_known).`,
  );
  const missingPassed = published_summary.filter((s) => s.result_missing_but_passed > 0);
  if (missingPassed.length) {
    caveats.push(
      `Published result_missing pairs are ${options.published_missing === 'unknown' ? 'treated as unknown (excluded from matched pairs)' : 'used as reported'}; some of them are marked passed and the website counts them in its totals (${missingPassed
        .map((s) => `${s.published_model} ${s.result_missing_but_passed}`)
        .join(', ')}), so published_passed over matched pairs can be lower than the website's numbers.`,
    );
  }
  caveats.push(
    `Own repeats (own_repeats = ${options.own_repeats}): one outcome per pair per own model and arm; records with an unknown outcome (no eval, eval error) are not outcomes. ` +
      'first-seed takes the lowest seed with a known outcome; majority needs more than half of the known outcomes to pass; any-pass favours repeated runs. The own naive-conflict flag is that of the first outcome-known record (seed order) that has one.',
  );
  const synthetic = records.filter((r) => r.synthetic).length;
  if (synthetic > 0) caveats.push(`${synthetic} of ${records.length} records in the store are synthetic (demo data): their comparisons say nothing about any real model.`);
  const eras = sorted(compared.flatMap((g) => g.records.map((r) => r.eval_format)));
  if (eras.length) caveats.push(`Own compared records were scored with eval_format ${eras.join(', ')}; the published data with the paper-era naive -> union -> LLM resolver pipeline.`);
  const unjoinable = own_groups.filter((g) => g.unmatched_pairs.length > 0);
  if (unjoinable.length) {
    caveats.push(
      `Pairs not in the CooperBench dataset (unknown repo, task or feature pair, e.g. synthetic demo tasks) cannot be joined to the published data: ${unjoinable
        .map((g) => `${g.model} ${g.arm} ${g.unmatched_pairs.length}`)
        .join('; ')}.`,
    );
  }
  const variants = compared.filter((g) => g.arm !== 'coop-msg').map((g) => `${g.model} ${g.arm}`);
  if (variants.length) caveats.push(`Arm variants compared with plain coop-with-messaging published runs (the paper had no shared git and free-form messages only): ${variants.join('; ')}.`);
  const undetermined = [...runSubsets.entries()].filter(([, s]) => s.subset === null).map(([r]) => r);
  if (undetermined.length) caveats.push(`Leaderboard: the subset could not be determined for run(s) ${undetermined.sort().join(', ')} (their pair set equals no subset); their denominator is the pairs seen.`);

  return {
    schema: COMPARISON_SCHEMA,
    options,
    inputs: {
      store: inputs.storeName,
      records: records.length,
      synthetic_records: synthetic,
      compared_records: compared.reduce((n, g) => n + g.records.length, 0),
      run_filter: inputs.runFilter ? [...inputs.runFilter] : null,
      published_file: inputs.publishedName,
      published_pairs: published.pairs.length,
      published_models: published.models,
    },
    caveats,
    published_summary,
    published_unsolved_pairs: unsolved,
    published_no_known_outcome_pairs: noKnown,
    own_groups,
    comparisons,
    solve_sets,
    leaderboard: leaderboardRows(allGroups, inputs, runSubsets),
    run_subsets: [...runSubsets.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([run, s]) => ({ run, ...s })),
  };
}
