import { z } from 'zod';
import { countFields } from './count-fields.js';

/**
 * A problem names the file, the field and what was expected. Severity `error` rejects the pair
 * (or every pair of a run); `warning` keeps the record but tells the user something is off
 * (a missing eval, a summary that disagrees with the per-pair files).
 */
export const ProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  /** Relative to the log root. */
  file: z.string(),
  field: z.string().nullable(),
  expected: z.string(),
  message: z.string(),
  run: z.string().nullable(),
  /** Record id of the pair concerned, when there is one. */
  pair: z.string().nullable(),
  /** How many pair directories this problem rejected (0 for warnings and for non-pair directories). */
  rejected_pairs: z.number().int().nonnegative(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const RunSummarySchema = z.object({
  run: z.string(),
  arm: z.string().nullable(),
  model: z.string().nullable(),
  seed: z.number().int().nullable(),
  arm_source: z.enum(['manifest', 'mapping', 'none']),
  layout: z.enum(['settings', 'legacy-flat', 'paper-era', 'empty']),
  pair_dirs: z.number().int(),
  records: z.number().int(),
  rejected: z.number().int(),
  outcomes: z.object({ pass: z.number().int(), fail: z.number().int(), unknown: z.number().int() }),
  cost_usd: z.number(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const CollectReportSchema = z.object({
  // @2: log_root became relative to the report's folder (it was relative to the collector's working directory).
  schema: z.literal('cooperbench-repro/collect-report@2'),
  /** The log root collected, relative to the folder of this report file (an absolute path if on another drive). */
  log_root: z.string(),
  counts: z.object({
    ...countFields('run_dirs', 'pair_dirs_found', 'records_written', 'pairs_rejected'),
    /** Records taken from stores written by `import-legacy` (data/imported/*.jsonl), not from pair directories. */
    imported_records: z.number().int(),
    /** pair_dirs_found + imported_records === records_written + pairs_rejected */
    reconciled: z.boolean(),
    ...countFields('errors', 'warnings'),
  }),
  runs: z.array(RunSummarySchema),
  imported: z.array(z.object({ file: z.string(), records: z.number().int() })),
  problems: z.array(ProblemSchema),
});
export type CollectReport = z.infer<typeof CollectReportSchema>;

/** What `import-legacy` writes beside each imported store (data/imported/<name>.report.json). */
export const LegacyImportReportSchema = z.object({
  schema: z.literal('cooperbench-repro/legacy-import-report@1'),
  input: z.string(),
  records_found: z.number().int(),
  records_imported: z.number().int(),
  records_rejected: z.number().int(),
  reconciled: z.boolean(),
  problems: z.array(ProblemSchema),
});
export type LegacyImportReport = z.infer<typeof LegacyImportReportSchema>;
