import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic, type OutcomeCount, type OutcomesFile } from '@cooperbench-repro/contracts';
import { escapeMarkdown } from '../../render/escape.js';
import { eraLabel, policyCaption } from '../../render/outcomes-captions.js';
import { armLabel, sortArms } from '../../render/style.js';
import { dataWarning } from '../../render/subtitle.js';
import { repoLabel } from './data.js';

/**
 * per-repository.md beside the figure: per model, one row per repository and a total row, one column per
 * arm and era (every arm, also those the figure leaves out), cells k/n = rate [Wilson interval].
 */

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

function cell(c: OutcomeCount | undefined): string {
  if (!c) return '';
  const unknown = c.unknown > 0 ? `${c.unknown} unknown, ${c.excluded > 0 ? 'left out of n' : 'counted as failures'}` : '';
  const extra = [unknown, c.missing > 0 ? `${c.missing} planned but never run, counted as failures` : ''].filter(Boolean).join('; ');
  if (c.total === 0) return `0/0 (${c.records} record${c.records === 1 ? '' : 's'}${extra ? `; ${extra}` : ''})`;
  return `${c.successes}/${c.total} = ${pct(c.rate)} [${pct(c.ci_low)}, ${pct(c.ci_high)}]${extra ? ` (${extra})` : ''}`;
}

function modelTable(data: OutcomesFile, model: string): string[] {
  const totals = data.totals.filter((t) => t.model === model);
  const columns = sortArms(totals.map((t) => t.arm)).flatMap((arm) => totals.filter((t) => t.arm === arm).map((t) => ({ arm, era: t.era })));
  const header = columns.map((c) => `${armLabel(c.arm)}${c.era === 'solo' ? '' : `, ${eraLabel(c.era)}`}`);
  const rows = data.repositories.filter((r) => r.model === model);
  const repos = [...new Set(rows.map((r) => r.repo))].sort();
  const out = [`## ${escapeMarkdown(model)}`, '', `| Repository | ${header.map(escapeMarkdown).join(' | ')} |`, `|---|${header.map(() => '---:').join('|')}|`];
  for (const repo of repos) {
    out.push(`| ${escapeMarkdown(repoLabel(repo))} | ${columns.map((c) => cell(rows.find((r) => r.repo === repo && r.arm === c.arm && r.era === c.era))).join(' | ')} |`);
  }
  out.push(`| **all repositories** | ${columns.map((c) => cell(totals.find((t) => t.arm === c.arm && t.era === c.era))).join(' | ')} |`, '');
  return out;
}

export function renderPerRepositoryMarkdown(data: OutcomesFile, source: string): string {
  const out = ['# Success per repository', ''];
  const synth = dataWarning(data.inputs.records, data.inputs.synthetic_records);
  if (synth) out.push(`> **${escapeMarkdown(synth)}**`, '');
  const conf = Math.round(data.options.confidence * 100);
  out.push(
    `Source: \`${source}\`. ${escapeMarkdown(`Success = both features pass; cells k/n = rate [Wilson ${conf}% interval]; the last row of each table is the total over all repositories (the rows above sum to it). ${policyCaption(data, 'all')}`)}`,
    '',
  );
  const models = [...new Set(data.totals.map((t) => t.model))].sort();
  if (models.length === 0) out.push('No records.', '');
  for (const model of models) out.push(...modelTable(data, model));
  return out.join('\n');
}

/** Writes per-repository.md atomically. */
export async function writePerRepositoryMarkdown(data: OutcomesFile, file: string, source: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, renderPerRepositoryMarkdown(data, source));
  return file;
}
