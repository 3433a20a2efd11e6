import type { Cohere, CohereClientV2 } from 'cohere-ai';
import pLimit from 'p-limit';
import { evaluateResponse, type Evaluation } from './answer-evaluation.js';
import { cacheKeyOf, judgeKeyPreimage, type JudgeKeyPreimage } from './cache-key.js';
import { addUsage, copyStats, emptyStats, type CohereJudgeStats } from './judge-stats.js';
import { RequestRateLimiter, sleep } from './rate-limiter.js';
import { CACHE_ENTRY_SCHEMA_ID, ResponseCache, type CacheEntry, type CacheLookup } from './response-cache.js';
import { backoffMs, classifyTransportError } from './retry.js';
import { loadCohereSdk } from './cohere-sdk.js';
import { cohereSdkVersion } from './sdk-version.js';
import type { CacheMode, JudgeClient, JudgeResult, JudgeSettings, JudgeUsage, Rubric } from './types.js';

/** A model output that is not a usable answer (bad JSON, schema violation, truncated) earns this many more calls. */
export const SEMANTIC_RETRIES = 1;

export const NO_API_KEY_REASON = 'no CO_API_KEY';

export interface CohereJudgeOptions {
  settings: JudgeSettings;
  /** read-write (default: hit -> no call; miss -> call, write, return), replay-only (miss -> status miss, no call), refresh (always call, overwrite), off (always call, never write). */
  mode?: CacheMode;
  cacheDir: string;
  /** Client-side pacing; 0 = unlimited. Command A: 20/min on trial keys, 500/min in production. */
  requestsPerMinute: number;
  /** Calls in flight at once (p-limit). */
  concurrency: number;
  /** Per HTTP attempt, enforced with our own abort signal. */
  timeoutSeconds: number;
  /** Transport retries after the first attempt (408, 429, 5xx, timeouts, network errors). */
  maxRetries: number;
  /** Base of the exponential backoff when the server gives no Retry-After. Default 1000. */
  retryBaseDelayMs?: number;
  /** Another endpoint (the tests' fake server, a proxy). Default: the SDK's https://api.cohere.com. */
  baseUrl?: string;
  /** Default: process.env.CO_API_KEY. Never written anywhere. */
  token?: string;
  onEvent?: (event: JudgeEvent) => void;
}

/** Progress, for a CLI line per call. Never carries the token, the prompt or the answer. */
export type JudgeEvent =
  | { type: 'cache-hit' | 'miss' | 'deduplicated'; rubricId: string; cacheKey: string }
  | { type: 'request'; rubricId: string; cacheKey: string; attempt: number }
  | { type: 'transport-retry'; rubricId: string; cacheKey: string; attempt: number; delayMs: number; reason: string }
  | { type: 'semantic-retry'; rubricId: string; cacheKey: string; reason: string }
  | { type: 'cache-write-error'; rubricId: string; cacheKey: string; reason: string }
  | { type: 'unreadable-cache-entry'; rubricId: string; cacheKey: string; file: string; reason: string }
  | { type: 'done'; rubricId: string; cacheKey: string; status: JudgeResult<unknown>['status']; reason: string | null; fromCache: boolean };

interface ChatResponse {
  id: string;
  text: string;
  finishReason: string;
  usage: JudgeUsage;
}

const ZERO_USAGE: JudgeUsage = { input_tokens: 0, output_tokens: 0 };

/**
 * The LLM judge: one `client.chat` call per (rubric, user message), answered as JSON, validated, checked,
 * and cached by content so that a run can be replayed without a key and resumed without paying twice.
 * Transport retries are ours (the SDK's are off) so that every attempt passes through the rate limiter
 * and a 429's Retry-After pauses all workers. judge() never throws: failures come back as results.
 */
