import { armHasMessaging, settingOfArm, wilsonInterval, type LeaderboardRow } from '@cooperbench-repro/contracts';
import { ownPairs, type ComparisonInputs } from './compare.js';
import { groupBy, sorted, type Group } from './group.js';

/** The subset a run's planned pairs come from (config override, else the subset whose pair set equals the run's). */
export interface RunSubset {
  subset: string | null;
  determined_by: 'pair-set' | 'config' | 'pairs-seen';
  pairs: number;
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

function pct(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10000) / 100;
}

export function leaderboardRows(groups: readonly Group[], inputs: ComparisonInputs, runSubsets: ReadonlyMap<string, RunSubset>): LeaderboardRow[] {
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

/** Run -> subset: the config's run_subsets override, else the subset whose pair set equals the run's pairs. */
export function runSubsetsOf(inputs: Pick<ComparisonInputs, 'records' | 'dataset' | 'options'>): Map<string, RunSubset> {
  const { records, dataset, options } = inputs;
  const out = new Map<string, RunSubset>();
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
      out.set(run, { subset: override, determined_by: 'config', pairs: keys.size });
    } else {
      const subset = outside ? null : dataset.subsetOfPairs(keys);
      out.set(run, { subset, determined_by: subset === null ? 'pairs-seen' : 'pair-set', pairs: keys.size });
    }
  }
  return out;
}
