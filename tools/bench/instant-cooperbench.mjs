#!/usr/bin/env node
// A cooperbench stand-in that answers at once, for the runner benchmark: `--version`, and `run`
// writing a minimal result.json + eval.json per pair of the subset. Measures the runner, not agents.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const argv = process.argv.slice(2);
if (argv[0] === '--version') {
  console.log('cooperbench 0.0.19 (synthetic instant stand-in for benchmarks)');
  process.exit(0);
}
const opt = (flag) => argv[argv.indexOf(flag) + 1];
const setting = opt('--setting') ?? 'coop';
const runDir = join(opt('--log-dir'), opt('-n'));
const subset = JSON.parse(readFileSync(join(opt('--dataset-dir'), 'subsets', `${opt('-s')}.json`), 'utf8'));
const now = new Date().toISOString().replace('Z', '');
for (const t of subset.tasks) {
  for (const [a, b] of t.pairs) {
    const dir = join(runDir, setting, t.repo, String(t.task_id), `f${a}_f${b}`);
    mkdirSync(dir, { recursive: true });
    const agents = setting === 'solo' ? { agent: { status: 'Submitted', cost: 0.01, steps: 1 } } : { agents: { agent1: { feature_id: a, status: 'Submitted', cost: 0.01, steps: 1 }, agent2: { feature_id: b, status: 'Submitted', cost: 0.01, steps: 1 } } };
    writeFileSync(join(dir, 'result.json'), JSON.stringify({ repo: t.repo, task_id: t.task_id, features: [a, b], setting, ended_at: now, total_cost: 0.02, ...agents, _synthetic: 'benchmark' }));
    writeFileSync(join(dir, 'eval.json'), JSON.stringify({ repo: t.repo, task_id: t.task_id, features: [a, b], setting, both_passed: false, evaluated_at: now, _synthetic: 'benchmark' }));
  }
}
