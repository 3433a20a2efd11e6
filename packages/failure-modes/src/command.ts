import { dirname, resolve } from 'node:path';
import {
  EXIT_CODES_HELP,
  CollectReportSchema,
  DataFileError,
  StageCheckError,
  FailureModesFileSchema,
  parseOptions,
  stageFileOptions,
  UsageError,
  RunRecordSchema,
  readJsonFileSync,
  readJsonlFile,
  validate,
  writeJsonAtomic,
  defineCommand,
  createProgress,
} from '@cooperbench-repro/contracts';
import { checkFailureModes } from './checks.js';
import { classifyRuns, JudgeCacheIncompleteError, plannedJudgeRequests } from './classify-runs.js';
import { FailureModesConfigSchema } from './config.js';
import { HEURISTICS } from './heuristics/index.js';
import { CohereJudge } from './judge/cohere-judge.js';
import { estimateJudgeCost } from './judge/dry-run.js';
import type { CacheMode } from './judge/types.js';
import { PatchReadError } from './transcript.js';
import { goldSet } from './gold/gold-set.js';

/** A paying judge mode without CO_API_KEY: exit 2 before anything is called or written. */
class MissingApiKeyError extends Error {}

const MODES: readonly CacheMode[] = ['off', 'replay-only', 'read-write', 'refresh'];

const HELP = `cooperbench-failure-modes: Figure 6, Table 1 and Table 2 from the results store (heuristics + cached Cohere judge)

Usage: node packages/failure-modes/dist/cli.js [options]
  --store FILE        results store (default data/results.jsonl)
  --config FILE       stage config (default packages/failure-modes/config.json)
  --out FILE          output (default data/failure-modes.json)
  --collect-report FILE  the collector's report, which names the log root the store's patch paths are
                      relative to (default data/collect-report.json)
  --log-root DIR      override that log root
  --mode MODE         judge cache mode: replay-only (default; a run with no cached answer at all
                      reports the judge as not run, a partial cache is an error), read-write (calls
                      Cohere for misses; needs CO_API_KEY), refresh (re-asks everything), off (heuristics only)
  --allow-partial     record cache misses / failed calls as not judged instead of failing
  --dry-run           print the calls and tokens the mode would spend, then stop (no call, no output)
  --base-url URL      another Cohere endpoint (a proxy; the tests' fake server)
The API key is read from CO_API_KEY only; it is never written anywhere.
Exit codes: 0 written; 1 a check of the output failed (nothing written); 2 bad usage, unreadable input, a paying mode without CO_API_KEY, or (replay-only)
a judge cache that answers some transcripts but not all, unreadable entries counting as missing (nothing
written).
${EXIT_CODES_HELP}
`;

