import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  CollectReportSchema,
  validate,
  writeFileAtomic,
  type CollectReport,
  type Problem,
  type RunSummary,
} from '@cooperbench-repro/contracts';
import { ArmMappingLookup } from './arm-mapping.js';
import { collectorCodeFingerprint } from './code-fingerprint.js';
import { changedStoreBytes, fileStat, indexText, loadIndex, loadStoreLines, sha256, type CollectIdentity, type CollectIndex, type StoreLine } from './collect-index.js';
import { listRunDirs, scanRun, type RunScan } from './discover.js';
import { runPairJob, type PairJob } from './pair-job.js';
import { PairPool, type PoolOptions } from './pair-pool.js';
import { mergeImportedStores, mergeLegacyInputs, type LegacyInput } from './imported-stores.js';
import { assertLogRoot } from './log-root.js';
import { createProgress, type Progress } from '@cooperbench-repro/contracts';
import { resolveRunContext, type RunContext } from './run-context.js';

export interface CollectOptions {
  logRoot: string;
  /** The user's run -> arm mapping (optional when every run has a manifest). */
  mappingFile: string | null;
  storeFile: string;
  reportFile: string;
  indexFile: string;
  /** Directory of stores written by `import-legacy`; their records are merged into the store. */
  importedDir: string | null;
  /** Legacy results.json files imported in memory (a data profile's `legacy_imports`). */
  legacyInputs?: readonly LegacyInput[];
  progress?: Progress;
  pool?: PoolOptions;
  /**
   * List every pair directory again instead of reusing the listings of the index (pair-fingerprint.ts),
   * for a file system that does not change a directory's ctime when entries change (some FUSE mounts).
   */
  relist?: boolean;
}

export { CollectUsageError } from './log-root.js';

export interface CollectResult {
  report: CollectReport;
  /** Pairs parsed from their files this time vs. reused from the index (not part of the report, which must be deterministic). */
  reparsed: number;
  reused: number;
}

async function writeIfChanged(file: string, text: string, opts: { durable?: boolean } = {}): Promise<void> {
  if (existsSync(file) && statSync(file).size === Buffer.byteLength(text) && readFileSync(file, 'utf8') === text) return;
  await writeFileAtomic(file, text, opts);
}

/**
 * Every file collect() writes is rebuilt by the next collection when it is lost or damaged (the store
 * when the index cannot vouch for it by stat and sha256, the report always, the index is a cache):
 * atomic, not fsync'ed (contracts' writeFileAtomic). One fsync would also wait for every other dirty
 * page in the journal commit, such as a re-evaluated run's logs: 50-150 ms here.
 */
const REBUILDABLE = { durable: false };

const outcomeCounts = () => ({ pass: 0, fail: 0, unknown: 0 });

/** Nothing collected: say so, and say where the logs probably are when the root is one level too high. */
function noRecordsProblem(logRoot: string, displayRoot: string, runs: readonly string[]): Problem {
  const deeper = runs.filter((r) => listRunDirs(join(logRoot, r)).runs.some((inner) => scanRun(join(logRoot, r), inner).pairs.length > 0));
  const hint = deeper.length ? `; ${deeper.map((d) => `${d}/`).join(', ')} holds run directories: the log root looks one level too high (pass --log-root ${join(displayRoot, deeper[0]!)})` : runs.length === 0 ? '; the log root is empty' : '';
  return { severity: 'warning', code: 'no-records', file: displayRoot, field: null, expected: 'run directories with pair directories (the --log-dir of `cooperbench run`)', message: `no run records collected${hint}`, run: null, pair: null, rejected_pairs: 0 };
}

type ScannedRun = { scan: RunScan; context: RunContext | null; summary: RunSummary };

/** Each run's pair directories and its context (arm, model, seed); a run without a context rejects its pairs. */
function scanRuns(logRoot: string, runs: readonly string[], mapping: ArmMappingLookup, problems: Problem[]): ScannedRun[] {
  const scans: ScannedRun[] = [];
  for (const run of runs) {
    const scan = scanRun(logRoot, run);
    problems.push(...scan.problems);
    const summary: RunSummary = { run, arm: null, model: null, seed: null, arm_source: 'none', layout: scan.layout, pair_dirs: scan.pairs.length + scan.rejectedPairDirs, records: 0, rejected: scan.rejectedPairDirs, outcomes: outcomeCounts(), cost_usd: 0 };
    if (scan.layout === 'empty') {
      problems.push({ severity: 'warning', code: 'empty-run', file: run, field: null, expected: 'setting directories (solo/, coop/, team/) with pair directories', message: 'no pair directories found', run, pair: null, rejected_pairs: 0 });
    }
    let context: RunContext | null = null;
    if (scan.pairs.length > 0) {
      const resolved = resolveRunContext(logRoot, run, mapping);
      if (resolved.ok) {
        context = resolved.context;
        problems.push(...resolved.warnings);
        Object.assign(summary, { arm: context.arm, seed: context.seed, model: context.model, arm_source: context.armSource });
      } else {
        problems.push({ ...resolved.problem, rejected_pairs: scan.pairs.length });
        summary.rejected += scan.pairs.length;
      }
    }
    scans.push({ scan, context, summary });
  }
  return scans;
}

