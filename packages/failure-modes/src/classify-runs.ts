import type { FailureModesFile, HeuristicResult, RunFailureModes, RunRecord } from '@cooperbench-repro/contracts';
import type { FailureModesConfig } from './config.js';
import { aggregateFailureModes } from './aggregate/index.js';
import { commErrorOf, notJudged, symptomsOf } from './judge-runs.js';
import type { Heuristic } from './heuristics/heuristic.js';
import type { CacheMode, JudgeClient } from './judge/types.js';
import { commErrorsRubric } from './rubrics/comm-errors.js';
import { buildCommErrorRequest, buildSymptomRequest, truncationRule } from './rubrics/render-transcript.js';
import { symptomsRubric } from './rubrics/symptoms.js';
import { isConversation, isFailedCoopRun, transcriptOf, type Transcript } from './transcript.js';
import type { GoldConversation } from './gold/gold-set.js';
import { goldValidation } from './gold/gold-validation.js';
import { humanCoded } from './gold/human-coded.js';
import { interCoderSection } from './gold/inter-coder-section.js';

/**
 * The stage: every coop run that Figure 6 (conversations) or Table 1 (failed runs) looks at gets the
 * heuristics, and, when a judge is available, one call per rubric that applies to it.
 */

export interface ClassifyInput {
  records: readonly RunRecord[];
  config: FailureModesConfig;
  /** Log root for patch texts (upstream records); null: judge without patches. */
  logRoot: string | null;
  heuristics: readonly Heuristic[];
  /** null: judge off (heuristics only). */
  judge: JudgeClient | null;
  mode: CacheMode;
  /** Replay-only with some cached answers but not all: record the misses instead of failing. */
  allowPartial: boolean;
  onProgress?: (done: number, total: number) => void;
  /** The human-coded gold set (gold/), to validate the heuristics on the runs it codes; null: no validation. */
  gold?: ReadonlyMap<string, GoldConversation> | null;
}

export class JudgeCacheIncompleteError extends Error {
  constructor(
    readonly missing: number,
    readonly examples: string[],
  ) {
    super(
      `the judge cache answers some transcripts but not ${missing} others (e.g. ${examples.join(', ')}); ` +
        'run `nx run failure-modes:judge` with CO_API_KEY set to fill it, or pass --allow-partial to report them as not judged',
    );
  }
}

const NOT_RUN = 'LLM judge not run';
/** Why a failed run outside Figure 6's population has no comm-error verdict (checks.ts tells the populations apart by it). */
export const NOT_A_CONVERSATION = 'not a conversation (no messages or no messaging)';

