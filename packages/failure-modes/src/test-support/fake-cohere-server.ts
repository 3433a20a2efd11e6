// Only node builtins here: bench/judge-bench.mjs transpiles this file on the fly and imports it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers to one POST /v2/chat. */
export type FakeBehaviour =
  /** 200 with this text as the assistant's content (any text: valid, malformed or schema-violating JSON). */
  | { kind: 'reply'; text: string; finishReason?: string; usage?: { input_tokens: number; output_tokens: number } }
  /** An error status, optionally with Retry-After. */
  | { kind: 'status'; status: number; retryAfter?: string; body?: unknown }
  /** Never answers; the socket is destroyed when the server closes. */
  | { kind: 'hang' };

export const reply = (value: unknown, usage = { input_tokens: 100, output_tokens: 20 }): FakeBehaviour => ({
  kind: 'reply',
  text: typeof value === 'string' ? value : JSON.stringify(value),
  usage,
});
export const malformedJson = (): FakeBehaviour => ({ kind: 'reply', text: '{"evidence": ["unterminated' });
export const truncated = (text: string): FakeBehaviour => ({ kind: 'reply', text, finishReason: 'MAX_TOKENS' });
export const tooManyRequests = (retryAfter?: string): FakeBehaviour => ({
  kind: 'status',
  status: 429,
  ...(retryAfter === undefined ? {} : { retryAfter }),
  body: { message: 'trial key rate limit exceeded' },
});
export const serverError = (status = 500): FakeBehaviour => ({ kind: 'status', status, body: { message: 'internal server error' } });
export const hang = (): FakeBehaviour => ({ kind: 'hang' });

export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  /** The parsed JSON body (snake_case, as on the wire). */
  body: unknown;
  authorization: string | null;
  receivedAt: number;
}

export interface FakeCohereOptions {
  /** Behaviours consumed one per request, in arrival order. */
  script?: FakeBehaviour[];
  /** Behaviour once the script is used up (default: 500 "script exhausted", so a surprise call is visible). */
  fallback?: FakeBehaviour | ((request: RecordedRequest) => FakeBehaviour);
  /** Added before every answer. */
  latencyMs?: number;
  /** Server-side limit: more than this many requests in any 60 s window get 429 (Retry-After: 1). */
  rateLimitPerMinute?: number;
}

export interface FakeCohereServer {
  url: string;
  requests: RecordedRequest[];
  /** Requests answered 429 by the server-side rate limit. */
  rateLimited: number;
  close(): Promise<void>;
}

/** A Cohere v2 chat endpoint on 127.0.0.1 with scripted answers, for the real SDK through `baseUrl`. */
export async function startFakeCohere(options: FakeCohereOptions = {}): Promise<FakeCohereServer> {
  const script = [...(options.script ?? [])];
  const recent: number[] = [];
  const state: FakeCohereServer = { url: '', requests: [], rateLimited: 0, close: async () => {} };

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // keep the raw text: a test may want to see it
    }
    const recorded: RecordedRequest = {
      index: state.requests.length,
      method: req.method ?? '',
      path: req.url ?? '',
      body,
      authorization: req.headers.authorization ?? null,
      receivedAt: Date.now(),
    };
    state.requests.push(recorded);

    if (req.method !== 'POST' || req.url !== '/v2/chat') return send(res, 404, { message: `no route ${req.method} ${req.url}` });

    if (options.rateLimitPerMinute !== undefined) {
      const now = Date.now();
      while (recent.length > 0 && recent[0]! <= now - 60_000) recent.shift();
      if (recent.length >= options.rateLimitPerMinute) {
        state.rateLimited++;
        return send(res, 429, { message: 'rate limit' }, { 'retry-after': '1' });
      }
      recent.push(now);
    }

    const next = script.shift();
    const fallback = typeof options.fallback === 'function' ? options.fallback(recorded) : options.fallback;
    const behaviour = next ?? fallback ?? { kind: 'status', status: 500, body: { message: 'fake cohere: script exhausted' } };
    if (behaviour.kind === 'hang') return;
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    if (behaviour.kind === 'status') {
      return send(res, behaviour.status, behaviour.body ?? { message: `status ${behaviour.status}` }, behaviour.retryAfter ? { 'retry-after': behaviour.retryAfter } : {});
    }
    const usage = behaviour.usage ?? { input_tokens: 100, output_tokens: 20 };
    send(res, 200, {
      id: `fake-${recorded.index}`,
      finish_reason: behaviour.finishReason ?? 'COMPLETE',
      message: { role: 'assistant', content: [{ type: 'text', text: behaviour.text }] },
      usage: { billed_units: usage, tokens: { input_tokens: usage.input_tokens + 50, output_tokens: usage.output_tokens } },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
