import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { DataFileError, EXIT_CODES_HELP, EXIT_DATA, LegacyImportReportSchema, isSafeName, parseOptions, StageCheckError, UsageError, validate, writeJsonAtomic, writeJsonlAtomic, RunRecordSchema, defineCommand } from '@cooperbench-repro/contracts';
import { PublicDataMissingError } from '@cooperbench-repro/public-data';
import { checkCollectReport } from './checks.js';
import { collect, CollectUsageError } from './collect.js';
import { resolveDataSources } from './data-sources.js';
import { importLegacyFile } from './legacy-import.js';
import { createProgress } from '@cooperbench-repro/contracts';

const HELP = `cooperbench-collect: upstream cooperbench log directories -> one validated results store

Usage:
  cooperbench-collect collect [options]
      --log-root DIR     upstream --log-dir holding run directories   (default $COOPERBENCH_LOG_ROOT or data/logs)
      --mapping FILE     run name -> arm/model/seed mapping            (default data/run-arms.json)
      --sources FILE     a data profile (e.g. data/real/sources.json): log root, mapping and legacy
                         results.json files, public ones found through the public-data resolver
                         (replaces --log-root and --mapping)
      --imported DIR     stores written by import-legacy to merge in  (default data/imported)
      --out FILE         normalized store, one record per line        (default data/results.jsonl)
      --report FILE      counts and every problem found               (default data/collect-report.json)
      --index FILE       incremental content-hash index               (default data/collect-index.json)
      --relist           list every pair directory again rather than trusting the index's listings
                         (for a file system that does not update a directory's ctime, e.g. some FUSE mounts)
      --strict           exit 1 if any problem of severity error was found, or no record was collected
      --quiet            no progress output

  cooperbench-collect import-legacy --input FILE [options]
      --input FILE       results.json written by the earlier Python implementation
      --name NAME        store name under --out-dir                   (default: the input's folder name)
      --out-dir DIR      where imported stores go                     (default data/imported)
      --agent-framework NAME  recorded on every record (the legacy file does not say)
      --strict           exit 1 if any record was rejected

Exit codes: 0 done, 1 problems with --strict (or a check of the report failed: counts that do not reconcile), 2 bad usage or unreadable input.
${EXIT_CODES_HELP}
`;

/** An --input that does not exist: exit 2 naming it (unreadable input, not a bad command line). */
class MissingInputError extends Error {}

async function runCollect(argv: string[]): Promise<number | void> {
  const values = parseOptions(argv, {
    'log-root': { type: 'string' },
    mapping: { type: 'string' },
    sources: { type: 'string' },
    imported: { type: 'string', default: 'data/imported' },
    out: { type: 'string', default: 'data/results.jsonl' },
    report: { type: 'string', default: 'data/collect-report.json' },
    index: { type: 'string', default: 'data/collect-index.json' },
    relist: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  });
  if (values.help) return void process.stdout.write(HELP);
  if (values.sources && (values['log-root'] || values.mapping)) throw new UsageError('--sources names the log root and the mapping itself; leave out --log-root and --mapping');
  const sources = values.sources ? resolveDataSources(values.sources) : null;
  const started = performance.now();
  const result = await collect({
    logRoot: sources?.logRoot ?? values['log-root'] ?? (process.env.COOPERBENCH_LOG_ROOT || 'data/logs'),
    mappingFile: sources ? sources.mappingFile : (values.mapping ?? 'data/run-arms.json'),
    legacyInputs: sources?.legacyInputs ?? [],
    importedDir: values.imported,
    storeFile: values.out,
    reportFile: values.report,
    indexFile: values.index,
    relist: values.relist,
    progress: createProgress(process.stderr, { quiet: values.quiet }),
  });
  const { counts } = result.report;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stdout.write(
    `collect: ${counts.run_dirs} runs, ${counts.pair_dirs_found} pair dirs -> ${counts.records_written - counts.imported_records} records` +
      ` + ${counts.imported_records} imported, ${counts.pairs_rejected} rejected; ${counts.errors} errors, ${counts.warnings} warnings;` +
      ` ${counts.reconciled ? 'counts reconcile' : 'COUNTS DO NOT RECONCILE'}; parsed ${result.reparsed}, reused ${result.reused} (${seconds}s)\n` +
      `  store ${values.out}, report ${values.report}\n`,
  );
  for (const p of result.report.problems.filter((x) => x.severity === 'error').slice(0, 20)) {
    process.stdout.write(`  error ${p.code}: ${p.file}${p.field ? ` field ${p.field}` : ''}: expected ${p.expected} (${p.message})\n`);
  }
  if (counts.errors > 20) process.stdout.write(`  ... ${counts.errors - 20} more errors in ${values.report}\n`);
  if (counts.records_written === 0) {
    const why = result.report.problems.find((p) => p.code === 'no-records')!;
    process.stderr.write(`WARNING: ${why.message} under ${why.file}; every figure will say NO DATA${values.strict ? '' : ' (--strict makes this an error)'}\n`);
  }
  checkCollectReport(result.report, `collector (${values.report})`).assert();
  if (values.strict && (counts.errors > 0 || counts.records_written === 0)) return EXIT_DATA;
}

