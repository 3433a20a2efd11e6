import { runStageChecks, StageChecks, sum, type ComparisonFile, type PairedCounts } from '@cooperbench-repro/contracts';

/**
 * Checks of data/comparison.json before it is written: every paired 2x2 table adds up (both + only ours +
 * only published + neither = matched pairs; passes per side), its McNemar p lies in [0, 1] and its
 * per-repository rows sum to it; matched pairs reconcile with the own group's known pairs, with the pair
 * grid and with the published summary; leaderboard scores are successes / planned pairs inside their
 * interval; solve sets and the unsolved-pair counts follow from the grid.
 */

type Grid = ComparisonFile['pair_grid'];
const PAIR_FIELDS = ['matched_pairs', 'both_passed', 'only_ours', 'only_published', 'neither', 'ours_passed', 'published_passed', 'conflict_known', 'conflict_agreement', 'ours_conflict', 'published_conflict'] as const;

/** One 2x2 table: the cells add up, conflict counts stay within the pairs where both flags are known, p in [0, 1]. */
function pairedCounts(checks: StageChecks, at: string, c: PairedCounts): void {
  checks.equal(`${at}: both_passed + only_ours + only_published + neither`, c.both_passed + c.only_ours + c.only_published + c.neither, c.matched_pairs, 'matched_pairs');
  checks.equal(`${at}: ours_passed`, c.ours_passed, c.both_passed + c.only_ours, 'both_passed + only_ours');
  checks.equal(`${at}: published_passed`, c.published_passed, c.both_passed + c.only_published, 'both_passed + only_published');
  checks.check(c.conflict_known <= c.matched_pairs, () => `${at}: conflict_known ${c.conflict_known} > matched_pairs ${c.matched_pairs}`);
  for (const k of ['conflict_agreement', 'ours_conflict', 'published_conflict'] as const) checks.check(c[k] <= c.conflict_known, () => `${at}: ${k} ${c[k]} > conflict_known ${c.conflict_known}`);
  checks.rate(`${at} mcnemar_p`, c.mcnemar_p);
  checks.check((c.mcnemar_p === null) === (c.matched_pairs === 0), () => `${at}: mcnemar_p ${c.mcnemar_p} with ${c.matched_pairs} matched pairs (null exactly when there is none)`);
  // With no discordant pair the exact test cannot reject: p = 1.
  if (c.matched_pairs > 0 && c.only_ours + c.only_published === 0) checks.check(c.mcnemar_p === 1, () => `${at}: mcnemar_p ${c.mcnemar_p} with no discordant pair, expected 1`);
}

/** The 2x2 table of one own column against one published column, counted from the pair grid. */
function fromGrid(grid: Grid, own: number, pub: number): { matched: number; both: number; onlyOurs: number; onlyPublished: number } {
  const out = { matched: 0, both: 0, onlyOurs: 0, onlyPublished: 0 };
  for (const p of grid.pairs) {
    const [o, q] = [p.outcomes[own], p.outcomes[pub]];
    if ((o !== 'pass' && o !== 'fail') || (q !== 'pass' && q !== 'fail')) continue;
    out.matched++;
    if (o === 'pass' && q === 'pass') out.both++;
    else if (o === 'pass') out.onlyOurs++;
    else if (q === 'pass') out.onlyPublished++;
  }
  return out;
}