export class CohereJudge implements JudgeClient {
  readonly mode: CacheMode;
  readonly cache: ResponseCache;
  private readonly settings: JudgeSettings;
  private readonly token: string | undefined;
  private readonly limiter: RequestRateLimiter;
  private readonly limitConcurrency: ReturnType<typeof pLimit>;
  private readonly inFlight = new Map<string, Promise<JudgeResult<unknown>>>();
  private readonly unreadable: { file: string; reason: string }[] = [];
  private readonly counters: CohereJudgeStats = emptyStats();
  private readonly sdkVersion = cohereSdkVersion();
  private client: CohereClientV2 | null = null;

  constructor(private readonly options: CohereJudgeOptions) {
    this.mode = options.mode ?? 'read-write';
    this.settings = options.settings;
    this.cache = new ResponseCache(options.cacheDir);
    const token = options.token ?? process.env.CO_API_KEY;
    this.token = token && token.trim() !== '' ? token : undefined;
    requirePositive('concurrency', options.concurrency, true);
    requirePositive('timeoutSeconds', options.timeoutSeconds, false);
    if (!Number.isInteger(options.maxRetries) || options.maxRetries < 0) {
      throw new Error(`maxRetries: expected an integer >= 0, got ${options.maxRetries}`);
    }
    this.limiter = new RequestRateLimiter(options.requestsPerMinute);
    this.limitConcurrency = pLimit(options.concurrency);
  }

  get hasApiKey(): boolean {
    return this.token !== undefined;
  }

  stats(): CohereJudgeStats {
    return copyStats(this.counters);
  }

  /** Cache files found unusable in this run (each handled like a missing entry), with why. */
  unreadableEntries(): { file: string; reason: string }[] {
    return this.unreadable.map((u) => ({ ...u }));
  }

  /** The cache key judge() would use (for JudgeOutcome.cache_key and audits). */
  cacheKey(rubric: Rubric<unknown>, userMessage: string): string {
    return cacheKeyOf(judgeKeyPreimage(rubric, userMessage, this.settings));
  }

  /** Whether judge() would call Cohere for this request in the current mode (for the dry run). */
  async wouldCall(rubric: Rubric<unknown>, userMessage: string): Promise<boolean> {
    if (this.mode === 'off' || this.mode === 'refresh') return true;
    if (this.mode === 'replay-only') return false;
    // An unreadable entry is re-asked like a missing one.
    return (await this.cache.lookup(this.cacheKey(rubric, userMessage))).kind !== 'hit';
  }

