import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  hang,
  malformedJson,
  reply,
  serverError,
  startFakeCohere,
  tooManyRequests,
  truncated,
  type FakeBehaviour,
  type FakeCohereServer,
} from '../test-support/fake-cohere-server.js';
import { CohereJudge, NO_API_KEY_REASON, type CohereJudgeOptions, type JudgeEvent } from './cohere-judge.js';
import type { JudgeSettings, Rubric } from './types.js';

/** A tiny rubric of our own: a label and the quotes that support it, every quote verbatim in the transcript. */
const QuoteAnswer = z.object({ label: z.enum(['none', 'repetition']), quotes: z.array(z.string()) });
type QuoteAnswer = z.infer<typeof QuoteAnswer>;
const rubric: Rubric<QuoteAnswer> = {
  id: 'test-quotes',
  version: '1',
  system: 'Label the conversation. Answer in JSON with "label" and "quotes".',
  jsonSchema: {
    type: 'object',
    properties: { label: { type: 'string', enum: ['none', 'repetition'] }, quotes: { type: 'array', items: { type: 'string' } } },
    required: ['label', 'quotes'],
  },
  answer: QuoteAnswer,
  check: (answer, transcript) => {
    const missing = answer.quotes.find((q) => !transcript.includes(q));
    return missing === undefined ? null : `quote not in transcript: ${missing}`;
  },
};
const settings: JudgeSettings = { model: 'command-a-03-2025', temperature: 0, seed: 42, maxTokens: 256 };
const TOKEN = 'sk-test-token-0123456789-do-not-leak';
const transcript = (i: number) => `agent1: I will edit core.py ${i}\nagent2: I will edit core.py ${i}`;
const good = (i: number) => reply({ label: 'repetition', quotes: [`I will edit core.py ${i}`] });

let server: FakeCohereServer;
let cacheDir: string;
const servers: FakeCohereServer[] = [];

async function fake(script: FakeBehaviour[], more: Parameters<typeof startFakeCohere>[0] = {}): Promise<FakeCohereServer> {
  server = await startFakeCohere({ script, ...more });
  servers.push(server);
  return server;
}

function judgeWith(overrides: Partial<CohereJudgeOptions> = {}): CohereJudge {
  return new CohereJudge({
    settings,
    mode: 'read-write',
    cacheDir,
    requestsPerMinute: 0,
    concurrency: 2,
    timeoutSeconds: 5,
    maxRetries: 2,
    retryBaseDelayMs: 10,
    baseUrl: server.url,
    token: TOKEN,
    ...overrides,
  });
}

async function cacheFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const sub of await readdir(cacheDir).catch(() => [] as string[])) {
    for (const f of await readdir(join(cacheDir, sub))) out.push(join(cacheDir, sub, f));
  }
  return out;
}

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'judge-test-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await rm(cacheDir, { recursive: true, force: true });
});

