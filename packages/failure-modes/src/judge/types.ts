import type { z } from 'zod';

/**
 * The contract between the rubrics (what to ask), the judge (how to ask Cohere, cache and replay)
 * and the classify stage (who is asked). Implementations: judge/cohere-judge.ts, rubrics/*.ts.
 */

export type CacheMode = 'off' | 'replay-only' | 'read-write' | 'refresh';

/** One rubric = one LLM call per transcript, answered as JSON matching `jsonSchema`, validated by `answer`. */
export interface Rubric<T> {
  /** Stable id, part of the cache key ("comm-errors", "symptoms"). */
  id: string;
  /** Bump when the prompt, schema or checks change: part of the cache key. */
  version: string;
  system: string;
  /** Cohere `responseFormat.jsonSchema` (the restricted subset Cohere accepts: no anyOf, no min/max...). */
  jsonSchema: Record<string, unknown>;
  /** Client-side validation of the parsed JSON. */
  answer: z.ZodType<T>;
  /**
   * Semantic checks after validation (e.g. every quote verbatim in the transcript, at least two quotes
   * for a label). Returns the reason to reject the answer, or null to accept it.
   */
  check(answer: T, transcriptText: string): string | null;
}

export interface JudgeSettings {
  model: string;
  temperature: number;
  seed: number;
  maxTokens: number;
}

export interface JudgeUsage {
  input_tokens: number;
  output_tokens: number;
}

/**
 * ok: accepted answer. rejected: the model answered but the answer failed validation or `check`
 * (never cached as an answer to trust; counted). failed: transport/API failure after retries (never
 * cached). miss: replay-only mode and no cache entry (no call made).
 */
export type JudgeStatus = 'ok' | 'rejected' | 'failed' | 'miss';

export interface JudgeResult<T> {
  status: JudgeStatus;
  answer: T | null;
  reason: string | null;
  /** sha256 hex of the canonical key pre-image (model, rubric id+version, prompt, schema, sampling). */
  cacheKey: string;
  fromCache: boolean;
  usage: JudgeUsage;
}

export interface JudgeCallStats {
  calls: number;
  cacheHits: number;
  misses: number;
  failures: number;
  rejected: Record<string, number>;
  usage: JudgeUsage;
  /** Cache entries present but unusable (truncated, empty, wrong shape, a directory): treated as missing. */
  unreadableEntries: number;
}

/** What classify needs from a judge: ask one rubric about one transcript text. */
export interface JudgeClient {
  judge<T>(rubric: Rubric<T>, userMessage: string, transcriptText: string): Promise<JudgeResult<T>>;
  stats(): JudgeCallStats;
}
