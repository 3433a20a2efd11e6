import type { JudgeCallStats, JudgeUsage } from './types.js';

/**
 * The judge's accounting for one run of the stage.
 * calls: HTTP requests sent to Cohere (every attempt, retries included: each one may be billed).
 * cacheHits / misses: answered from the cache / replay-only misses (no call). unreadableEntries: cache
 * files that were there but unusable, each handled like a missing entry.
 * failures: results with status failed. rejected: results with status rejected, by category.
 * usage: tokens of the responses received in this run (billed units). cachedUsage: tokens the cache
 * spared (the stored usage of each hit).
 */
export interface CohereJudgeStats extends JudgeCallStats {
  /** judge() invocations. */
  requests: number;
  ok: number;
  /** judge() calls that joined an identical call already in flight. */
  deduplicated: number;
  transportRetries: number;
  semanticRetries: number;
  cacheWrites: number;
  cacheWriteErrors: number;
  cachedUsage: JudgeUsage;
}

export function emptyStats(): CohereJudgeStats {
  return {
    calls: 0,
    cacheHits: 0,
    misses: 0,
    failures: 0,
    rejected: {},
    usage: { input_tokens: 0, output_tokens: 0 },
    unreadableEntries: 0,
    requests: 0,
    ok: 0,
    deduplicated: 0,
    transportRetries: 0,
    semanticRetries: 0,
    cacheWrites: 0,
    cacheWriteErrors: 0,
    cachedUsage: { input_tokens: 0, output_tokens: 0 },
  };
}

export function addUsage(total: JudgeUsage, more: JudgeUsage): void {
  total.input_tokens += more.input_tokens;
  total.output_tokens += more.output_tokens;
}

export function copyStats(stats: CohereJudgeStats): CohereJudgeStats {
  return { ...stats, rejected: { ...stats.rejected }, usage: { ...stats.usage }, cachedUsage: { ...stats.cachedUsage } };
}