export async function classifyRuns(input: ClassifyInput): Promise<FailureModesFile> {
  const { records, config, judge } = input;
  const selected = records.filter((r) => isConversation(r) || isFailedCoopRun(r));
  let done = 0;
  const runs: RunFailureModes[] = await Promise.all(
    selected.map(async (record) => {
      const t = transcriptOf(record, { logRoot: record.source === 'upstream-logs' && config.judge.include_patches ? input.logRoot : null });
      const heuristics = runHeuristics(input.heuristics, t);
      const run = await judgeRun(record, t, heuristics, input);
      input.onProgress?.(++done, selected.length);
      return run;
    }),
  );

  const stats = judge?.stats() ?? { calls: 0, cacheHits: 0, misses: 0, failures: 0, rejected: {}, usage: { input_tokens: 0, output_tokens: 0 } };
  const judged = runs.flatMap((r) => [r.comm_error.judge, r.symptoms.judge]).filter((j) => j.cache_key !== null);
  const misses = runs.filter((r) => [r.comm_error.judge, r.symptoms.judge].some((j) => j.cache_key !== null && j.status === 'not-judged'));
  // Nothing answered from the cache or the API: the judge did not run; say so, never invent labels.
  // An unreadable cache entry is a cache that exists: its transcripts are misses, not "not run".
  const notRun = judge === null || (judged.length > 0 && stats.calls === 0 && stats.cacheHits === 0 && judge.stats().unreadableEntries === 0);
  if (notRun) for (const r of runs) blankJudge(r, `${NOT_RUN}: no cached answers and no API call made`);
  else if (misses.length > 0 && !input.allowPartial) throw new JudgeCacheIncompleteError(misses.length, misses.slice(0, 3).map((r) => r.record_id));

  const count = (key: 'rejected' | 'not-judged') => {
    const out: Record<string, number> = {};
    for (const r of runs)
      for (const j of [r.comm_error.judge, r.symptoms.judge]) if (j.status === key || (key === 'not-judged' && j.status === 'failed')) out[j.reason ?? 'unknown'] = (out[j.reason ?? 'unknown'] ?? 0) + 1;
    return out;
  };
  const failedOrMissing = runs.some((r) => [r.comm_error.judge, r.symptoms.judge].some((j) => j.status === 'failed' || (j.status === 'not-judged' && j.cache_key !== null)));
  const status = notRun ? 'not-run' : failedOrMissing ? 'partial' : 'complete';
  const note =
    status === 'not-run'
      ? `${NOT_RUN}: no cached judge answers for these transcripts${judge === null ? ' (judge off)' : ''} and no API call made. Judge-based numbers (communication-error labels, symptoms, causes) are absent; heuristic estimates are shown as heuristics.`
      : status === 'partial'
        ? `LLM judge partial: some transcripts have no answer (see judge.not_judged); their rows count as not judged.`
        : `LLM judge ${config.judge.model}: ${stats.calls} API calls this run, ${stats.cacheHits} answers replayed from the cache.`;

  // The populations come from the records (setting, messaging arm), which the per-run rows do not carry.
  const conversationIds = new Set(selected.filter(isConversation).map((r) => r.record_id));
  const failedIds = new Set(selected.filter(isFailedCoopRun).map((r) => r.record_id));
  const aggregated = aggregateFailureModes(runs, input.heuristics, config.confidence, {
    isConversation: (r) => conversationIds.has(r.record_id),
    isFailedCoopRun: (r) => failedIds.has(r.record_id),
  });
  return {
    schema: 'cooperbench-repro/failure-modes@1',
    parameters: {
      confidence: config.confidence,
      judge_model: config.judge.model,
      judge_temperature: config.judge.temperature,
      judge_seed: config.judge.seed,
      judge_max_tokens: config.judge.max_tokens,
      max_transcript_chars: config.judge.max_transcript_chars,
      include_patches: config.judge.include_patches,
      truncation: truncationRule({ maxChars: config.judge.max_transcript_chars, includePatches: config.judge.include_patches, includeOutcome: true }),
      truncated_transcripts: runs.filter((r) => r.comm_error.judge.truncated || r.symptoms.judge.truncated).length,
      populations: 'Figure 6: coop runs in messaging arms with at least one message; Table 1: coop runs with outcome fail (unknown outcomes excluded)',
      failed_runs_without_messages: 'not sent to the symptom judge: a coordination label needs conversation evidence, so they are implementation failures by the rule',
      heuristics: input.heuristics.map((h) => h.name).join(','),
      heuristic_min_precision: config.heuristic_validation.min_precision,
      heuristic_min_kappa: config.heuristic_validation.min_kappa,
    },
    inputs: {
      records: records.length,
      synthetic_records: records.filter((r) => r.synthetic).length,
      coop_records: records.filter((r) => r.setting === 'coop').length,
      conversations: records.filter(isConversation).length,
      failed_coop_runs: records.filter(isFailedCoopRun).length,
    },
    judge: {
      status,
      note,
      mode: input.mode,
      model: config.judge.model,
      rubric_versions: { [commErrorsRubric.id]: commErrorsRubric.version, [symptomsRubric.id]: symptomsRubric.version },
      calls: stats.calls,
      cache_hits: stats.cacheHits,
      input_tokens: stats.usage.input_tokens,
      output_tokens: stats.usage.output_tokens,
      rejected: count('rejected'),
      not_judged: count('not-judged'),
    },
    ...aggregated,
    gold_validation: goldValidation(selected, runs, input.gold ?? null, input.heuristics, config.heuristic_validation),
    human_coded: humanCoded({ conversations: selected.filter(isConversation), failedCoopRuns: selected.filter(isFailedCoopRun) }, input.gold ?? null, config.confidence),
    inter_coder: input.gold ? interCoderSection(input.gold, config.confidence) : null,
    runs,
  };
}

