import { createHash } from 'node:crypto';
import type { JudgeSettings, Rubric } from './types.js';

/**
 * Everything that decides what Cohere answers, and nothing else: no token, no timestamp, no SDK version
 * (those would change the key without changing the answer). Stored in full in each cache entry for audit.
 */
export interface JudgeKeyPreimage {
  provider: 'cohere';
  endpoint: '/v2/chat';
  model: string;
  rubricId: string;
  rubricVersion: string;
  system: string;
  user: string;
  jsonSchema: Record<string, unknown>;
  temperature: number;
  seed: number;
  maxTokens: number;
}

export function judgeKeyPreimage(rubric: Rubric<unknown>, userMessage: string, settings: JudgeSettings): JudgeKeyPreimage {
  return {
    provider: 'cohere',
    endpoint: '/v2/chat',
    model: settings.model,
    rubricId: rubric.id,
    rubricVersion: rubric.version,
    system: rubric.system,
    user: userMessage,
    jsonSchema: rubric.jsonSchema,
    temperature: settings.temperature,
    seed: settings.seed,
    maxTokens: settings.maxTokens,
  };
}

/** sha256 hex of the canonical JSON of the pre-image. */
export function cacheKeyOf(preimage: JudgeKeyPreimage): string {
  return createHash('sha256').update(canonicalJson(preimage)).digest('hex');
}

/**
 * Canonical JSON (the JCS idea, enough for our values): object keys sorted by code unit, no whitespace,
 * `undefined` object members dropped. Non-finite numbers are refused because JSON cannot carry them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`canonicalJson: expected a finite number, got ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonicalJson: expected a JSON value, got ${typeof value}`);
}
