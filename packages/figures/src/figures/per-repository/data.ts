import type { OutcomeEra, OutcomesFile, RepositoryRow } from '@cooperbench-repro/contracts';
import { csvRows, type CsvRow } from '../../render/csv.js';
import { eraLabel, policyCaption } from '../../render/outcomes-captions.js';
import { armColors, armLabel, provenanceSubtitle, sortArms } from '../../render/style.js';
import { wrapLine, type Subtitle } from '../../render/subtitle.js';

/** Data step of the per-repository figure: data/outcomes.json -> one panel of rows per model. */

export const PER_REPOSITORY_CSV_COLUMNS = [
  'model', 'arm', 'era', 'series', 'repo', 'successes', 'total', 'records', 'missing', 'unknown', 'excluded', 'rate', 'ci_low', 'ci_high', 'shown',
] as const;

/** The arms drawn: the paper's three settings. Other arms stay in the CSV and the Markdown table. */
export const PER_REPOSITORY_ARMS: readonly string[] = ['solo', 'coop-msg', 'coop-nomsg'];

export interface PerRepositoryPoint {
  repo: string;
  series: string;
  rate: number;
  ci_low: number;
  ci_high: number;
  k: number;
  n: number;
  label: string;
}

export interface PerRepositoryData {
  subtitle: Subtitle;
  source: string;
  /** Repository labels on the shared y axis (every repository of any drawn row), alphabetical. */
  repos: string[];
  series: string[];
  colors: string[];
  panels: { model: string; lines: string[]; points: PerRepositoryPoint[] }[];
  /** Arms in the data that are not drawn, with their record counts (named in the caption). */
  leftOut: { arm: string; records: number }[];
  csv: CsvRow[];
}

/** `pallets_jinja_task` -> `pallets_jinja`. */
export const repoLabel = (repo: string) => repo.replace(/_task$/, '');

/** Series name: the arm, and its era when the model and arm has rows of more than one era. */
function seriesOf(data: OutcomesFile): (model: string, arm: string, era: OutcomeEra) => string {
  const eras = new Map<string, Set<OutcomeEra>>();
  for (const t of data.totals) eras.set(`${t.model}\0${t.arm}`, (eras.get(`${t.model}\0${t.arm}`) ?? new Set()).add(t.era));
  return (model, arm, era) => (eras.get(`${model}\0${arm}`)!.size > 1 ? `${armLabel(arm)}, ${eraLabel(era)}` : armLabel(arm));
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);

function point(r: RepositoryRow, series: string): PerRepositoryPoint | null {
  if (r.total === 0 || r.rate === null || r.ci_low === null || r.ci_high === null) return null; // nothing to draw
  return { repo: repoLabel(r.repo), series, rate: r.rate, ci_low: r.ci_low, ci_high: r.ci_high, k: r.successes, n: r.total, label: `${r.successes}/${r.total}` };
}

function subtitle(data: OutcomesFile, source: string, leftOut: PerRepositoryData['leftOut']): Subtitle {
  const models = new Set(data.totals.map((t) => t.model)).size;
  const base = provenanceSubtitle({ records: data.inputs.records, synthetic_records: data.inputs.synthetic_records, runs: data.inputs.runs.length, models, confidence: data.options.confidence, source, intervals: 'horizontal whiskers' });
  const shown = `Points: success rate (both features pass) per repository, k/n printed beside each (n counts records: each solo seed of a pair is one); repositories with n = 0 are not drawn. Arms drawn: ${PER_REPOSITORY_ARMS.map(armLabel).join(', ')}.`;
  const hidden = leftOut.length > 0 ? ` Not drawn (in the CSV and per-repository.md): ${leftOut.map((l) => `${l.arm} (${l.records} records)`).join(', ')}.` : '';
  return { lines: [...base.lines, ...wrapLine(`${shown}${hidden} ${policyCaption(data, 'all')}`, 150)], color: base.color };
}

export function perRepositoryData(data: OutcomesFile, opts: { source: string }): PerRepositoryData {
  const seriesName = seriesOf(data);
  const drawn = (arm: string) => PER_REPOSITORY_ARMS.includes(arm);
  const series = [...new Set(sortArms(data.totals.map((t) => t.arm)).flatMap((arm) => data.totals.filter((t) => t.arm === arm && drawn(arm)).map((t) => seriesName(t.model, t.arm, t.era))))];
  const seriesArm = series.map((s) => data.totals.find((t) => seriesName(t.model, t.arm, t.era) === s)!.arm);
  const models = [...new Set(data.totals.map((t) => t.model))].sort();
  const csv = csvRows(PER_REPOSITORY_CSV_COLUMNS);
  for (const r of data.repositories) {
    const { model, arm, era, repo, successes, total, records, missing, unknown, excluded, rate, ci_low, ci_high } = r;
    csv.add({ model, arm, era, series: seriesName(model, arm, era), repo, successes, total, records, missing, unknown, excluded, rate, ci_low, ci_high, shown: drawn(arm) && total > 0 });
  }
  const panels = models.map((model) => {
    const totals = data.totals.filter((t) => t.model === model && drawn(t.arm));
    const points = data.repositories.filter((r) => r.model === model && drawn(r.arm)).flatMap((r) => point(r, seriesName(r.model, r.arm, r.era)) ?? []);
    const eraNote = (era: OutcomeEra) => (era === 'solo' ? '' : `, ${eraLabel(era)}`);
    const lines = totals.map((t) => `${armLabel(t.arm)}${eraNote(t.era)}: ${t.successes}/${t.total} = ${pct(t.rate)} over ${t.repos} repositories`);
    return { model, lines: lines.length > 0 ? lines : ['no solo, coop-msg or coop-nomsg records'], points };
  });
  const leftOutArms = sortArms(data.totals.map((t) => t.arm)).filter((a) => !drawn(a));
  const leftOut = leftOutArms.map((arm) => ({ arm, records: data.totals.filter((t) => t.arm === arm).reduce((a, t) => a + t.records, 0) }));
  const repos = [...new Set(panels.flatMap((p) => p.points.map((x) => x.repo)))].sort();
  return { subtitle: subtitle(data, opts.source, leftOut), source: opts.source, repos, series, colors: armColors(seriesArm), panels, leftOut, csv: csv.rows };
}