function checkComparisons(checks: StageChecks, file: ComparisonFile): void {
  const column = (source: 'ours' | 'published', model: string, arm: string) => file.pair_grid.columns.findIndex((c) => c.source === source && c.model === model && (source === 'published' || c.arm === arm));
  checks.equal('comparisons rows', file.comparisons.length, file.own_groups.length * file.inputs.published_models.length, 'one per own group and published model');
  for (const c of file.comparisons) {
    const at = `comparisons ${c.model} / ${c.arm} vs ${c.published_model}`;
    pairedCounts(checks, at, c);
    const group = file.own_groups.find((g) => g.model === c.model && g.arm === c.arm);
    checks.check(group !== undefined, () => `${at}: no own_groups row for ${c.model} / ${c.arm}`);
    if (group) checks.equal(`${at}: own_known_pairs`, c.own_known_pairs, group.known_pairs, 'own_groups known_pairs');
    checks.equal(`${at}: matched_pairs + published_unknown`, c.matched_pairs + c.published_unknown, c.own_known_pairs, 'own_known_pairs');
    for (const k of PAIR_FIELDS) checks.equal(`${at}: per_repo ${k} summed`, sum(c.per_repo.map((r) => r[k])), c[k], k);
    for (const r of c.per_repo) pairedCounts(checks, `${at} / ${r.repo}`, r);
    const [own, pub] = [column('ours', c.model, c.arm), column('published', c.published_model, '')];
    checks.check(own >= 0 && pub >= 0, () => `${at}: pair_grid has no column for it`);
    if (own < 0 || pub < 0) continue;
    const g = fromGrid(file.pair_grid, own, pub);
    const cells = `matched ${c.matched_pairs}, both ${c.both_passed}, only ours ${c.only_ours}, only published ${c.only_published}`;
    checks.check(g.matched === c.matched_pairs && g.both === c.both_passed && g.onlyOurs === c.only_ours && g.onlyPublished === c.only_published, () => `${at}: ${cells}, expected matched ${g.matched}, both ${g.both}, only ours ${g.onlyOurs}, only published ${g.onlyPublished} (the pair grid's known outcomes)`);
  }
}

/** Own groups and their solve sets: known + unknown = pairs; the solve sets partition the known pairs. */
function checkOwnGroups(checks: StageChecks, file: ComparisonFile): void {
  checks.equal('own_groups records summed', sum(file.own_groups.map((g) => g.records)), file.inputs.compared_records, 'inputs.compared_records');
  checks.check(file.inputs.compared_records <= file.inputs.records && file.inputs.synthetic_records <= file.inputs.records, () => `inputs: compared ${file.inputs.compared_records} or synthetic ${file.inputs.synthetic_records} records > records ${file.inputs.records}`);
  for (const g of file.own_groups) {
    const at = `own_groups ${g.model} / ${g.arm}`;
    checks.equal(`${at}: known_pairs + unknown_pairs`, g.known_pairs + g.unknown_pairs, g.pairs, 'pairs');
    checks.check(g.repeated_pairs_disagreeing <= g.repeated_pairs && g.repeated_pairs <= g.known_pairs, () => `${at}: repeated_pairs_disagreeing ${g.repeated_pairs_disagreeing} <= repeated_pairs ${g.repeated_pairs} <= known_pairs ${g.known_pairs} does not hold`);
    checks.check(g.pairs <= g.records && g.synthetic_records <= g.records, () => `${at}: ${g.pairs} pairs or ${g.synthetic_records} synthetic records > ${g.records} records`);
    const s = file.solve_sets.find((x) => x.model === g.model && x.arm === g.arm);
    checks.check(s !== undefined, () => `${at}: no solve_sets row`);
    if (!s) continue;
    checks.equal(`solve_sets ${g.model} / ${g.arm}: own_known_pairs`, s.own_known_pairs, g.known_pairs, 'own_groups known_pairs');
    checks.equal(`solve_sets ${g.model} / ${g.arm}: nobody_solves`, s.nobody_solves, s.nobody_solves_pairs.length, 'nobody_solves_pairs listed');
    const parts = s.only_ours_solve.length + s.nobody_solves + s.only_published_solve;
    checks.check(parts <= s.own_known_pairs, () => `solve_sets ${g.model} / ${g.arm}: only ours ${s.only_ours_solve.length} + nobody ${s.nobody_solves} + only published ${s.only_published_solve} > own_known_pairs ${s.own_known_pairs}`);
    checks.check(s.no_published_outcome <= s.only_ours_solve.length + s.nobody_solves, () => `solve_sets ${g.model} / ${g.arm}: no_published_outcome ${s.no_published_outcome} > only ours + nobody ${s.only_ours_solve.length + s.nobody_solves} (such pairs are one or the other)`);
  }
}

