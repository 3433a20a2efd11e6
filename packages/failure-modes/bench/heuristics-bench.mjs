// Benchmark of the heuristic detectors (runs against dist/: `cd packages/failure-modes && npx tsc -b` first).
// 15k synthetic conversations built from the real message and patch texts of the public data (found by the
// public-data resolver; `npm run fetch-data` if absent), shuffled and deterministic, conversation lengths
// drawn from the real ones; every
// detector runs on every conversation. An optional argument sets the number of conversations.
// Prints wall time, per-detector time and detection counts, and the peak RSS. Target: < 5 s in total.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = resolve(HERE, '../dist/heuristics');
if (!existsSync(join(DIST, 'index.js'))) {
  console.error(`${DIST}/index.js missing: run "npx tsc -b" in packages/failure-modes first`);
  process.exit(1);
}
const { HEURISTICS } = await import(join(DIST, 'index.js'));
const { buildTranscript } = await import(join(DIST, 'transcript-builder.js'));

const N = Number(process.argv[2] ?? 15_000);
const { publicPath, PUBLIC_LOCAL_PATHS } = await import('@cooperbench-repro/public-data');

// Deterministic PRNG (mulberry32).
let seed = 0x5eed;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

/** Real texts: Command A messages, claude_code messages and patches. */
function realCorpus() {
  const messages = [];
  const lengths = [];
  const patchPairs = [];
  const ca = publicPath(PUBLIC_LOCAL_PATHS.commandALiteResults);
  for (const r of JSON.parse(readFileSync(ca, 'utf8'))) {
      for (const m of r.messages ?? []) messages.push(m.message);
      if (r.messages?.length) lengths.push(r.messages.length);
    }
  const logs = publicPath(PUBLIC_LOCAL_PATHS.racsoLogs);
  const walk = (dir, depth) => {
    if (depth > 6 || !existsSync(dir)) return;
    const names = readdirSync(dir);
    if (names.includes('conversation.json')) {
      const conversation = JSON.parse(readFileSync(join(dir, 'conversation.json'), 'utf8'));
      for (const m of conversation) messages.push(m.message);
      if (conversation.length) lengths.push(conversation.length);
      const patches = names.filter((n) => n.endsWith('.patch')).map((n) => readFileSync(join(dir, n), 'utf8'));
      if (patches.length === 2) patchPairs.push(patches);
      return;
    }
    for (const n of names) if (statSync(join(dir, n)).isDirectory()) walk(join(dir, n), depth + 1);
  };
  walk(logs, 0);
  return { messages, lengths, patchPairs };
}

function templateCorpus() {
  const files = ['src/app/core.py', 'src/app/loaders.py', 'mux.go', 'tiktoken/core.py', 'src/types/form.ts'];
  const syms = ['normalize_path', 'cache_size', 'encode', 'Editor.edit_file', 'max_tokens', 'on_exit'];
  const messages = [];
  for (let i = 0; i < 400; i++) {
    const f = pick(files), s = pick(syms), a = 10 + Math.floor(rand() * 900);
    messages.push(
      pick([
        `agent1: I'll add \`${s}\` to ${f} around lines ${a}-${a + 20}. Let me know if you're touching it.`,
        `Done. I've added ${s} in ${f}.`,
        `Can you confirm whether you edit ${s}?`,
        `I'm modifying ${f}. Please avoid changes to this file.\n\`\`\`diff\n+def ${s.replace('.', '_')}(x):\n+    return x\n\`\`\``,
        `My task is complete.`,
      ]),
    );
  }
  const diff = (path, start, lines) => [`--- a/${path}`, `+++ b/${path}`, `@@ -${start},6 +${start},${6 + lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n');
  const patchPairs = [];
  for (let i = 0; i < 50; i++) {
    const f = pick(files), a = 10 + Math.floor(rand() * 500);
    patchPairs.push([diff(f, a, [`def ${pick(syms).replace('.', '_')}():`, '    pass']), diff(f, a + Math.floor(rand() * 40), ['x = 1'])]);
  }
  return { messages, lengths: [1, 2, 3, 4, 4, 5, 5, 6, 7, 8, 11], patchPairs };
}

const real = realCorpus();
const corpus = real.messages.length > 50 && real.patchPairs.length > 5 ? real : templateCorpus();
const source = corpus === real ? `real texts (${real.messages.length} messages, ${real.patchPairs.length} patch pairs)` : 'templates';

const tGen = performance.now();
const transcripts = [];
for (let i = 0; i < N; i++) {
  // Conversation lengths drawn from the real conversations' lengths (1 to 11 messages).
  const n = pick(corpus.lengths);
  const msgs = [];
  for (let k = 0; k < n; k++) {
    const from = rand() < 0.5 ? 'agent1' : 'agent2';
    // Some agents repeat themselves.
    const prev = msgs.filter(([f]) => f === from);
    msgs.push([from, prev.length && rand() < 0.15 ? pick(prev)[1] : pick(corpus.messages)]);
  }
  const [p1, p2] = pick(corpus.patchPairs);
  const withPatches = rand() < 0.8;
  transcripts.push(
    buildTranscript(msgs, {
      recordId: `bench/coop/repo_task/${i}/f1_f2`,
      timed: rand() < 0.9,
      patches: withPatches ? [{ feature_id: 1, text: p1 }, { feature_id: 2, text: p2 }] : [],
    }),
  );
}
const genMs = performance.now() - tGen;

const perDetector = Object.fromEntries(HEURISTICS.map((h) => [h.name, { ms: 0, detected: 0, skipped: 0 }]));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
for (const t of transcripts) {
  for (const h of HEURISTICS) {
    const s = performance.now();
    const r = h.run(t);
    const d = perDetector[h.name];
    d.ms += performance.now() - s;
    if (r.skipped) d.skipped++;
    else if (r.detected) d.detected++;
  }
}
const runMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const messages = transcripts.reduce((s, t) => s + t.messages.length, 0);

console.log(`heuristics bench: ${N} conversations, ${messages} messages, from ${source}`);
console.log(`generation: ${(genMs / 1000).toFixed(2)} s`);
for (const [name, d] of Object.entries(perDetector))
  console.log(`  ${name.padEnd(24)} ${(d.ms / 1000).toFixed(2).padStart(6)} s   detected ${String(d.detected).padStart(6)}   skipped ${String(d.skipped).padStart(6)}`);
console.log(`all detectors: ${(runMs / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (target < 5 s; wall grows when other processes share the 2 cores)`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
