import type { ComparisonFile, ComparisonOptions } from '@cooperbench-repro/contracts';
import { publishedOutcome, type OwnPairOutcome } from './compare.js';
import type { PublishedTable } from './published.js';

/** The known published outcomes of a pair (models whose result is unknown are left out). */
export function publishedKnown(published: PublishedTable, options: ComparisonOptions, key: string): { model: string; passed: boolean }[] {
  return published.models.flatMap((m) => {
    const o = publishedOutcome(published.byKey.get(key)?.outcomes.get(m), options);
    return o ? [{ model: m, passed: o.passed }] : [];
  });
}

/** Pairs nobody solves, pairs only ours solve and pairs only published models solve, for one own model/arm. */
export function solveSets(
  group: { model: string; arm: string },
  known: readonly OwnPairOutcome[],
  published: PublishedTable,
  options: ComparisonOptions,
): ComparisonFile['solve_sets'][number] {
  let noPublished = 0;
  let onlyPublished = 0;
  const onlyOurs: string[] = [];
  const nobodyPairs: string[] = [];
  for (const p of known) {
    const pub = publishedKnown(published, options, p.key);
    if (pub.length === 0) noPublished++;
    const anyPub = pub.some((o) => o.passed);
    if (p.passed && !anyPub) onlyOurs.push(p.key);
    else if (!p.passed && !anyPub) nobodyPairs.push(p.key);
    else if (!p.passed && anyPub) onlyPublished++;
  }
  return {
    model: group.model,
    arm: group.arm,
    own_known_pairs: known.length,
    no_published_outcome: noPublished,
    nobody_solves: nobodyPairs.length,
    only_ours_solve: onlyOurs,
    only_published_solve: onlyPublished,
    nobody_solves_pairs: nobodyPairs,
  };
}

/** Published pairs no published model solves (among known outcomes), and pairs with no known published outcome. */
export function publishedUnsolved(published: PublishedTable, options: ComparisonOptions): { unsolved: number; noKnown: number } {
  let unsolved = 0;
  let noKnown = 0;
  for (const p of published.pairs) {
    const outs = publishedKnown(published, options, p.key);
    if (outs.length === 0) noKnown++;
    else if (!outs.some((o) => o.passed)) unsolved++;
  }
  return { unsolved, noKnown };
}
