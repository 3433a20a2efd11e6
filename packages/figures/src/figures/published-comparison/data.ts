import { wilsonInterval, type ComparisonFile, type ComparisonRow, type GridOutcome } from '@cooperbench-repro/contracts';
import { csvRows, type CsvRow } from '../../render/csv.js';
import { shortModelName } from '../../render/labels.js';
import { armLabel } from '../../render/style.js';
import { dataWarning, warnedSubtitle, wilsonText, wrapLine, type Subtitle } from '../../render/subtitle.js';

/**
 * Data step of the published comparison: data/comparison.json -> (a) per own model/arm, each published
 * model's success and ours on the same matched pairs (Wilson intervals); (b) the pair x model grid,
 * pairs sorted by how many models solve them; the CSV (one row per own model, own arm, published model).
 */

/** The columns first (as the comparison stage names them), then the intervals and the caveats as data. */
export const PUBLISHED_COMPARISON_CSV_COLUMNS = [
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
  'ours_rate',
  'ours_ci_low',
  'ours_ci_high',
  'published_rate',
  'published_ci_low',
  'published_ci_high',
  'confidence',
  'own_repeats',
  'published_missing',
  'own_eval_formats',
  'published_eval_era',
  'published_display_name',
  'published_result_missing',
  'published_conflict_unknown',
  'published_typst_missing',
] as const;

export const PUBLISHED_EVAL_ERA = 'paper-era (naive -> union -> LLM merge resolver)';
export const OURS_SERIES = 'Ours, on the same pairs';
export const PUBLISHED_SERIES = 'Published model';
export const OURS_PREFIX = 'Ours: ';
export const GRID_OUTCOMES: readonly GridOutcome[] = ['pass', 'fail', 'unknown', 'not-run'];

export interface PlacementRow {
  row: string;
  series: string;
  rate: number;
  ci_low: number;
  ci_high: number;
  passed: number;
  n: number;
}

export interface PlacementPanel {
  title: string;
  subtitle: string[];
  order: string[];
  rows: PlacementRow[];
  /** Said in the panel when nothing is drawn. */
  note: string | null;
  /** Upper end of the success axis: the largest whisker, rounded up to a tenth (at least 0.2). */
  xMax: number;
}

export interface GridCell {
  pair: string;
  row: string;
  outcome: GridOutcome;
}

export interface PublishedComparisonData {
  subtitle: Subtitle;
  panels: PlacementPanel[];
  grid: {
    title: string;
    subtitle: string[];
    pairOrder: string[];
    rowOrder: string[];
    ownRows: string[];
    cells: GridCell[];
    solved: { pair: string; solved_by: number }[];
    models: number;
  };
  csv: CsvRow[];
}

const round6 = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);
const fmtP = (p: number | null) => (p === null ? 'p n/a' : p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);
const groupKey = (g: { model: string; arm: string }) => `${g.model}\u0000${g.arm}`;

function displayNames(file: ComparisonFile): Map<string, string> {
  return new Map(file.published_summary.map((s) => [s.published_model, s.display_name]));
}

export function ownRowLabel(g: { model: string; arm: string }): string {
  return `${OURS_PREFIX}${shortModelName(g.model)}, ${armLabel(g.arm)}`;
}

const CAPTION_CHARS = 150;