/** classifyRuns' progress (runs done of total) on the shared progress display (contracts' createProgress). */
function runsProgress(): { tick(done: number, total: number): void; stop(): void } {
  const progress = createProgress(process.stderr);
  let reported = -1; // runs shown so far; -1 before the first call starts the display
  return {
    tick(done, total) {
      if (reported < 0) {
        progress.start(total, 'failure-modes runs');
        reported = 0;
      }
      progress.tick(done - reported);
      reported = done;
    },
    stop: () => reported >= 0 && progress.stop(),
  };
}

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, {
    ...stageFileOptions('failure-modes'),
    'collect-report': { type: 'string', default: 'data/collect-report.json' },
    'log-root': { type: 'string' },
    mode: { type: 'string', default: 'replay-only' },
    'allow-partial': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    'base-url': { type: 'string' },
  });
  if (values.help) return void process.stdout.write(HELP);
  const mode = values.mode as CacheMode;
  if (!MODES.includes(mode)) throw new UsageError(`--mode: expected one of ${MODES.join(', ')}, got ${JSON.stringify(values.mode)}`);
  // A paying mode without a key would only record failed calls over the existing output: stop first.
  if ((mode === 'read-write' || mode === 'refresh') && !values['dry-run'] && !process.env.CO_API_KEY) {
    throw new MissingApiKeyError(`--mode ${mode} calls Cohere and needs the API key in CO_API_KEY, which is not set; nothing was called or written (${values.out} is unchanged)`);
  }
  const config = readJsonFileSync(values.config, FailureModesConfigSchema);
  const records = await readJsonlFile(values.store, RunRecordSchema);
  // The log root travels in the collector's report (relative to the report's folder), so an external or
  // public log tree is found again from any working directory.
  const logRoot = values['log-root'] !== undefined ? resolve(values['log-root']) : resolve(dirname(values['collect-report']), readJsonFileSync(values['collect-report'], CollectReportSchema).log_root);
  const settings = { model: config.judge.model, temperature: config.judge.temperature, seed: config.judge.seed, maxTokens: config.judge.max_tokens };
  const judge =
    mode === 'off'
      ? null
      : new CohereJudge({
          settings,
          mode,
          cacheDir: resolve(config.judge.cache_dir),
          requestsPerMinute: config.judge.requests_per_minute,
          concurrency: config.judge.concurrency,
          timeoutSeconds: config.judge.timeout_seconds,
          maxRetries: config.judge.max_retries,
          ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
        });

  if (values['dry-run']) {
    const planned = plannedJudgeRequests(records, config, logRoot);
    const paid = [];
    for (const p of planned) if (judge && (await judge.wouldCall(p.rubric, p.userMessage))) paid.push({ system: p.rubric.system, user: p.userMessage });
    const estimate = estimateJudgeCost(paid, settings);
    process.stdout.write(
      `dry run (${mode}): ${planned.length} judge requests planned, ${estimate.calls} would call ${estimate.model} ` +
        `(~${estimate.approxInputTokens} input tokens, at most ${estimate.maxOutputTokens} output tokens; ${estimate.rule}); ${planned.length - estimate.calls} answered by the cache or not called\n`,
    );
    return;
  }

  const progress = runsProgress();
  let classified;
  try {
    classified = await classifyRuns({ records, config, logRoot, heuristics: HEURISTICS, judge, mode, allowPartial: values['allow-partial'], onProgress: progress.tick, gold: goldSet() });
  } finally {
    progress.stop();
    // Named whether the run succeeds (re-asked, or --allow-partial) or stops on the incomplete cache.
    const unreadable = judge?.unreadableEntries() ?? [];
    for (const u of unreadable.slice(0, 10)) process.stderr.write(`judge cache: ${u.file}: ${u.reason}; treated as missing${mode === 'read-write' ? ' (re-asked)' : ''}\n`);
    if (unreadable.length > 10) process.stderr.write(`judge cache: ... ${unreadable.length - 10} more unreadable entries\n`);
  }
  const file = validate('failure-modes result', FailureModesFileSchema, classified);
  checkFailureModes(file, `failure-modes (${values.out} not written)`).assert();
  await writeJsonAtomic(values.out, file);

  const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(100 * x).toFixed(1)}%`);
  const lines = [
    `failure-modes: ${file.inputs.records} records (${file.inputs.synthetic_records} synthetic), ${file.inputs.conversations} conversations, ${file.inputs.failed_coop_runs} failed coop runs`,
    `  judge: ${file.judge.status} (${file.judge.mode}); ${file.judge.note}`,
    `  judge usage: ${file.judge.calls} calls, ${file.judge.cache_hits} cache hits, ${file.judge.input_tokens} input / ${file.judge.output_tokens} output tokens`,
  ];
  for (const [reason, n] of Object.entries(file.judge.rejected)) lines.push(`  rejected answers: ${n} (${reason})`);
  for (const m of file.fig6) {
    const groups = m.groups.map((g) => `${g.group} ${g.source === 'none' ? `heuristic ${pct(g.heuristic?.rate)}` : `${pct(g.share?.rate)} (${g.source})`}`).join(', ');
    lines.push(`  ${m.model}: ${m.conversations} conversations, ${m.avg_turns?.toFixed(1) ?? 'n/a'} turns; ${groups}`);
  }
  lines.push(`  wrote ${values.out}`);
  process.stdout.write(lines.join('\n') + '\n');
}

export const command = defineCommand({ main, expected: [[DataFileError, 2], [StageCheckError, 1], [JudgeCacheIncompleteError, 2], [PatchReadError, 2], [MissingApiKeyError, 2]], usage: HELP });
