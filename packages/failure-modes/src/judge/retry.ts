import type { CohereError, CohereTimeoutError } from 'cohere-ai';

/** The SDK's error classes, passed in by the caller that has loaded the SDK (it is imported lazily: cohere-sdk.ts). */
export interface CohereErrorClasses {
  CohereError: typeof CohereError;
  CohereTimeoutError: typeof CohereTimeoutError;
}

/** The SDK caps Retry-After at 60 s too; a longer wait is better spent failing visibly. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Delay asked by a `Retry-After` header: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * null when absent or unreadable (the caller falls back to exponential backoff).
 */
export function retryAfterMs(header: string | null | undefined, now: number = Date.now()): number | null {
  if (header == null) return null;
  const text = header.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(date - now, 0), MAX_RETRY_AFTER_MS);
}

/** Exponential backoff base * 2^attempt, capped at 60 s, with +-10% jitter so parallel workers spread out. */
export function backoffMs(attempt: number, baseMs: number): number {
  const delay = Math.min(baseMs * 2 ** attempt, MAX_RETRY_AFTER_MS);
  return delay * (1 + (Math.random() - 0.5) * 0.2);
}

export interface TransportFailure {
  retryable: boolean;
  /** Short, secret-free description: `HTTP 429: ...`, `timeout after 30 s`, `network error: fetch failed`. */
  reason: string;
  /** From Retry-After, when the server sent one. */
  retryAfterMs: number | null;
}

/**
 * What a thrown `client.chat` error means. Retryable: 408, 429, 5xx, timeouts, network errors.
 * `timedOut` is our own abort timer firing: on Node 20 the SDK reports its own timeout as
 * `CohereError('timeout')` and an abort as `CohereError('The user aborted a request')`, so the flag
 * is the reliable signal.
 */
export function classifyTransportError(err: unknown, timedOut: boolean, timeoutSeconds: number, sdk: CohereErrorClasses): TransportFailure {
  const { CohereError, CohereTimeoutError } = sdk;
  if (timedOut || err instanceof CohereTimeoutError || (err instanceof CohereError && err.message === 'timeout')) {
    return { retryable: true, reason: `timeout after ${timeoutSeconds} s`, retryAfterMs: null };
  }
  if (err instanceof CohereError) {
    const status = err.statusCode;
    if (status === undefined) return { retryable: true, reason: `network error: ${firstLine(err.message)}`, retryAfterMs: null };
    const retryable = status === 408 || status === 429 || status >= 500;
    const detail = bodyMessage(err.body);
    return {
      retryable,
      reason: `HTTP ${status}${detail ? `: ${detail}` : ''}`,
      retryAfterMs: retryable ? retryAfterMs(err.rawResponse?.headers?.get('retry-after')) : null,
    };
  }
  return { retryable: false, reason: `unexpected error: ${firstLine(err instanceof Error ? err.message : String(err))}`, retryAfterMs: null };
}

function bodyMessage(body: unknown): string {
  const message = body && typeof body === 'object' && 'message' in body ? (body as { message: unknown }).message : body;
  const text = typeof message === 'string' ? message : message === undefined ? '' : JSON.stringify(message);
  return firstLine(text ?? '').slice(0, 200);
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
