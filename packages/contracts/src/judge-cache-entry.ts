import { z } from 'zod';

/**
 * One cached answer of the failure-mode judge (Cohere), `data/judge-cache/<first 2 hex>/<key>.json`,
 * written by the failure-modes stage and replayed by it. Only complete model responses are stored
 * (HTTP 200): transport and API errors never are. A response whose answer was rejected (unparseable,
 * schema violation, truncated, or refused by the rubric's check) IS stored, flagged in `verdict`, so a
 * replay reproduces the rejection without paying again; on read the verdict is re-derived from
 * `response.text` with the current rubric.
 */

export const JUDGE_CACHE_ENTRY_SCHEMA_ID = 'cooperbench-repro/judge-cache-entry@1';

export const JudgeCacheEntrySchema = z.object({
  schema: z.literal(JUDGE_CACHE_ENTRY_SCHEMA_ID),
  /** sha256 hex of the canonical pre-image; also the file name. */
  key: z.string().regex(/^[0-9a-f]{64}$/),
  rubric_id: z.string(),
  rubric_version: z.string(),
  /** The key's pre-image (model, rubric, prompt, schema, sampling), including the user message: data, not a secret. */
  preimage: z.record(z.string(), z.unknown()),
  response: z.object({
    id: z.string(),
    text: z.string(),
    finish_reason: z.string(),
    /** Billed tokens (what costs money); falls back to `usage.tokens` when billed units are absent. */
    usage: z.object({ input_tokens: z.number().nonnegative(), output_tokens: z.number().nonnegative() }),
  }),
  /** The parsed JSON when it parsed, else null. */
  answer: z.unknown(),
  verdict: z.object({ status: z.enum(['ok', 'rejected']), reason: z.string().nullable() }),
  created_at: z.string(),
  sdk_version: z.string(),
});
export type JudgeCacheEntry = z.infer<typeof JudgeCacheEntrySchema>;
