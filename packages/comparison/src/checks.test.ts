import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectRecords } from '@cooperbench-repro/collector';
import { StageCheckError, type ComparisonFile, type ComparisonOptions } from '@cooperbench-repro/contracts';
import { checkComparison } from './checks.js';
import { compareRecords, loadReference } from './stage.js';
import { commandARecords, racsoRecords } from './test-support/real-data.js';

/**
 * The automatic checks of data/comparison.json: silent on the stage's output for the real runs (under
 * each own_repeats and published_missing setting); each hand-corrupted field fails with a message naming
 * the field and what was expected.
 */

const OPTS: ComparisonOptions = { own_repeats: 'first-seed', arm_prefix: 'coop-msg', published_missing: 'unknown', confidence: 0.95, run_subsets: {}, grid_pairs: 'own-known' };

let real: ComparisonFile;
let records: Parameters<typeof compareRecords>[0];
beforeAll(async () => {
  records = [...commandARecords(), ...(await racsoRecords())];
  real = compareRecords(records, OPTS, loadReference(), 'real runs');
}, 120_000);

const problems = (file: ComparisonFile) => checkComparison(file).problems;
const copy = (file: ComparisonFile): ComparisonFile => structuredClone(file);
/** A comparison row with discordant pairs (so a corrupted cell changes the paired test). */
const busy = (file: ComparisonFile) => file.comparisons.find((c) => c.only_ours > 0 && c.only_published > 0 && c.per_repo.length > 1)!;

describe('comparison checks pass on correct outputs', () => {
  it('the real runs: Command A and claude_code against the 8 published models', () => {
    expect(real.comparisons.length).toBeGreaterThan(8);
    expect(problems(real)).toEqual([]);
  });

  it('the demo runs (the synthetic logs under data/logs, collected here)', async () => {
    const workspace = join(import.meta.dirname, '../../..');
    const demo = await collectRecords({ logRoot: join(workspace, 'data/logs'), mappingFile: join(workspace, 'data/run-arms.json') });
    const file = compareRecords(demo, OPTS, loadReference(), 'demo');
    expect(file.inputs).toMatchObject({ records: 500, synthetic_records: 500 });
    expect(problems(file)).toEqual([]);
  });

  it('every own_repeats and published_missing setting', () => {
    for (const own_repeats of ['majority', 'any-pass'] as const) expect(problems(compareRecords(records, { ...OPTS, own_repeats }, loadReference()))).toEqual([]);
    expect(problems(compareRecords(records, { ...OPTS, published_missing: 'as-reported' }, loadReference()))).toEqual([]);
  });
});

describe('comparison checks fail on a corrupted output, naming the field', () => {
  it('2x2 cells that do not add up to the matched pairs, and passes that do not follow from them', () => {
    const f = copy(real);
    const c = busy(f);
    c.only_ours += 1;
    const at = `comparisons ${c.model} / ${c.arm} vs ${c.published_model}`;
    const p = problems(f);
    expect(p).toContainEqual(`${at}: both_passed + only_ours + only_published + neither: ${c.matched_pairs + 1}, expected ${c.matched_pairs} (matched_pairs)`);
    expect(p).toContainEqual(`${at}: ours_passed: ${c.ours_passed}, expected ${c.ours_passed + 1} (both_passed + only_ours)`);
    expect(p).toContainEqual(`${at}: per_repo only_ours summed: ${c.only_ours - 1}, expected ${c.only_ours} (only_ours)`);
    expect(p).toContainEqual(expect.stringMatching(new RegExp(`^${at}: matched ${c.matched_pairs}, both ${c.both_passed}, only ours ${c.only_ours}, only published ${c.only_published}, expected .* \\(the pair grid's known outcomes\\)$`)));
  });

  it('a p-value outside [0, 1], a missing p, and p < 1 with no discordant pair', () => {
    const f = copy(real);
    const c = busy(f);
    c.mcnemar_p = 1.2;
    const other = f.comparisons.find((x) => x !== c && x.matched_pairs > 0)!;
    other.mcnemar_p = null;
    const repo = c.per_repo.find((r) => r.matched_pairs > 0 && r.only_ours + r.only_published === 0)!;
    repo.mcnemar_p = 0.5;
    const p = problems(f);
    expect(p).toContainEqual(`comparisons ${c.model} / ${c.arm} vs ${c.published_model} mcnemar_p: 1.2 outside [0, 1]`);
    expect(p).toContainEqual(`comparisons ${other.model} / ${other.arm} vs ${other.published_model}: mcnemar_p null with ${other.matched_pairs} matched pairs (null exactly when there is none)`);
    expect(p).toContainEqual(`comparisons ${c.model} / ${c.arm} vs ${c.published_model} / ${repo.repo}: mcnemar_p 0.5 with no discordant pair, expected 1`);
  });

  it('matched pairs that do not reconcile with the own known pairs and the unknown published outcomes', () => {
    const f = copy(real);
    const c = busy(f);
    c.published_unknown += 2;
    const g = f.own_groups[0]!;
    g.unknown_pairs += 1;
    const p = problems(f);
    expect(p).toContainEqual(`comparisons ${c.model} / ${c.arm} vs ${c.published_model}: matched_pairs + published_unknown: ${c.matched_pairs + c.published_unknown}, expected ${c.own_known_pairs} (own_known_pairs)`);
    expect(p).toContainEqual(`own_groups ${g.model} / ${g.arm}: known_pairs + unknown_pairs: ${g.pairs + 1}, expected ${g.pairs} (pairs)`);
  });

  it('a leaderboard score that is not successes / planned pairs, an interval that does not contain it', () => {
    const f = copy(real);
    const r = f.leaderboard.find((x) => x.source === 'ours' && x.successes > 0)!;
    r.successes -= 1;
    const q = f.leaderboard.find((x) => x !== r && x.score_pct !== null && x.score_pct > 0)!;
    q.ci95_low = q.score_pct! + 1;
    const p = problems(f);
    expect(p).toContainEqual(expect.stringMatching(new RegExp(`^leaderboard ${r.view} / ${r.subset ?? 'pairs seen'} / ${r.model} \\(${r.arm}\\): score_pct ${r.score_pct}, expected [0-9.]+ \\(100 \\* successes / planned_pairs\\)$`)));
    expect(p).toContainEqual(expect.stringMatching(new RegExp(`^leaderboard .* / ${q.model} \\(${q.arm}\\): interval \\[${q.ci95_low}, ${q.ci95_high}\\] does not contain score ${q.score_pct} within \\[0, 100\\]$`)));
  });

  it('published counts and the pair grid that disagree', () => {
    const f = copy(real);
    f.published_unsolved_pairs += 1;
    const s = f.published_summary[0]!;
    s.passed_known -= 1;
    const p = problems(f);
    expect(p).toContainEqual(`published_unsolved_pairs: ${real.published_unsolved_pairs + 1}, expected ${real.published_unsolved_pairs} (grid rows where no published model passes)`);
    expect(p).toContainEqual(`published_summary ${s.published_model}: passed_known: ${s.passed_known}, expected ${s.passed_known + 1} (the grid column's passes)`);
  });

  it('assert() throws a StageCheckError listing every violation', () => {
    const f = copy(real);
    f.inputs.compared_records += 1;
    expect(() => checkComparison(f, 'comparison (x.json)').assert()).toThrow(StageCheckError);
    expect(() => checkComparison(f, 'comparison (x.json)').assert()).toThrow(/^comparison \(x\.json\): 1 check failed:\n {2}- own_groups records summed: \d+, expected \d+ \(inputs\.compared_records\)$/);
  });
});