export async function collect(opts: CollectOptions): Promise<CollectResult> {
  const logRoot = resolve(opts.logRoot);
  assertLogRoot(logRoot);
  const mapping = await ArmMappingLookup.load(opts.mappingFile);
  const mappingText = opts.mappingFile && existsSync(opts.mappingFile) ? sha256(readFileSync(opts.mappingFile)) : 'none';
  const identity = { collector: collectorCodeFingerprint(), log_root: logRoot, mapping: mappingText };
  const previous = loadIndex(opts.indexFile, identity);
  const pool = new PairPool(opts.pool);
  try {
    // A re-collect of a large tree will use the threads: start them while this thread scans the tree.
    pool.startEarly(previous ? Object.keys(previous.pairs).length : 0);
    return await collectWith(opts, { logRoot, identity, previous, mapping, pool });
  } finally {
    pool.close();
  }
}

/** What collect() settles before the tree is walked. */
interface CollectStart {
  logRoot: string;
  identity: CollectIdentity;
  previous: CollectIndex | null;
  mapping: ArmMappingLookup;
  pool: PairPool;
}

async function collectWith(opts: CollectOptions, { logRoot, identity, previous, mapping, pool }: CollectStart): Promise<CollectResult> {
  // Before any directory is listed: a directory changed after this is listed again next time (statFingerprint).
  const startedAt = Date.now();
  const progress = opts.progress ?? createProgress();
  const displayRoot = relative(process.cwd(), logRoot) || '.';
  const problems: Problem[] = [];
  const { runs, problems: rootProblems, skippedPairDirs } = listRunDirs(logRoot);
  problems.push(...rootProblems);

  // Scan every run first (cheap directory walks) so progress knows the total.
  const scans = scanRuns(logRoot, runs, mapping, problems);

  // Every pair of a run whose context (manifest/mapping/config) is unchanged may reuse its previous entry.
  const contexts = new Map<string, RunContext>();
  const jobs: PairJob[] = [];
  const nextIndex: CollectIndex = { schema: 'cooperbench-repro/collect-index@3', ...identity, store_sha256: '', store_stat: '', started_at: startedAt, runs: {}, pairs: {} };
  for (const { scan, context } of scans) {
    if (!context) continue;
    contexts.set(scan.run, context);
    const contextHash = sha256(context.fingerprint);
    nextIndex.runs[scan.run] = contextHash;
    const contextUnchanged = previous?.runs[scan.run] === contextHash;
    for (const ref of scan.pairs) {
      const old = contextUnchanged ? previous?.pairs[ref.relDir] : undefined;
      jobs.push({ ref, run: scan.run, previous: old ? { stat: old.stat, listing: { dir: old.dir, names: old.names } } : null });
    }
  }
  progress.start(jobs.length, 'collect');
  // Workers fingerprint (and where needed parse) the pairs while this thread reads the previous store; then it joins them.
  const work = pool.start(logRoot, jobs, contexts, opts.relist ? 0 : (previous?.started_at ?? 0), progress);
  const previousStore = previous ? loadStoreLines(opts.storeFile, { sha256: previous.store_sha256, stat: previous.store_stat }) : null;
  const results = await work.finish();
  progress.stop();
  // A reusable entry whose line is not in the previous store (store missing or edited) is parsed after all.
  results.forEach((r, i) => {
    const old = r.reused ? previous!.pairs[jobs[i]!.ref.relDir]! : null;
    if (old?.record_id && !previousStore?.lines.has(old.record_id)) results[i] = runPairJob({ ...jobs[i]!, previous: null }, contexts.get(jobs[i]!.run)!, 0);
  });
  const previousLines = previousStore?.lines ?? null;

  const lines = new Map<string, StoreLine>();
  const summaries = new Map(scans.map((s) => [s.scan.run, s.summary]));
  let reparsed = 0;
  let reused = 0;
  results.forEach((result, i) => {
    const { ref, run } = jobs[i]!;
    const summary = summaries.get(run)!;
    const entry = result.reused ? previous!.pairs[ref.relDir]! : result.entry;
    const line = result.reused ? (entry.record_id === null ? null : previousLines!.get(entry.record_id)!) : result.line;
    if (result.reused) reused++;
    else reparsed++;
    nextIndex.pairs[ref.relDir] = entry;
    problems.push(...entry.warnings, ...entry.problems);
    if (entry.record_id === null || entry.brief === null || line === null) {
      summary.rejected++;
      return;
    }
    if (lines.has(entry.record_id)) {
      problems.push({ severity: 'error', code: 'duplicate-record', file: ref.relDir, field: null, expected: 'one pair directory per run, setting, repo, task and pair', message: `${entry.record_id} already collected from another directory (flat and setting layouts both hold it)`, run, pair: entry.record_id, rejected_pairs: 1 });
      summary.rejected++;
      return;
    }
    lines.set(entry.record_id, line);
    summary.records++;
    summary.outcomes[entry.brief.outcome]++;
    summary.cost_usd += entry.brief.total_cost;
    summary.model ??= entry.brief.model;
  });

  const imported = [...mergeImportedStores(opts.importedDir, lines, problems), ...mergeLegacyInputs(opts.legacyInputs ?? [], lines, problems)];
  const ids = [...lines.keys()].sort();
  if (ids.length === 0) problems.push(noRecordsProblem(logRoot, displayRoot, runs));
  const store = changedStoreBytes(ids.map((id) => lines.get(id)!), previousStore);
  for (const f of [opts.storeFile, opts.reportFile, opts.indexFile]) mkdirSync(dirname(resolve(f)), { recursive: true });
  // Store first, index last: an index never points at lines that are not in the store. The store's
  // write (libuv's threads) overlaps hashing it and building the report and index here.
  const storeWritten = store === null ? null : writeFileAtomic(opts.storeFile, store, REBUILDABLE);
  storeWritten?.catch(() => {}); // awaited below; this only keeps an early throw from leaving it unhandled
  nextIndex.store_sha256 = store === null ? previous!.store_sha256 : sha256(store);

  const runSummaries = scans.map((s) => ({ ...s.summary, cost_usd: Math.round(s.summary.cost_usd * 1e6) / 1e6 }));
  // Pair directories under run directories that were not collected (hidden, odd names) count as found and rejected.
  const pairDirsFound = runSummaries.reduce((n, r) => n + r.pair_dirs, 0) + skippedPairDirs;
  const pairsRejected = runSummaries.reduce((n, r) => n + r.rejected, 0) + skippedPairDirs;
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const report = validate('collect report', CollectReportSchema, {
    schema: 'cooperbench-repro/collect-report@2',
    // Relative to the report's own folder, so a stage that reads the report finds the logs from any working directory.
    log_root: relative(dirname(resolve(opts.reportFile)), logRoot) || '.',
    counts: {
      run_dirs: runs.length,
      pair_dirs_found: pairDirsFound,
      records_written: ids.length,
      pairs_rejected: pairsRejected,
      imported_records: imported.reduce((n, i) => n + i.records, 0),
      reconciled: pairDirsFound + imported.reduce((n, i) => n + i.records, 0) === ids.length + pairsRejected,
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
    },
    runs: runSummaries,
    imported,
    problems,
  });

  const reportText = `${JSON.stringify(report, null, 2)}\n`;
  const pairsText = JSON.stringify(nextIndex.pairs);
  await storeWritten;
  nextIndex.store_stat = fileStat(opts.storeFile);
  // Unchanged files are not rewritten (an unchanged tree costs no writes).
  await writeIfChanged(opts.reportFile, reportText, REBUILDABLE);
  // A pair parsed again or a new store always changes the index: it is written without reading the old
  // one. Otherwise it keeps the earlier started_at (which only trusts fewer listings) so that an
  // unchanged tree leaves it untouched too.
  const indexChanged = reparsed > 0 || store !== null || previous === null;
  if (!indexChanged) nextIndex.started_at = previous.started_at;
  await (indexChanged ? writeFileAtomic : writeIfChanged)(opts.indexFile, indexText(nextIndex, pairsText), REBUILDABLE);
  return { report, reparsed, reused };
}
