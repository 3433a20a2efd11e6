#!/usr/bin/env node
// Benchmark (not a test): synthesizes ~30k records in memory (~15k with conversations), runs the
// compute, prints wall time and peak RSS. Targets: < 3 s, < 1 GB. Needs `tsc -b` first (uses dist/).
// Usage: node packages/communication/bench/communication-bench.mjs [records=30000]
import { computeCommunication, DEFAULT_OPTIONS } from '../dist/index.js';
import { CommunicationFileSchema } from '@cooperbench-repro/contracts';

const N = Number(process.argv[2] ?? 30000);
const MODELS = ['claude', 'gpt-5', 'minimax', 'qwen', 'qwen-coder'];
const ARMS = ['solo', 'coop-msg', 'coop-nomsg'];
const TEXTS = [
  'I will modify src/click/core.py lines 120-180 to add the timeout parameter.',
  'Which functions in core.py are you touching?',
  'Only Context.__init__ and make_context (core.py:410).',
  'Sounds good, thanks!',
  "I've added the parameter and all tests pass.",
  'agent2: Please let me know which lines of src/jinja2/filters.py you will edit.',
  "I'm modifying tests/test_basic.py; I won't touch L10-L40.",
  '```python\ndef f(x):\n    return x\n```',
];
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 20);

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const t0 = performance.now();
const records = [];
for (let i = 0; i < N; i++) {
  const arm = i % 2 === 0 ? 'coop-msg' : ARMS[(i >> 1) % 3 === 0 ? 0 : 2];
  const model = MODELS[i % 5];
  const task = Math.floor(i / 2);
  const messages = [];
  if (arm === 'coop-msg') {
    const k = 1 + Math.floor(rand() * 10);
    for (let j = 0; j < k; j++) messages.push({ from: j % 2 ? 'agent2' : 'agent1', to: j % 2 ? 'agent1' : 'agent2', feature_id: 1 + (j % 2), text: TEXTS[Math.floor(rand() * TEXTS.length)], timestamp: rand() < 0.2 ? null : 1000 + j });
  }
  const conflict = arm === 'solo' ? null : rand() < 0.4;
  const outcome = rand() < 0.05 ? 'unknown' : rand() < 0.3 ? 'pass' : 'fail';
  records.push({
    record_id: `bench/${arm}/${model}/${task}`, schema: 'cooperbench-repro/run-record@1', source: 'upstream-logs', synthetic: true, run: `bench-${model}-${arm}`,
    arm, setting: arm === 'solo' ? 'solo' : 'coop', model, seed: 0, agent_framework: null, upstream_version: null, eval_format: 'naive-union',
    repo: `repo${task % 30}_task`, task_id: task % 500, features: [1 + (task % 7), 9], pair: 'f1_f9', started_at: null, duration_seconds: null,
    agents: [{ agent_id: 'agent1', feature_id: 1, status: 'Submitted', cost: 0, steps: 20, input_tokens: null, output_tokens: null, cache_read_tokens: null, cache_write_tokens: null, patch_lines: null, error: null, team_role: null },
             { agent_id: 'agent2', feature_id: 9, status: 'Submitted', cost: 0, steps: 25, input_tokens: null, output_tokens: null, cache_read_tokens: null, cache_write_tokens: null, patch_lines: null, error: null, team_role: null }],
    agent_status: 'Submitted', infra_failure: false, limits_exceeded: false, total_cost: 0, total_steps: 45,
    merge: { status: null, strategy: null, outcome: arm === 'solo' ? 'none' : conflict ? 'conflict' : 'clean', naive_conflict: outcome === 'unknown' ? null : conflict },
    apply_status: null, feature_results: [], both_passed: outcome === 'unknown' ? null : outcome === 'pass', outcome, evaluated: outcome !== 'unknown',
    eval_error: null, unknown_reason: null, messaging_enabled: arm === 'coop-msg', messages, message_count: messages.length, patches: [], team_metrics: null, legacy: null,
    sources: { dir: null, files: [], sha256: null, legacy: null },
  });
}
const t1 = performance.now();
const file = CommunicationFileSchema.parse(computeCommunication(records, DEFAULT_OPTIONS));
const t2 = performance.now();
sample();
clearInterval(timer);
const msgs = records.reduce((s, r) => s + r.messages.length, 0);
console.log(`records ${N} (${file.inputs.conversations_with_messages} conversations, ${msgs} messages)`);
console.log(`synthesize ${(t1 - t0).toFixed(0)} ms; compute+validate ${(t2 - t1).toFixed(0)} ms (target < 3000 ms)`);
console.log(`peak rss ${(peak / 2 ** 20).toFixed(0)} MiB (target < 1024 MiB)`);
