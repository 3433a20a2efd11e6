import { CohereError, CohereTimeoutError } from 'cohere-ai';
import { describe, expect, it } from 'vitest';
import { backoffMs, classifyTransportError, MAX_RETRY_AFTER_MS, retryAfterMs } from './retry.js';

/** The error classes classifyTransportError takes from the lazily loaded SDK. */
const SDK = { CohereError, CohereTimeoutError };

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delta-seconds, capped at 60 s', () => {
    expect(retryAfterMs('1', now)).toBe(1000);
    expect(retryAfterMs(' 2.5 ', now)).toBe(2500);
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs('3600', now)).toBe(MAX_RETRY_AFTER_MS);
  });
  it('reads an HTTP date relative to now; a past date means no wait', () => {
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });
  it('gives null when absent or unreadable', () => {
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('', now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});

describe('backoffMs', () => {
  it('doubles per attempt within +-10% jitter', () => {
    for (const attempt of [0, 1, 3]) {
      const d = backoffMs(attempt, 1000);
      expect(d).toBeGreaterThanOrEqual(1000 * 2 ** attempt * 0.9);
      expect(d).toBeLessThanOrEqual(1000 * 2 ** attempt * 1.1);
    }
  });
});

describe('classifyTransportError', () => {
  const withStatus = (statusCode: number, headers: Record<string, string> = {}) =>
    new CohereError({ statusCode, body: { message: 'why' }, rawResponse: { headers: new Headers(headers), redirected: false, status: statusCode, statusText: '', type: 'basic', url: '' } });

  it('retries 408, 429 and 5xx, honouring Retry-After', () => {
    expect(classifyTransportError(withStatus(429, { 'retry-after': '2' }), false, 30, SDK)).toEqual({ retryable: true, reason: 'HTTP 429: why', retryAfterMs: 2000 });
    expect(classifyTransportError(withStatus(408), false, 30, SDK).retryable).toBe(true);
    expect(classifyTransportError(withStatus(503), false, 30, SDK)).toMatchObject({ retryable: true, retryAfterMs: null });
  });
  it('does not retry other client errors', () => {
    expect(classifyTransportError(withStatus(400), false, 30, SDK)).toMatchObject({ retryable: false, reason: 'HTTP 400: why' });
    expect(classifyTransportError(withStatus(401), false, 30, SDK).retryable).toBe(false);
  });
  it('recognises timeouts: our abort timer, the Node 20 CohereError("timeout"), CohereTimeoutError', () => {
    const aborted = new CohereError({ message: 'The user aborted a request' });
    expect(classifyTransportError(aborted, true, 30, SDK)).toEqual({ retryable: true, reason: 'timeout after 30 s', retryAfterMs: null });
    expect(classifyTransportError(new CohereError({ message: 'timeout' }), false, 30, SDK).reason).toBe('timeout after 30 s');
    expect(classifyTransportError(new CohereTimeoutError('Timeout'), false, 30, SDK).reason).toBe('timeout after 30 s');
  });
  it('retries network errors, not unknown exceptions', () => {
    expect(classifyTransportError(new CohereError({ message: 'fetch failed' }), false, 30, SDK)).toMatchObject({ retryable: true, reason: 'network error: fetch failed' });
    expect(classifyTransportError(new TypeError('boom'), false, 30, SDK)).toMatchObject({ retryable: false, reason: 'unexpected error: boom' });
  });
});