describe('CohereJudge against a fake Cohere through the real SDK', () => {
  it('success: one call with the rubric as system message, JSON schema, sampling settings and bearer token; answer cached', async () => {
    await fake([good(1)]);
    const judge = judgeWith();
    const result = await judge.judge(rubric, `<transcript>${transcript(1)}</transcript>`, transcript(1));

    expect(result).toMatchObject({ status: 'ok', answer: { label: 'repetition', quotes: ['I will edit core.py 1'] }, reason: null, fromCache: false });
    expect(result.usage).toEqual({ input_tokens: 100, output_tokens: 20 });
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    expect(sent.path).toBe('/v2/chat');
    expect(sent.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent.body).toMatchObject({
      model: 'command-a-03-2025',
      messages: [
        { role: 'system', content: rubric.system },
        { role: 'user', content: `<transcript>${transcript(1)}</transcript>` },
      ],
      response_format: { type: 'json_object', json_schema: rubric.jsonSchema },
      temperature: 0,
      seed: 42,
      max_tokens: 256,
    });

    const files = await cacheFiles();
    expect(files).toEqual([join(cacheDir, result.cacheKey.slice(0, 2), `${result.cacheKey}.json`)]);
    const entry = JSON.parse(await readFile(files[0]!, 'utf8'));
    expect(entry).toMatchObject({
      key: result.cacheKey,
      rubric_id: 'test-quotes',
      rubric_version: '1',
      preimage: { provider: 'cohere', endpoint: '/v2/chat', model: 'command-a-03-2025', user: `<transcript>${transcript(1)}</transcript>`, seed: 42 },
      response: { id: 'fake-0', finish_reason: 'COMPLETE', usage: { input_tokens: 100, output_tokens: 20 } },
      answer: { label: 'repetition' },
      verdict: { status: 'ok', reason: null },
      sdk_version: '8.1.0',
    });
    expect(judge.stats()).toMatchObject({ calls: 1, cacheHits: 0, ok: 1, cacheWrites: 1, usage: { input_tokens: 100, output_tokens: 20 } });

    // Same request again: answered from the cache, no call.
    const again = await judgeWith().judge(rubric, `<transcript>${transcript(1)}</transcript>`, transcript(1));
    expect(again).toMatchObject({ status: 'ok', fromCache: true, cacheKey: result.cacheKey, answer: result.answer });
    expect(server.requests).toHaveLength(1);
  });

  it('malformed JSON: one more call, then rejected with the parse error; the answer is cached flagged rejected', async () => {
    await fake([malformedJson(), malformedJson()]);
    const judge = judgeWith();
    const result = await judge.judge(rubric, transcript(1), transcript(1));
    expect(result.status).toBe('rejected');
    expect(result.answer).toBeNull();
    expect(result.reason).toMatch(/^unparseable JSON: /);
    expect(server.requests).toHaveLength(2);
    expect(judge.stats()).toMatchObject({ calls: 2, semanticRetries: 1, rejected: { 'unparseable JSON': 1 } });
    const [file] = await cacheFiles();
    expect(JSON.parse(await readFile(file!, 'utf8')).verdict).toMatchObject({ status: 'rejected', reason: result.reason });

    // Replay reproduces the rejection without paying again.
    const replay = await judgeWith({ mode: 'replay-only' }).judge(rubric, transcript(1), transcript(1));
    expect(replay).toMatchObject({ status: 'rejected', fromCache: true, reason: result.reason });
    expect(server.requests).toHaveLength(2);
  });

  it('malformed JSON then a good answer: the retry is accepted and cached', async () => {
    await fake([malformedJson(), good(1)]);
    const result = await judgeWith().judge(rubric, transcript(1), transcript(1));
    expect(result).toMatchObject({ status: 'ok', answer: { label: 'repetition' } });
    expect(server.requests).toHaveLength(2);
    expect(JSON.parse(await readFile((await cacheFiles())[0]!, 'utf8')).response.id).toBe('fake-1');
  });

  it('schema violation: rejected after one retry, naming the field', async () => {
    await fake([reply({ label: 'hallucination', quotes: [] }), reply({ label: 'none' })]);
    const judge = judgeWith();
    const result = await judge.judge(rubric, transcript(1), transcript(1));
    expect(result.status).toBe('rejected');
    expect(result.reason).toMatch(/^schema violation: quotes: expected/);
    expect(server.requests).toHaveLength(2);
    expect(judge.stats().rejected).toEqual({ 'schema violation': 1 });
  });

  it('finish reason MAX_TOKENS: rejected after one retry even if the cut text parses', async () => {
    await fake([truncated('{"label":"none","quotes":[]}'), truncated('{"label":"none","quo')]);
    const result = await judgeWith().judge(rubric, transcript(1), transcript(1));
    expect(result).toMatchObject({ status: 'rejected', reason: 'finish reason MAX_TOKENS, expected COMPLETE' });
    expect(server.requests).toHaveLength(2);
  });

  it('a quote not in the transcript: rejected by check without a retry, counted by category', async () => {
    await fake([reply({ label: 'repetition', quotes: ['I never said this'] })]);
    const judge = judgeWith();
    const result = await judge.judge(rubric, transcript(1), transcript(1));
    expect(result).toMatchObject({ status: 'rejected', answer: null, reason: 'quote not in transcript: I never said this' });
    expect(server.requests).toHaveLength(1);
    expect(judge.stats().rejected).toEqual({ 'check: quote not in transcript': 1 });
  });

  it('429 with Retry-After: 1 waits at least a second, then succeeds', async () => {
    await fake([tooManyRequests('1'), good(1)]);
    const events: JudgeEvent[] = [];
    const judge = judgeWith({ onEvent: (e) => events.push(e) });
    const result = await judge.judge(rubric, transcript(1), transcript(1));
    expect(result.status).toBe('ok');
    expect(server.requests).toHaveLength(2);
    // A lower bound only: the wait can be longer, never shorter.
    expect(server.requests[1]!.receivedAt - server.requests[0]!.receivedAt).toBeGreaterThanOrEqual(990);
    expect(events).toContainEqual(expect.objectContaining({ type: 'transport-retry', delayMs: 1000, reason: 'HTTP 429: trial key rate limit exceeded' }));
    expect(judge.stats()).toMatchObject({ calls: 2, transportRetries: 1, failures: 0 });
  });

  it('500 then success: retried with backoff', async () => {
    await fake([serverError(500), good(1)]);
    const result = await judgeWith().judge(rubric, transcript(1), transcript(1));
    expect(result.status).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });

  it('500 until retries are exhausted: failed with the reason, nothing cached', async () => {
    await fake([serverError(500), serverError(503), serverError(500)]);
    const judge = judgeWith({ maxRetries: 2 });
    const result = await judge.judge(rubric, transcript(1), transcript(1));
    expect(result).toMatchObject({ status: 'failed', answer: null, reason: 'HTTP 500: internal server error (3 attempts)' });
    expect(server.requests).toHaveLength(3);
    expect(await cacheFiles()).toEqual([]);
    expect(judge.stats()).toMatchObject({ failures: 1, calls: 3 });
  });

  it('400 is not retried', async () => {
    await fake([{ kind: 'status', status: 400, body: { message: 'invalid json_schema' } }]);
    const result = await judgeWith().judge(rubric, transcript(1), transcript(1));
    expect(result).toMatchObject({ status: 'failed', reason: 'HTTP 400: invalid json_schema (1 attempt)' });
    expect(server.requests).toHaveLength(1);
  });

  it('timeout: a hanging server is abandoned after timeoutSeconds and retried; exhausted -> failed, not cached', async () => {
    await fake([hang(), good(1)]);
    const ok = await judgeWith({ timeoutSeconds: 0.3, maxRetries: 1 }).judge(rubric, transcript(1), transcript(1));
    expect(ok.status).toBe('ok');
    expect(server.requests).toHaveLength(2);

    await fake([hang(), hang()]);
    const judge = judgeWith({ timeoutSeconds: 0.3, maxRetries: 1 });
    const failed = await judge.judge(rubric, transcript(2), transcript(2));
    expect(failed).toMatchObject({ status: 'failed', reason: 'timeout after 0.3 s (2 attempts)' });
    expect(server.requests).toHaveLength(2);
    expect(await cacheFiles()).toHaveLength(1); // only the first, successful answer
  });

  it('an interrupted run resumes from the cache: N transcripts cost exactly N requests over both runs', async () => {
    const N = 6;
    await fake([], { fallback: (req) => good(Number(/core\.py (\d+)/.exec(JSON.stringify(req.body))![1])) });
    const first = judgeWith();
    await Promise.all([0, 1, 2].map((i) => first.judge(rubric, transcript(i), transcript(i))));
    expect(server.requests).toHaveLength(3);

    const resumed = judgeWith();
    const results = await Promise.all(Array.from({ length: N }, (_, i) => resumed.judge(rubric, transcript(i), transcript(i))));
    expect(results.map((r) => r.status)).toEqual(Array(N).fill('ok'));
    expect(results.map((r) => r.fromCache)).toEqual([true, true, true, false, false, false]);
    expect(server.requests).toHaveLength(N);
    expect(resumed.stats()).toMatchObject({ calls: 3, cacheHits: 3, cachedUsage: { input_tokens: 300, output_tokens: 60 } });
  });

  it('identical requests in flight share one call', async () => {
    await fake([good(1)], { latencyMs: 50 });
    const judge = judgeWith();
    const [a, b] = await Promise.all([judge.judge(rubric, transcript(1), transcript(1)), judge.judge(rubric, transcript(1), transcript(1))]);
    expect(a.status).toBe('ok');
    expect(b).toEqual(a);
    expect(server.requests).toHaveLength(1);
    expect(judge.stats()).toMatchObject({ requests: 2, deduplicated: 1, calls: 1 });
  });

  it('replay-only: a miss makes zero requests and needs no key', async () => {
    await fake([good(1)]);
    const judge = judgeWith({ mode: 'replay-only', token: '' });
    const result = await judge.judge(rubric, transcript(1), transcript(1));
    expect(result).toMatchObject({ status: 'miss', answer: null, fromCache: false });
    expect(server.requests).toHaveLength(0);
    expect(judge.stats()).toMatchObject({ misses: 1, calls: 0 });
  });

  it('refresh calls again and overwrites the entry; off calls and writes nothing', async () => {
    await fake([good(1), good(1), good(1)]);
    const first = await judgeWith().judge(rubric, transcript(1), transcript(1));
    const file = join(cacheDir, first.cacheKey.slice(0, 2), `${first.cacheKey}.json`);
    expect(JSON.parse(await readFile(file, 'utf8')).response.id).toBe('fake-0');

    const refreshed = await judgeWith({ mode: 'refresh' }).judge(rubric, transcript(1), transcript(1));
    expect(refreshed).toMatchObject({ status: 'ok', fromCache: false, cacheKey: first.cacheKey });
    expect(server.requests).toHaveLength(2);
    expect(JSON.parse(await readFile(file, 'utf8')).response.id).toBe('fake-1');

    await judgeWith({ mode: 'off' }).judge(rubric, transcript(1), transcript(1));
    expect(server.requests).toHaveLength(3);
    expect(JSON.parse(await readFile(file, 'utf8')).response.id).toBe('fake-1');
  });

  it('no key: failed "no CO_API_KEY" without a request or a throw; cached answers are still served', async () => {
    await fake([good(1)]);
    await judgeWith().judge(rubric, transcript(1), transcript(1));
    const saved = process.env.CO_API_KEY;
    delete process.env.CO_API_KEY;
    try {
      const keyless = judgeWith({ token: undefined });
      expect(keyless.hasApiKey).toBe(false);
      expect(await keyless.judge(rubric, transcript(1), transcript(1))).toMatchObject({ status: 'ok', fromCache: true });
      expect(await keyless.judge(rubric, transcript(2), transcript(2))).toMatchObject({ status: 'failed', reason: NO_API_KEY_REASON });
      expect(server.requests).toHaveLength(1);
    } finally {
      if (saved !== undefined) process.env.CO_API_KEY = saved;
    }
  });

  it('the key defaults to CO_API_KEY and never appears in any cache file', async () => {
    await fake([], { fallback: (req) => good(Number(/core\.py (\d+)/.exec(JSON.stringify(req.body))![1])) });
    const saved = process.env.CO_API_KEY;
    process.env.CO_API_KEY = TOKEN;
    try {
      const judge = judgeWith({ token: undefined, mode: 'read-write' });
      await Promise.all([1, 2, 3].map((i) => judge.judge(rubric, transcript(i), transcript(i))));
    } finally {
      if (saved === undefined) delete process.env.CO_API_KEY;
      else process.env.CO_API_KEY = saved;
    }
    expect(server.requests.map((r) => r.authorization)).toEqual(Array(3).fill(`Bearer ${TOKEN}`));
    const files = await cacheFiles();
    expect(files).toHaveLength(3);
    for (const f of files) expect(await readFile(f, 'utf8')).not.toContain(TOKEN);
  });

  it('the cache key does not depend on the token', async () => {
    await fake([]);
    expect(judgeWith({ token: 'a' }).cacheKey(rubric as Rubric<unknown>, 'x')).toBe(judgeWith({ token: 'b' }).cacheKey(rubric as Rubric<unknown>, 'x'));
  });

  it('wouldCall tells which requests a run would pay for', async () => {
    await fake([good(1)]);
    await judgeWith().judge(rubric, transcript(1), transcript(1));
    const judge = judgeWith();
    expect(await judge.wouldCall(rubric as Rubric<unknown>, transcript(1))).toBe(false);
    expect(await judge.wouldCall(rubric as Rubric<unknown>, transcript(2))).toBe(true);
    expect(await judgeWith({ mode: 'replay-only' }).wouldCall(rubric as Rubric<unknown>, transcript(2))).toBe(false);
    expect(await judgeWith({ mode: 'refresh' }).wouldCall(rubric as Rubric<unknown>, transcript(1))).toBe(true);
  });

  it('refuses nonsensical options', async () => {
    await fake([]);
    expect(() => judgeWith({ concurrency: 0 })).toThrow(/concurrency/);
    expect(() => judgeWith({ timeoutSeconds: 0 })).toThrow(/timeoutSeconds/);
    expect(() => judgeWith({ maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => judgeWith({ requestsPerMinute: -5 })).toThrow(/requestsPerMinute/);
  });
});
