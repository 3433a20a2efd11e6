import { isAbsolute, join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  DataFileError,
  DataSourcesSchema,
  readJsonFileSync,
  readJsonlFile,
  RunRecordSchema,
  type CommunicationFile,
  type DifficultyFile,
  type FailureModesFile,
  type RunRecord,
} from '@cooperbench-repro/contracts';
import { loadCommunication, loadComparison, loadDifficulty, loadFailureModes, loadOutcomes } from '@cooperbench-repro/figures';
import { publicPath } from '@cooperbench-repro/public-data';
import { reportFigures } from './figures.js';
import { classifyOptionsOf, failureIndex, indexRow, INDEX_COLUMNS, pairDetail, type SourceFile } from './record-rows.js';
import { storeView } from './store-view.js';
import { VENDOR_FILES } from './assets.js';
import { fileSha256, writeReport } from './write-report.js';

export interface ReportOptions {
  store: string;
  difficulty: string;
  communication: string;
  failureModes: string;
  /** outcomes stage output (the per-repository figure). */
  outcomes: string;
  /** comparison stage output (the published-comparison figure). */
  comparison: string;
  out: string;
  /** A data profile (data/real/sources.json): its label heads the page and its log root holds the sources. */
  sources?: string | null;
  /** Where the records' source files are, for their sha256 (default: the profile's log root, else data/logs). */
  logRoot?: string | null;
  /** Directory holding the figures package's and comparison stage's tables (TABLE_FILES, as Markdown). */
  tables?: string | null;
}

export const TABLE_FILES = [
  { name: 'table5', title: 'Table 5: Solo vs Coop' },
  { name: 'merge-ladder', title: 'Merge-outcome ladder (Table 6 analogue)' },
  { name: 'per-repository', title: 'Per-repository results' },
  { name: 'published-comparison', title: 'Own runs against the published per-pair results' },
  { name: 'qualitative', title: 'Qualitative coordination measures' },
  { name: 'failure-modes', title: 'Failure symptoms and root causes (Tables 1 and 2)' },
];

async function readTables(dir: string | null | undefined): Promise<{ name: string; title: string; markdown: string }[]> {
  if (!dir) return [];
  const out = [];
  for (const t of TABLE_FILES) {
    const file = join(dir, `${t.name}.md`);
    let markdown: string;
    try {
      markdown = await readFile(file, 'utf8');
    } catch (err) {
      throw new DataFileError(file, [{ field: null, expected: `the figures package's ${t.name}.md (nx run figures:build writes it)`, message: `cannot read it: ${(err as NodeJS.ErrnoException).code ?? String(err)}` }]);
    }
    out.push({ ...t, markdown });
  }
  return out;
}

function profileOf(opts: ReportOptions): { label: string | null; logRoot: string | null } {
  if (!opts.sources) return { label: null, logRoot: opts.logRoot ?? 'data/logs' };
  const src = readJsonFileSync(opts.sources, DataSourcesSchema);
  const root = 'public' in src.log_root ? safePublicPath(src.log_root.public) : src.log_root.path;
  return { label: src.label, logRoot: opts.logRoot ?? root };
}

function safePublicPath(p: string): string | null {
  try {
    return publicPath(p);
  } catch {
    return null; // public data not fetched here: the page says the sha256 of each file is not available
  }
}

/** A source file under the log root, or (imported results) a public data file by its manifest path. */
function sourceSha(root: string | null, f: string): string | null {
  const direct = root ? fileSha256(isAbsolute(f) ? f : resolve(root, f)) : null;
  if (direct !== null || isAbsolute(f)) return direct;
  const pub = safePublicPath(f);
  return pub ? fileSha256(pub) : null;
}

function judgeText(fm: FailureModesFile): string {
  return fm.judge.status === 'not-run' ? fm.judge.note : `LLM judge: ${fm.judge.model} (${fm.judge.status})`;
}

export async function buildReport(opts: ReportOptions): Promise<{ out: string; bytes: number; files: number; records: number; selections: number }> {
  const records: RunRecord[] = await readJsonlFile(opts.store, RunRecordSchema);
  const difficulty: DifficultyFile = await loadDifficulty(opts.difficulty);
  const communication: CommunicationFile = await loadCommunication(opts.communication);
  const failureModes: FailureModesFile = await loadFailureModes(opts.failureModes);
  const outcomes = await loadOutcomes(opts.outcomes);
  const comparison = await loadComparison(opts.comparison);
  const tables = await readTables(opts.tables);
  const profile = profileOf(opts);
  const view = storeView(records, difficulty);
  const files = { difficulty: opts.difficulty, communication: opts.communication, failureModes: opts.failureModes, outcomes: opts.outcomes };
  const { figures, selections } = reportFigures({ difficulty, communication, failureModes, outcomes, comparison, view, files, label: profile.label });
  const fm = failureIndex(failureModes);
  const classify = classifyOptionsOf(communication);
  const synthetic = records.filter((r) => r.synthetic).length;
  const meta = {
    title: 'cooperbench-repro report',
    label: profile.label,
    store: opts.store,
    records: records.length,
    synthetic,
    judge: { status: failureModes.judge.status, text: judgeText(failureModes) },
    columns: INDEX_COLUMNS,
    figures,
    selections,
    tables,
    vendor: VENDOR_FILES.map((v) => `assets/${v.name}`),
  };
  const root = profile.logRoot;
  // Run-level files (config.json, the run manifest) are shared by every pair of the run: hash each once.
  const shas = new Map<string, string | null>();
  const shaOf = (f: string) => {
    if (!shas.has(f)) shas.set(f, sourceSha(root, f));
    return shas.get(f)!;
  };
  const sourcesOf = (r: RunRecord): SourceFile[] => r.sources.files.map((f) => ({ path: f, sha256: shaOf(f) }));
  const written = await writeReport(opts.out, {
    meta,
    indexRows: records.map((r, i) => indexRow(view, i, fm.get(r.record_id), fm.human(r.record_id))),
    details: (i) => pairDetail(view, i, fm.get(records[i]!.record_id), classify, sourcesOf(records[i]!)),
    recordCount: records.length,
  });
  return { out: opts.out, ...written, records: records.length, selections: selections.length };
}