  judge<T>(rubric: Rubric<T>, userMessage: string, transcriptText: string): Promise<JudgeResult<T>> {
    this.counters.requests++;
    const preimage = judgeKeyPreimage(rubric as Rubric<unknown>, userMessage, this.settings);
    const key = cacheKeyOf(preimage);
    const running = this.inFlight.get(key);
    if (running) {
      this.counters.deduplicated++;
      this.emit({ type: 'deduplicated', rubricId: rubric.id, cacheKey: key });
      return running.then((r) => ({ ...r, usage: { ...r.usage } })) as Promise<JudgeResult<T>>;
    }
    const promise = this.judgeOnce(rubric, preimage, key, transcriptText)
      .catch((err: unknown) => this.result<T>(rubric, key, { status: 'failed', reason: `unexpected error: ${(err as Error).message}` }))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise as Promise<JudgeResult<unknown>>);
    return promise;
  }

  private noteUnreadable(rubricId: string, key: string, found: Extract<CacheLookup, { kind: 'unreadable' }>): void {
    this.counters.unreadableEntries++;
    this.unreadable.push({ file: found.file, reason: found.reason });
    this.emit({ type: 'unreadable-cache-entry', rubricId, cacheKey: key, file: found.file, reason: found.reason });
  }

  private async judgeOnce<T>(rubric: Rubric<T>, preimage: JudgeKeyPreimage, key: string, transcriptText: string): Promise<JudgeResult<T>> {
    if (this.mode === 'read-write' || this.mode === 'replay-only') {
      const found = await this.cache.lookup(key);
      if (found.kind === 'hit') {
        const { entry } = found;
        this.counters.cacheHits++;
        addUsage(this.counters.cachedUsage, entry.response.usage);
        this.emit({ type: 'cache-hit', rubricId: rubric.id, cacheKey: key });
        const evaluation = evaluateResponse(rubric, entry.response.text, entry.response.finish_reason, transcriptText);
        return this.resultOf(rubric, key, evaluation, entry.response.usage, true);
      }
      // An unusable entry is a missing one that is named: re-asked in read-write, a miss in replay-only.
      if (found.kind === 'unreadable') this.noteUnreadable(rubric.id, key, found);
      if (this.mode === 'replay-only') {
        this.counters.misses++;
        this.emit({ type: 'miss', rubricId: rubric.id, cacheKey: key });
        const reason = found.kind === 'unreadable' ? `replay-only: unreadable cache entry ${found.file} (treated as missing)` : 'replay-only: no cache entry';
        return this.result(rubric, key, { status: 'miss', reason });
      }
    }
    if (!this.token) return this.result(rubric, key, { status: 'failed', reason: NO_API_KEY_REASON });

    return this.limitConcurrency(async () => {
      let response: ChatResponse | null = null;
      let evaluation: Evaluation<T> | null = null;
      for (let attempt = 0; attempt <= SEMANTIC_RETRIES; attempt++) {
        const sent = await this.chatWithRetries(rubric.id, preimage, key);
        if (!sent.ok) return this.result(rubric, key, { status: 'failed', reason: sent.reason });
        response = sent.response;
        addUsage(this.counters.usage, response.usage);
        evaluation = evaluateResponse(rubric, response.text, response.finishReason, transcriptText);
        if (evaluation.status === 'ok' || evaluation.kind === 'check' || attempt === SEMANTIC_RETRIES) break;
        this.counters.semanticRetries++;
        this.emit({ type: 'semantic-retry', rubricId: rubric.id, cacheKey: key, reason: evaluation.reason });
      }
      // Both set: the loop runs at least once and every exit without a response returned above.
      await this.store(rubric, preimage, key, response!, evaluation!);
      return this.resultOf(rubric, key, evaluation!, response!.usage, false);
    });
  }

  /** One logical call: attempts through the rate limiter until success, a non-retryable error or maxRetries. */
  private async chatWithRetries(
    rubricId: string,
    preimage: JudgeKeyPreimage,
    key: string,
  ): Promise<{ ok: true; response: ChatResponse } | { ok: false; reason: string }> {
    const { client, sdk } = await this.clientOrCreate();
    const timeoutMs = this.options.timeoutSeconds * 1000;
    for (let attempt = 0; ; attempt++) {
      await this.limiter.acquire();
      this.counters.calls++;
      this.emit({ type: 'request', rubricId, cacheKey: key, attempt });
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      let failure;
      try {
        const res = await client.chat(
          {
            model: preimage.model,
            messages: [
              { role: 'system', content: preimage.system },
              { role: 'user', content: preimage.user },
            ],
            responseFormat: { type: 'json_object', jsonSchema: preimage.jsonSchema },
            temperature: preimage.temperature,
            seed: preimage.seed,
            maxTokens: preimage.maxTokens,
          },
          // The SDK's own timer is a backstop only; ours decides (see retry.ts on Node 20 timeouts).
          { maxRetries: 0, timeoutInSeconds: this.options.timeoutSeconds + 5, abortSignal: controller.signal },
        );
        return { ok: true, response: chatResponseOf(res) };
      } catch (err) {
        failure = classifyTransportError(err, timedOut, this.options.timeoutSeconds, sdk);
      } finally {
        clearTimeout(timer);
      }
      const attempts = attempt + 1;
      if (!failure.retryable || attempt >= this.options.maxRetries) {
        return { ok: false, reason: `${failure.reason} (${attempts} attempt${attempts === 1 ? '' : 's'})` };
      }
      const delayMs = failure.retryAfterMs ?? backoffMs(attempt, this.options.retryBaseDelayMs ?? 1000);
      if (failure.retryAfterMs !== null) this.limiter.deferUntil(Date.now() + delayMs);
      this.counters.transportRetries++;
      this.emit({ type: 'transport-retry', rubricId, cacheKey: key, attempt, delayMs, reason: failure.reason });
      await sleep(delayMs);
    }
  }

  /** Written before judge() resolves, so an interrupted run keeps every answer it paid for. */
  private async store<T>(rubric: Rubric<T>, preimage: JudgeKeyPreimage, key: string, response: ChatResponse, evaluation: Evaluation<T>): Promise<void> {
    if (this.mode === 'off') return;
    const entry: CacheEntry = {
      schema: CACHE_ENTRY_SCHEMA_ID,
      key,
      rubric_id: rubric.id,
      rubric_version: rubric.version,
      preimage: { ...preimage },
      response: { id: response.id, text: response.text, finish_reason: response.finishReason, usage: response.usage },
      answer: evaluation.parsed,
      verdict: evaluation.status === 'ok' ? { status: 'ok', reason: null } : { status: 'rejected', reason: evaluation.reason },
      created_at: new Date().toISOString(),
      sdk_version: this.sdkVersion,
    };
    try {
      await this.cache.write(entry);
      this.counters.cacheWrites++;
    } catch (err) {
      this.counters.cacheWriteErrors++;
      this.emit({ type: 'cache-write-error', rubricId: rubric.id, cacheKey: key, reason: (err as Error).message });
    }
  }

  private resultOf<T>(rubric: Rubric<T>, key: string, evaluation: Evaluation<T>, usage: JudgeUsage, fromCache: boolean): JudgeResult<T> {
    if (evaluation.status === 'ok') return this.result(rubric, key, { status: 'ok', answer: evaluation.answer, usage, fromCache });
    this.counters.rejected[evaluation.category] = (this.counters.rejected[evaluation.category] ?? 0) + 1;
    return this.result(rubric, key, { status: 'rejected', reason: evaluation.reason, usage, fromCache });
  }

  private result<T>(
    rubric: Rubric<T>,
    key: string,
    r: { status: JudgeResult<T>['status']; answer?: T; reason?: string; usage?: JudgeUsage; fromCache?: boolean },
  ): JudgeResult<T> {
    if (r.status === 'ok') this.counters.ok++;
    if (r.status === 'failed') this.counters.failures++;
    const result: JudgeResult<T> = {
      status: r.status,
      answer: r.answer ?? null,
      reason: r.reason ?? null,
      cacheKey: key,
      fromCache: r.fromCache ?? false,
      usage: { ...(r.usage ?? ZERO_USAGE) },
    };
    this.emit({ type: 'done', rubricId: rubric.id, cacheKey: key, status: result.status, reason: result.reason, fromCache: result.fromCache });
    return result;
  }

  private async clientOrCreate(): Promise<{ client: CohereClientV2; sdk: Awaited<ReturnType<typeof loadCohereSdk>> }> {
    const sdk = await loadCohereSdk();
    this.client ??= new sdk.CohereClientV2({
      token: this.token,
      ...(this.options.baseUrl ? { baseUrl: this.options.baseUrl } : {}),
      maxRetries: 0,
    });
    return { client: this.client, sdk };
  }

  private emit(event: JudgeEvent): void {
    this.options.onEvent?.(event);
  }
}

function chatResponseOf(res: Cohere.V2ChatResponse): ChatResponse {
  const text = (res.message?.content ?? [])
    .filter((part): part is Cohere.AssistantMessageResponseContentItem.Text => part.type === 'text')
    .map((part) => part.text)
    .join('');
  const billed = res.usage?.billedUnits;
  const tokens = res.usage?.tokens;
  return {
    id: res.id ?? '',
    text,
    finishReason: String(res.finishReason ?? 'UNKNOWN'),
    usage: {
      input_tokens: billed?.inputTokens ?? tokens?.inputTokens ?? 0,
      output_tokens: billed?.outputTokens ?? tokens?.outputTokens ?? 0,
    },
  };
}

function requirePositive(name: string, value: number, integer: boolean): void {
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    throw new Error(`${name}: expected ${integer ? 'an integer' : 'a number'} > 0, got ${value}`);
  }
}
