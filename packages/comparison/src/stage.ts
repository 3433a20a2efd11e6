import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFileError, RunRecordSchema, readJsonlFile, validate, writeFileAtomic, writeJsonAtomic, type RunRecord } from '@cooperbench-repro/contracts';
import { referencePath } from '@cooperbench-repro/public-data';
import type { PublishedModelInfo } from './compare.js';
import { checkComparison } from './checks.js';
import { comparisonMarkdown } from './comparison-md.js';
import { computeComparison } from './compute.js';
import { readCsv } from './csv.js';
import { loadDataset, type Dataset } from './dataset.js';
import { loadPublished, type PublishedTable } from './published.js';
import { leaderboardCsv, leaderboardMarkdown } from './leaderboard-render.js';
import { pairGridCsv } from './pairs-csv.js';
import { ComparisonFileSchema, type ComparisonFile, type ComparisonOptions } from '@cooperbench-repro/contracts';

export const PUBLISHED_FILE = 'paper/coop_results_per_pair.csv';
export const DATASET_PAIRS_FILE = 'dataset/pairs.csv';
export const WEBSITE_LEADERBOARD_FILE = 'website/leaderboard_transcribed.csv';

export interface ReferenceData {
  published: PublishedTable;
  dataset: Dataset;
  publishedInfo: Map<string, PublishedModelInfo>;
}

/** The committed reference tables (data/reference), found through @cooperbench-repro/public-data. */
export function loadReference(): ReferenceData {
  const published = loadPublished(referencePath(PUBLISHED_FILE), `data/reference/${PUBLISHED_FILE}`);
  const dataset = loadDataset(referencePath(DATASET_PAIRS_FILE), `data/reference/${DATASET_PAIRS_FILE}`);
  const publishedInfo = new Map<string, PublishedModelInfo>();
  for (const r of readCsv(referencePath(WEBSITE_LEADERBOARD_FILE), `data/reference/${WEBSITE_LEADERBOARD_FILE}`)) {
    if (r.view === 'coop' && r.model_key && !publishedInfo.has(r.model_key)) {
      publishedInfo.set(r.model_key, { model: r.model ?? r.model_key, full_name: r.full_name ?? r.model_key, framework: r.framework ?? 'unknown', git: r.git === 'true' });
    }
  }
  return { published, dataset, publishedInfo };
}

export function compareRecords(
  records: readonly RunRecord[],
  options: ComparisonOptions,
  reference: ReferenceData = loadReference(),
  storeName = '(records)',
  runFilter: readonly string[] | null = null,
): ComparisonFile {
  return validate(
    'comparison result',
    ComparisonFileSchema,
    computeComparison({ records, options, storeName, publishedName: `data/reference/${PUBLISHED_FILE}`, runFilter, ...reference }),
  );
}

export interface StageOptions {
  store: string;
  out: string;
  figuresDir: string;
  options: ComparisonOptions;
  /** Only records of these runs (null: all); a named run without records is a data problem. */
  runs?: readonly string[] | null;
}

export interface StageResult {
  file: ComparisonFile;
  written: string[];
}

/**
 * Reads the store, computes, writes data/comparison.json and the tables beside the figures. The
 * figure published-comparison.{svg,png,pdf,csv} itself is drawn by the figures package from the JSON.
 */
export async function runStage(opts: StageOptions): Promise<StageResult> {
  let records = await readJsonlFile(opts.store, RunRecordSchema);
  const runs = opts.runs ?? null;
  if (runs) {
    const present = new Set(records.map((r) => r.run));
    const absent = runs.filter((r) => !present.has(r));
    if (absent.length) throw new DataFileError(opts.store, [{ field: null, expected: `records of run(s) ${absent.join(', ')}`, message: `runs present: ${[...present].sort().join(', ') || 'none'}` }]);
    const wanted = new Set(runs);
    records = records.filter((r) => wanted.has(r.run));
  }
  const file = compareRecords(records, opts.options, loadReference(), opts.store, runs);
  // A violated check writes nothing: neither the JSON nor the tables beside the figures.
  checkComparison(file, `comparison (${opts.out} not written)`).assert();
  await mkdir(opts.figuresDir, { recursive: true });
  const outDir = opts.out.includes('/') ? opts.out.slice(0, opts.out.lastIndexOf('/')) : '.';
  await mkdir(outDir, { recursive: true });
  const leaderboard = { schema: 'cooperbench-repro/leaderboard@1', options: file.options, caveats: file.caveats, rows: file.leaderboard };
  const outputs: [string, () => Promise<void>][] = [
    [opts.out, () => writeJsonAtomic(opts.out, file)],
    [join(opts.figuresDir, 'published-comparison-pairs.csv'), () => writeFileAtomic(join(opts.figuresDir, 'published-comparison-pairs.csv'), pairGridCsv(file))],
    [join(opts.figuresDir, 'published-comparison.md'), () => writeFileAtomic(join(opts.figuresDir, 'published-comparison.md'), comparisonMarkdown(file))],
    [join(opts.figuresDir, 'leaderboard.csv'), () => writeFileAtomic(join(opts.figuresDir, 'leaderboard.csv'), leaderboardCsv(file.leaderboard))],
    [join(opts.figuresDir, 'leaderboard.json'), () => writeJsonAtomic(join(opts.figuresDir, 'leaderboard.json'), leaderboard)],
    [join(opts.figuresDir, 'leaderboard.md'), () => writeFileAtomic(join(opts.figuresDir, 'leaderboard.md'), leaderboardMarkdown(file))],
  ];
  for (const [, write] of outputs) await write();
  return { file, written: outputs.map(([p]) => p) };
}
