#!/usr/bin/env node
// Benchmark (not a test) of the LLM judge plumbing against the fake Cohere server at a fixed latency:
// calls per transcript per rubric (target 1), calls on a second run over the same cache (target 0), and
// achieved requests/min against the configured limit (target >= 90%, never above).
// Needs `cd packages/failure-modes && npx tsc -b` first (uses dist/).
// Usage: node packages/failure-modes/bench/judge-bench.mjs [transcripts=100] [rpm=600] [latencyMs=50] [concurrency=4]
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { z } from 'zod';
import { CohereJudge } from '../dist/judge/cohere-judge.js';

const here = dirname(fileURLToPath(import.meta.url));
const N = Number(process.argv[2] ?? 100);
const RPM = Number(process.argv[3] ?? 600);
const LATENCY_MS = Number(process.argv[4] ?? 50);
const CONCURRENCY = Number(process.argv[5] ?? 4);

// The fake server is test support (TypeScript, not built into dist): transpile it, builtins only.
const work = await mkdtemp(join(tmpdir(), 'judge-bench-'));
const source = await readFile(join(here, '../src/test-support/fake-cohere-server.ts'), 'utf8');
const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
await writeFile(join(work, 'fake-cohere-server.mjs'), outputText);
const { startFakeCohere } = await import(pathToFileURL(join(work, 'fake-cohere-server.mjs')).href);

const labelsRubric = {
  id: 'bench-labels',
  version: '1',
  system: 'Label the conversation. Answer in JSON.',
  jsonSchema: { type: 'object', properties: { labels: { type: 'array', items: { type: 'string' } } }, required: ['labels'] },
  answer: z.object({ labels: z.array(z.string()) }),
  check: () => null,
};
const evidenceRubric = {
  ...labelsRubric,
  id: 'bench-evidence',
  system: 'Quote the evidence. Answer in JSON.',
  jsonSchema: { type: 'object', properties: { evidence: { type: 'array', items: { type: 'string' } } }, required: ['evidence'] },
  answer: z.object({ evidence: z.array(z.string()) }),
};
const rubrics = [labelsRubric, evidenceRubric];

const server = await startFakeCohere({
  latencyMs: LATENCY_MS,
  rateLimitPerMinute: RPM,
  fallback: (req) => ({
    kind: 'reply',
    text: JSON.stringify(String(req.body?.messages?.[0]?.content ?? '').startsWith('Quote') ? { evidence: [] } : { labels: [] }),
    usage: { input_tokens: 800, output_tokens: 30 },
  }),
});
const transcripts = Array.from({ length: N }, (_, i) => `agent1: I will edit src/core.py lines ${i}-${i + 40}\nagent2: OK, I take utils.py (#${i})`);
const cacheDir = join(work, 'cache');
const options = {
  settings: { model: 'command-a-03-2025', temperature: 0, seed: 42, maxTokens: 512 },
  mode: 'read-write',
  cacheDir,
  requestsPerMinute: RPM,
  concurrency: CONCURRENCY,
  timeoutSeconds: 30,
  maxRetries: 2,
  baseUrl: server.url,
  token: 'bench-token',
};

async function run() {
  const judge = new CohereJudge(options);
  const t0 = performance.now();
  const results = await Promise.all(transcripts.flatMap((t) => rubrics.map((r) => judge.judge(r, `<transcript>\n${t}\n</transcript>`, t))));
  return { judge, results, wallMs: performance.now() - t0 };
}

try {
  const first = await run();
  const firstRequests = server.requests.length;
  const s1 = first.judge.stats();
  const ok = first.results.filter((r) => r.status === 'ok').length;
  const times = server.requests.map((r) => r.receivedAt);
  const spanMin = (times[times.length - 1] - times[0]) / 60_000;
  const achieved = (times.length - 1) / spanMin;
  // Peak over any 10 s window: the provider counts per minute; a 1 s window would mostly show timer jitter.
  let peak10s = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 10_000) j++;
    peak10s = Math.max(peak10s, i - j + 1);
  }

  const second = await run();
  const s2 = second.judge.stats();

  console.log(`judge bench: ${N} transcripts x ${rubrics.length} rubrics, fake latency ${LATENCY_MS} ms, limit ${RPM} req/min, concurrency ${CONCURRENCY}`);
  console.log(`first run : ${ok}/${first.results.length} ok, ${firstRequests} requests = ${(firstRequests / (N * rubrics.length)).toFixed(2)} calls per transcript per rubric (target 1), wall ${(first.wallMs / 1000).toFixed(1)} s`);
  console.log(`            tokens in/out ${s1.usage.input_tokens}/${s1.usage.output_tokens}, server 429s ${server.rateLimited}, retries ${s1.transportRetries}`);
  console.log(`throughput: ${achieved.toFixed(1)} req/min achieved vs ${RPM} configured = ${((100 * achieved) / RPM).toFixed(1)}% (target >= 90%); peak ${peak10s} requests in any 10 s (limit ${(RPM / 6).toFixed(1)}, +1 for the fence post)`);
  console.log(`second run: ${server.requests.length - firstRequests} requests (target 0), ${s2.cacheHits} cache hits, wall ${(second.wallMs / 1000).toFixed(2)} s`);
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