/** The judge calls a classification would make (before the cache decides), for the dry-run estimate. */
export function plannedJudgeRequests(records: readonly RunRecord[], config: FailureModesConfig, logRoot: string | null): { rubric: typeof commErrorsRubric | typeof symptomsRubric; userMessage: string }[] {
  const out: { rubric: typeof commErrorsRubric | typeof symptomsRubric; userMessage: string }[] = [];
  for (const record of records) {
    if (!isConversation(record) && !isFailedCoopRun(record)) continue;
    const t = transcriptOf(record, { logRoot: record.source === 'upstream-logs' && config.judge.include_patches ? logRoot : null });
    if (isConversation(record)) out.push({ rubric: commErrorsRubric, userMessage: buildCommErrorRequest(t, { maxChars: config.judge.max_transcript_chars }).userMessage });
    if (isFailedCoopRun(record) && t.messages.length > 0)
      out.push({ rubric: symptomsRubric, userMessage: buildSymptomRequest(t, { maxChars: config.judge.max_transcript_chars, includePatches: config.judge.include_patches }).userMessage });
  }
  return out;
}

function runHeuristics(heuristics: readonly Heuristic[], t: Transcript): Record<string, HeuristicResult> {
  return Object.fromEntries(heuristics.map((h) => [h.name, h.run(t)]));
}

async function judgeRun(record: RunRecord, t: Transcript, heuristics: Record<string, HeuristicResult>, input: ClassifyInput): Promise<RunFailureModes> {
  const { judge, config } = input;
  const renderOpts = { maxChars: config.judge.max_transcript_chars };
  let comm_error: RunFailureModes['comm_error'] = { judge: notJudged(NOT_A_CONVERSATION), code: null, description: null, evidence: [] };
  let symptoms: RunFailureModes['symptoms'] = { judge: notJudged('not a failed coop run'), labels: [], implementation_failure_only: null };
  const off = `${NOT_RUN} (judge mode off)`;
  if (isConversation(record) && !judge) comm_error = { ...comm_error, judge: notJudged(off) };
  if (judge && isConversation(record)) {
    const req = buildCommErrorRequest(t, renderOpts);
    comm_error = commErrorOf(await judge.judge(commErrorsRubric, req.userMessage, req.transcriptText), req.truncated);
  }
  if (isFailedCoopRun(record)) {
    if (t.messages.length === 0) {
      // No conversation, so no coordination label is possible (App. G): no call is paid for.
      symptoms = { judge: { status: 'no-issue', reason: 'no conversation: implementation failure by the rule, no call made', cache_key: null, truncated: false }, labels: [], implementation_failure_only: true };
    } else if (!judge) {
      symptoms = { ...symptoms, judge: notJudged(off) };
    } else {
      const req = buildSymptomRequest(t, { ...renderOpts, includePatches: config.judge.include_patches });
      symptoms = symptomsOf(await judge.judge(symptomsRubric, req.userMessage, req.transcriptText), req.truncated);
    }
  }
  return {
    record_id: record.record_id,
    model: record.model,
    arm: record.arm,
    outcome: record.outcome,
    naive_conflict: record.merge.naive_conflict,
    turns: t.messages.length,
    heuristics,
    comm_error,
    symptoms,
  };
}

function blankJudge(run: RunFailureModes, reason: string): void {
  if (run.comm_error.judge.cache_key !== null) run.comm_error = { judge: notJudged(reason), code: null, description: null, evidence: [] };
  if (run.symptoms.judge.cache_key !== null) run.symptoms = { judge: notJudged(reason), labels: [], implementation_failure_only: null };
}