async function runImportLegacy(argv: string[]): Promise<number | void> {
  const values = parseOptions(argv, {
    input: { type: 'string' },
    name: { type: 'string' },
    'out-dir': { type: 'string', default: 'data/imported' },
    'agent-framework': { type: 'string' },
    strict: { type: 'boolean', default: false },
  });
  if (values.help) return void process.stdout.write(HELP);
  if (!values.input) throw new UsageError('import-legacy needs --input FILE (a results.json from the earlier Python implementation)');
  const input = resolve(values.input);
  if (!existsSync(input)) throw new MissingInputError(`--input ${values.input}: expected a readable results.json file (no such file)`);
  const name = values.name ?? basename(dirname(input));
  if (!isSafeName(name)) throw new UsageError(`--name ${JSON.stringify(name)}: expected a plain file name`);
  const outDir = values['out-dir'];
  mkdirSync(outDir, { recursive: true });
  const display = relative(process.cwd(), input);
  const result = importLegacyFile(input, { displayPath: display, agentFramework: values['agent-framework'] ?? null });
  const storeFile = join(outDir, `${name}.jsonl`);
  await writeJsonlAtomic(storeFile, RunRecordSchema, result.records);
  const report = validate('legacy import report', LegacyImportReportSchema, {
    schema: 'cooperbench-repro/legacy-import-report@1',
    input: display,
    records_found: result.found,
    records_imported: result.records.length,
    records_rejected: result.problems.reduce((n, p) => n + p.rejected_pairs, 0),
    reconciled: result.found === result.records.length + result.problems.reduce((n, p) => n + p.rejected_pairs, 0),
    problems: result.problems,
  });
  await writeJsonAtomic(join(outDir, `${name}.report.json`), report);
  process.stdout.write(`import-legacy: ${report.records_found} records in ${display} -> ${report.records_imported} imported, ${report.records_rejected} rejected; store ${storeFile}\n`);
  for (const p of result.problems.slice(0, 20)) process.stdout.write(`  error ${p.code}: ${p.file} field ${p.field}: expected ${p.expected} (${p.message})\n`);
  if (values.strict && result.problems.length > 0) return EXIT_DATA;
}

async function main(argv: string[]): Promise<number | void> {
  const [command, ...rest] = argv;
  if (command === 'collect') return runCollect(rest);
  if (command === 'import-legacy') return runImportLegacy(rest);
  if (command === '--help' || command === '-h' || command === 'help') return void process.stdout.write(HELP);
  throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}`);
}

export const command = defineCommand({ main, expected: [[CollectUsageError, 2], [DataFileError, 2], [StageCheckError, 1], [PublicDataMissingError, 2], [MissingInputError, 2]], usage: HELP });
