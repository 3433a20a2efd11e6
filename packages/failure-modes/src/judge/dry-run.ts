import type { JudgeSettings } from './types.js';

/** Rough English-text rule (Cohere and OpenAI both quote ~4 characters per token); good to ~20-30%. */
export const CHARS_PER_TOKEN = 4;

export interface JudgeCostEstimate {
  model: string;
  calls: number;
  /** Sum over requests of ceil((system chars + user chars) / 4); excludes the JSON schema and chat template overhead. */
  approxInputTokens: number;
  /** calls x maxTokens: the most the answers can cost. */
  maxOutputTokens: number;
  rule: string;
}

/**
 * What a run would cost before spending: one call per request (no retries counted), no call made.
 * Pass only the requests that would miss the cache (see CohereJudge.wouldCall) to price a resumed run.
 */
export function estimateJudgeCost(requests: readonly { system: string; user: string }[], settings: JudgeSettings): JudgeCostEstimate {
  let approxInputTokens = 0;
  for (const r of requests) approxInputTokens += Math.ceil((r.system.length + r.user.length) / CHARS_PER_TOKEN);
  return {
    model: settings.model,
    calls: requests.length,
    approxInputTokens,
    maxOutputTokens: requests.length * settings.maxTokens,
    rule: `input tokens ~ ceil((system + user characters) / ${CHARS_PER_TOKEN}) per call; output at most maxTokens per call`,
  };
}
