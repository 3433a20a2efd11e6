import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issuesFromZod, writeJsonAtomic } from '@cooperbench-repro/contracts';
import { z } from 'zod';

export const CACHE_ENTRY_SCHEMA_ID = 'cooperbench-repro/judge-cache-entry@1';

/**
 * One cached Cohere answer. Only complete model responses are stored (HTTP 200): transport and API
 * errors never are. A response whose answer was rejected (unparseable, schema violation, truncated, or
 * refused by the rubric's check) IS stored, flagged in `verdict`, so a replay reproduces the rejection
 * without paying again; on read the verdict is re-derived from `response.text` with the current rubric.
 */
export const CacheEntrySchema = z.object({
  schema: z.literal(CACHE_ENTRY_SCHEMA_ID),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  rubric_id: z.string(),
  rubric_version: z.string(),
  /** The key's pre-image (see cache-key.ts), including the user message: data, not a secret. */
  preimage: z.record(z.string(), z.unknown()),
  response: z.object({
    id: z.string(),
    text: z.string(),
    finish_reason: z.string(),
    /** Billed tokens (what costs money); falls back to `usage.tokens` when billed units are absent. */
    usage: z.object({ input_tokens: z.number(), output_tokens: z.number() }),
  }),
  /** The parsed JSON when it parsed, else null. */
  answer: z.unknown(),
  verdict: z.object({ status: z.enum(['ok', 'rejected']), reason: z.string().nullable() }),
  created_at: z.string(),
  sdk_version: z.string(),
});
export type CacheEntry = z.infer<typeof CacheEntrySchema>;

/** Content-addressed files `<dir>/<first 2 hex>/<key>.json`: diffable, one per call, safe to commit. */
export class ResponseCache {
  constructor(readonly dir: string) {}

  pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The entry, or null when absent. A present but unreadable or invalid entry throws, naming the file and field. */
  async read(key: string): Promise<CacheEntry | null> {
    const file = this.pathOf(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`${file}: expected a readable judge cache entry (${(err as Error).message})`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new Error(`${file}: expected valid JSON (${(err as Error).message})`);
    }
    const parsed = CacheEntrySchema.safeParse(value);
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error).map((i) => `field ${i.field ?? '(entry)'}: expected ${i.expected}`);
      throw new Error(`${file}: not a ${CACHE_ENTRY_SCHEMA_ID} (${issues.join('; ')})`);
    }
    if (parsed.data.key !== key) throw new Error(`${file}: field key: expected ${key}, found ${parsed.data.key}`);
    return parsed.data;
  }

  /** Atomic (temp file + rename): an interrupted run leaves either the whole entry or none. */
  async write(entry: CacheEntry): Promise<void> {
    const file = this.pathOf(entry.key);
    await mkdir(join(this.dir, entry.key.slice(0, 2)), { recursive: true });
    await writeJsonAtomic(file, entry);
  }
}
