import type { OutcomeCount, OutcomesFile } from '@cooperbench-repro/contracts';

/**
 * Automatic checks of data/outcomes.json: counts reconcile, every rate is k/n in [0, 1], every interval
 * contains its estimate. Each returns the violations it found; the stage writes nothing when any does.
 */

const EPS = 1e-12;
const where = (x: { model: string; arm: string; era: string; repo?: string }) => `${x.model} / ${x.arm} / ${x.era}${x.repo ? ` / ${x.repo}` : ''}`;
const key = (x: { model: string; arm: string; era: string }) => `${x.model}\0${x.arm}\0${x.era}`;

/** One k/n: integers that add up, rate = k/n in [0, 1] (null for n = 0), low <= rate <= high within [0, 1]. */
export function countViolations(label: string, c: OutcomeCount): string[] {
  const out: string[] = [];
  if (c.total + c.excluded !== c.records + c.missing) out.push(`${label}: total ${c.total} + excluded ${c.excluded} != records ${c.records} + missing ${c.missing}`);
  if (c.successes > c.total) out.push(`${label}: successes ${c.successes} > total ${c.total}`);
  if (c.excluded > c.unknown) out.push(`${label}: excluded ${c.excluded} > unknown ${c.unknown} (only unknown outcomes may leave the denominator)`);
  if (c.total === 0) {
    if (c.rate !== null || c.ci_low !== null || c.ci_high !== null) out.push(`${label}: n = 0 but a rate or interval is given`);
    return out;
  }
  if (c.rate === null || Math.abs(c.rate - c.successes / c.total) > EPS) out.push(`${label}: rate ${c.rate} != ${c.successes}/${c.total}`);
  if (c.rate !== null && (c.rate < 0 || c.rate > 1)) out.push(`${label}: rate ${c.rate} outside [0, 1]`);
  if (c.ci_low === null || c.ci_high === null || c.rate === null) out.push(`${label}: n = ${c.total} but no interval`);
  else if (c.ci_low < 0 || c.ci_high > 1 || c.ci_low > c.rate + EPS || c.ci_high < c.rate - EPS) out.push(`${label}: interval [${c.ci_low}, ${c.ci_high}] does not contain ${c.rate} within [0, 1]`);
  return out;
}

function ladderViolations(file: OutcomesFile, totals: Map<string, OutcomesFile['totals'][number]>): string[] {
  const out: string[] = [];
  for (const row of file.ladder) {
    const at = `ladder ${where(row)}`;
    out.push(...countViolations(`${at} final`, row.final));
    let previous = 0;
    for (const s of row.steps) {
      out.push(...countViolations(`${at} step ${s.step}`, s));
      if (s.successes !== previous + s.added) out.push(`${at} step ${s.step}: cumulative ${s.successes} != ${previous} + added ${s.added}`);
      if (s.total !== row.final.total || s.records !== row.final.records || s.missing !== row.final.missing) out.push(`${at} step ${s.step}: denominator ${s.total} differs from the final's ${row.final.total}`);
      previous = s.successes;
    }
    const last = row.steps.at(-1)?.successes ?? 0;
    const expected = last - (file.options.solo_agent1 === 'separate' ? row.solo_agent1_passes : 0);
    if (row.final.successes !== expected) out.push(`${at}: final ${row.final.successes} != last step ${last}${file.options.solo_agent1 === 'separate' ? ` - solo-agent1 ${row.solo_agent1_passes}` : ''}`);
    const merged = Object.values(row.merge_outcomes).reduce((a, b) => a + b, 0);
    if (merged !== row.final.records) out.push(`${at}: merge outcomes sum to ${merged}, records ${row.final.records}`);
    const total = totals.get(key(row));
    if (!total) out.push(`${at}: no totals row`);
    else if (total.successes !== row.final.successes || total.total !== row.final.total || total.records !== row.final.records) {
      out.push(`${at}: final ${row.final.successes}/${row.final.total} (${row.final.records} records) != totals ${total.successes}/${total.total} (${total.records})`);
    }
  }
  return out;
}

function repositoryViolations(file: OutcomesFile, totals: Map<string, OutcomesFile['totals'][number]>): string[] {
  const out: string[] = [];
  const sums = new Map<string, { successes: number; total: number; records: number; unknown: number; missing: number; repos: number }>();
  for (const r of file.repositories) {
    out.push(...countViolations(`repository ${where(r)}`, r));
    const s = sums.get(key(r)) ?? { successes: 0, total: 0, records: 0, unknown: 0, missing: 0, repos: 0 };
    sums.set(key(r), { successes: s.successes + r.successes, total: s.total + r.total, records: s.records + r.records, unknown: s.unknown + r.unknown, missing: s.missing + r.missing, repos: s.repos + 1 });
  }
  for (const [k, t] of totals) {
    out.push(...countViolations(`totals ${where(t)}`, t));
    const s = sums.get(k);
    if (!s || s.successes !== t.successes || s.total !== t.total || s.records !== t.records || s.unknown !== t.unknown || s.missing !== t.missing || s.repos !== t.repos) {
      const show = (x: typeof s & object) => `${x.successes}/${x.total} (${x.records} records, ${x.unknown} unknown, ${x.missing} missing, ${x.repos} repos)`;
      out.push(`totals ${where(t)}: per-repository rows sum to ${s ? show(s) : 'nothing'}, totals say ${show(t)}`);
    }
  }
  for (const k of sums.keys()) if (!totals.has(k)) out.push(`repository rows of ${k.split('\0').join(' / ')} have no totals row`);
  const recorded = file.totals.reduce((a, t) => a + t.records, 0);
  if (recorded !== file.inputs.records) out.push(`totals cover ${recorded} records, the store holds ${file.inputs.records}`);
  const missing = file.totals.reduce((a, t) => a + t.missing, 0);
  if (missing !== file.inputs.missing_pairs) out.push(`totals count ${missing} planned pairs without a record, inputs.missing_pairs ${file.inputs.missing_pairs}`);
  const coop = file.totals.filter((t) => t.era !== 'solo').length;
  if (coop !== file.ladder.length) out.push(`${coop} non-solo totals rows but ${file.ladder.length} ladder rows`);
  return out;
}

/** Every violation in the file; the names of the checks that ran (recorded in the output when all pass). */
export function checkOutcomes(file: OutcomesFile): { violations: string[]; checks: string[] } {
  const totals = new Map(file.totals.map((t) => [key(t), t]));
  const violations = [...ladderViolations(file, totals), ...repositoryViolations(file, totals)];
  return {
    violations,
    checks: [
      'every count: total + excluded = records + missing planned pairs, successes <= total, only unknown outcomes excluded',
      'every rate = successes / total in [0, 1]; every Wilson interval within [0, 1] contains its rate',
      'ladder: each step = previous + added, one denominator per row, final = last step (less solo-agent1 passes under separate)',
      'ladder: merge outcomes sum to the records; final equals the totals row of its model, arm and era',
      'per-repository rows sum to their totals (successes, n, records, unknown, missing, repositories)',
      'totals cover every record of the store and every missing planned pair; one ladder row per non-solo totals row',
    ],
  };
}