/** The caveats on the figure's face: eval era, typst, conflict flags, no solo data, the options. */
export function comparisonSubtitle(file: ComparisonFile): Subtitle {
  const formats = [...new Set(file.own_groups.flatMap((g) => g.eval_formats))].sort();
  const typst = file.published_summary.filter((s) => s.typst_missing).map((s) => s.published_model);
  const conflicts = file.published_summary.filter((s) => s.conflict_unknown > 0).map((s) => `${s.published_model} ${s.conflict_unknown}`);
  const o = file.options;
  const text = [
    `Published: website per-pair Coop outcomes of ${file.inputs.published_models.length} models on ${file.inputs.published_pairs} pairs, scored by the ${PUBLISHED_EVAL_ERA} pipeline; ` +
      `ours: eval_format ${formats.join(', ') || 'none'}. Different merge pipelines: pass rates are not directly comparable.`,
    `Typst pairs missing for ${typst.join(', ') || 'no model'}; conflict flags missing for ${conflicts.join(', ') || 'no model'}; ` +
      "no published solo per-pair data, so own models cannot be placed on the paper's difficulty axis.",
    `One own outcome per pair (own_repeats = ${o.own_repeats}); published result_missing = ${o.published_missing}; matched = both outcomes known; ` +
      `whiskers: ${wilsonText(o.confidence)} intervals; p: exact two-sided McNemar; grid_pairs = ${o.grid_pairs}.`,
  ].flatMap((t) => wrapLine(t, CAPTION_CHARS));
  return warnedSubtitle([dataWarning(file.inputs.records, file.inputs.synthetic_records, file.inputs.store)], text);
}

const axisMax = (highs: readonly number[]) => Math.min(1, Math.max(0.2, Math.ceil(Math.max(0, ...highs) * 10 - 1e-9) / 10));

function interval(k: number, n: number, confidence: number) {
  const w = wilsonInterval(k, n, confidence);
  return { rate: w.rate!, ci_low: w.low!, ci_high: w.high! };
}

const listRuns = (runs: readonly string[]) => (runs.length <= 3 ? runs.join(', ') : `${runs.slice(0, 3).join(', ')} +${runs.length - 3} more`);

/** Panel (a) of one own model/arm: each published model and ours on their matched pairs, by published success. */
function placementPanel(file: ComparisonFile, g: ComparisonFile['own_groups'][number], names: ReadonlyMap<string, string>): PlacementPanel {
  const conf = file.options.confidence;
  const rows = file.comparisons.filter((c) => groupKey(c) === groupKey(g) && c.matched_pairs > 0);
  const label = (c: ComparisonRow) => `${names.get(c.published_model) ?? c.published_model} (n = ${c.matched_pairs}, ${fmtP(c.mcnemar_p)})`;
  rows.sort((a, b) => b.published_passed / b.matched_pairs - a.published_passed / a.matched_pairs || (a.published_model < b.published_model ? -1 : 1));
  const s = file.solve_sets.find((x) => groupKey(x) === groupKey(g));
  const note =
    rows.length > 0
      ? null
      : g.unmatched_pairs.length > 0 && g.known_pairs === 0
        ? `no own pair joins the published data: ${g.unmatched_pairs.length} pairs are not in the CooperBench dataset`
        : 'no own pair with a known outcome has a known published outcome';
  return {
    title: ownRowLabel(g),
    subtitle: [
      `runs ${listRuns(g.runs)}; ${g.known_pairs} own pairs with a known outcome; eval_format ${g.eval_formats.join(', ')}`,
      s ? `of those, ${s.only_ours_solve.length} solved by ours and no published model, ${s.nobody_solves} by no model` : ' ',
    ],
    order: rows.map(label),
    rows: rows.flatMap((c) => [
      { row: label(c), series: PUBLISHED_SERIES, passed: c.published_passed, n: c.matched_pairs, ...interval(c.published_passed, c.matched_pairs, conf) },
      { row: label(c), series: OURS_SERIES, passed: c.ours_passed, n: c.matched_pairs, ...interval(c.ours_passed, c.matched_pairs, conf) },
    ]),
    note,
    xMax: axisMax(rows.flatMap((c) => [interval(c.published_passed, c.matched_pairs, conf).ci_high, interval(c.ours_passed, c.matched_pairs, conf).ci_high])),
  };
}