/** Published columns of the grid against the published summary; unsolved pairs counted from the grid. */
function checkPublished(checks: StageChecks, file: ComparisonFile): void {
  const grid = file.pair_grid;
  checks.equal('pair_grid.pairs', grid.pairs.length, file.inputs.published_pairs, 'inputs.published_pairs');
  const pubCols = grid.columns.flatMap((c, i) => (c.source === 'published' ? [i] : []));
  for (const p of grid.pairs) {
    checks.equal(`pair_grid ${p.pair}: solved_by`, p.solved_by, p.outcomes.filter((o) => o === 'pass').length, 'pass outcomes in its row');
    checks.equal(`pair_grid ${p.pair}: solved_by_published`, p.solved_by_published, pubCols.filter((i) => p.outcomes[i] === 'pass').length, 'pass outcomes of published columns');
  }
  const known = (p: Grid['pairs'][number]) => pubCols.filter((i) => p.outcomes[i] !== 'unknown').length;
  checks.equal('published_no_known_outcome_pairs', file.published_no_known_outcome_pairs, grid.pairs.filter((p) => known(p) === 0).length, 'grid rows with no known published outcome');
  checks.equal('published_unsolved_pairs', file.published_unsolved_pairs, grid.pairs.filter((p) => known(p) > 0 && p.solved_by_published === 0).length, 'grid rows where no published model passes');
  for (const s of file.published_summary) {
    const at = `published_summary ${s.published_model}`;
    const i = grid.columns.findIndex((c) => c.source === 'published' && c.model === s.published_model);
    checks.check(s.result_missing_but_passed <= s.result_missing && s.passed_known <= s.known_pairs && s.known_pairs <= file.inputs.published_pairs, () => `${at}: result_missing_but_passed <= result_missing, passed_known <= known_pairs <= published pairs does not hold`);
    if (i < 0) continue;
    checks.equal(`${at}: passed_known`, s.passed_known, grid.pairs.filter((p) => p.outcomes[i] === 'pass').length, "the grid column's passes");
    checks.equal(`${at}: known_pairs`, s.known_pairs, grid.pairs.filter((p) => p.outcomes[i] !== 'unknown').length, "the grid column's known outcomes");
  }
}

/** Leaderboard rows: successes <= known <= planned, the score is successes / planned in % inside its interval, ranks 1..n. */
function checkLeaderboard(checks: StageChecks, file: ComparisonFile): void {
  const ranks = new Map<string, number[]>();
  for (const r of file.leaderboard) {
    const at = `leaderboard ${r.view} / ${r.subset ?? 'pairs seen'} / ${r.model} (${r.arm})`;
    checks.check(r.successes <= r.known_pairs && r.known_pairs <= r.planned_pairs, () => `${at}: successes ${r.successes} <= known_pairs ${r.known_pairs} <= planned_pairs ${r.planned_pairs} does not hold`);
    checks.equal(`${at}: unknown_pairs`, r.unknown_pairs, r.planned_pairs - r.known_pairs, 'planned_pairs - known_pairs');
    const expected = r.planned_pairs === 0 ? null : Math.round((r.successes / r.planned_pairs) * 10000) / 100;
    checks.check(r.score_pct === expected, () => `${at}: score_pct ${r.score_pct}, expected ${expected} (100 * successes / planned_pairs)`);
    const [s, lo, hi] = [r.score_pct, r.ci95_low, r.ci95_high];
    const inside = s === null ? lo === null && hi === null : lo !== null && hi !== null && lo >= 0 && hi <= 100 && lo <= s + 0.01 && s <= hi + 0.01;
    checks.check(inside, () => `${at}: interval [${lo}, ${hi}] does not contain score ${s} within [0, 100]`);
    const group = `${r.view}\0${r.subset ?? `\0${r.model_key}`}`;
    ranks.set(group, [...(ranks.get(group) ?? []), r.rank]);
  }
  for (const [group, list] of ranks) {
    const sorted = [...list].sort((a, b) => a - b);
    checks.check(sorted.every((x, i) => x === i + 1), () => `leaderboard ${group.replace(/\0+/g, ' / ')}: ranks ${sorted.join(', ')}, expected 1..${sorted.length}`);
  }
}

/** Every check of a comparison output; `.assert()` throws a StageCheckError listing the violations. */
export function checkComparison(file: ComparisonFile, stage = 'comparison'): StageChecks {
  return runStageChecks(stage, file, [checkComparisons, checkOwnGroups, checkPublished, checkLeaderboard]);
}