/** Panel (b): the grid's pairs (own-known, or all when none or when configured), sorted by how many models solve them. */
function gridData(file: ComparisonFile, names: ReadonlyMap<string, string>): PublishedComparisonData['grid'] {
  const { columns, pairs } = file.pair_grid;
  const own = columns.map((c, i) => (c.source === 'ours' ? i : -1)).filter((i) => i >= 0);
  const ownKnown = pairs.filter((p) => own.some((i) => p.outcomes[i] === 'pass' || p.outcomes[i] === 'fail'));
  const fallback = file.options.grid_pairs === 'own-known' && ownKnown.length === 0;
  const shown = (file.options.grid_pairs === 'all' || fallback ? [...pairs] : ownKnown).sort(
    (a, b) => b.solved_by - a.solved_by || b.solved_by_published - a.solved_by_published || (a.pair < b.pair ? -1 : a.pair > b.pair ? 1 : 0),
  );
  const labels = columns.map((c) => (c.source === 'ours' ? ownRowLabel(c) : (names.get(c.model) ?? c.model)));
  const known = (o: GridOutcome) => o === 'pass' || o === 'fail';
  const nobody = shown.filter((p) => p.solved_by === 0 && p.outcomes.some(known)).length;
  const onlyOurs = shown.filter((p) => p.solved_by > 0 && p.solved_by_published === 0).length;
  const which = fallback
    ? `all ${shown.length} published pairs (no own pair with a known outcome joins the published data)`
    : file.options.grid_pairs === 'all'
      ? `all ${shown.length} published pairs`
      : `the ${shown.length} pairs with a known own outcome`;
  return {
    title: `(b) Outcome per pair and model: ${which}`,
    subtitle: [
      `pairs sorted by how many of the ${columns.length} rows solve them (bars above); ${nobody} solved by nobody (among known outcomes), ${onlyOurs} solved only by ours`,
    ],
    pairOrder: shown.map((p) => p.pair),
    rowOrder: labels,
    ownRows: labels.filter((_, i) => columns[i]!.source === 'ours'),
    cells: shown.flatMap((p) => p.outcomes.map((outcome, i) => ({ pair: p.pair, row: labels[i]!, outcome }))),
    solved: shown.map((p) => ({ pair: p.pair, solved_by: p.solved_by })),
    models: columns.length,
  };
}

function csvOf(file: ComparisonFile): CsvRow[] {
  const conf = file.options.confidence;
  const out = csvRows(PUBLISHED_COMPARISON_CSV_COLUMNS);
  for (const c of file.comparisons) {
    const g = file.own_groups.find((x) => groupKey(x) === groupKey(c));
    const s = file.published_summary.find((x) => x.published_model === c.published_model);
    const ours = wilsonInterval(c.ours_passed, c.matched_pairs, conf);
    const pub = wilsonInterval(c.published_passed, c.matched_pairs, conf);
    const { per_repo: _perRepo, ...counts } = c;
    out.add({
      ...counts,
      // six significant digits: p can be 1e-9, which six decimals would print as 0
      mcnemar_p: c.mcnemar_p === null ? null : Number(c.mcnemar_p.toPrecision(6)),
      ours_rate: round6(ours.rate),
      ours_ci_low: round6(ours.low),
      ours_ci_high: round6(ours.high),
      published_rate: round6(pub.rate),
      published_ci_low: round6(pub.low),
      published_ci_high: round6(pub.high),
      confidence: conf,
      own_repeats: file.options.own_repeats,
      published_missing: file.options.published_missing,
      own_eval_formats: g ? g.eval_formats.join(';') : null,
      published_eval_era: PUBLISHED_EVAL_ERA,
      published_display_name: s?.display_name ?? null,
      published_result_missing: s?.result_missing ?? null,
      published_conflict_unknown: s?.conflict_unknown ?? null,
      published_typst_missing: s?.typst_missing ?? null,
    });
  }
  return out.rows;
}

export function publishedComparisonData(file: ComparisonFile): PublishedComparisonData {
  const names = displayNames(file);
  return {
    subtitle: comparisonSubtitle(file),
    panels: file.own_groups.map((g) => placementPanel(file, g, names)),
    grid: gridData(file, names),
    csv: csvOf(file),
  };
}
