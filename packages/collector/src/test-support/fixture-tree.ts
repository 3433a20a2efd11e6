import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Builds small hand-written log trees for tests, from the documented upstream shapes. */

export function tempDir(prefix = 'cb-collector-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFile(root: string, rel: string, content: unknown): string {
  const abs = join(root, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return abs;
}

export const SAMPLE_PATCH = `diff --git a/src/app.py b/src/app.py
index 1111111..2222222 100644
--- a/src/app.py
+++ b/src/app.py
@@ -10,3 +10,5 @@ def main():
     a = 1
-    b = 2
+    b = 3
+    c = 4
+    d = 5
     return a
`;

/** The fields every upstream result.json starts with, in upstream's key order. */
function resultHeader(repo: string, taskId: number, features: [number, number], setting: 'solo' | 'coop') {
  return {
    repo,
    task_id: taskId,
    features,
    setting,
    run_id: 'abcd1234',
    run_name: 'r',
    agent_framework: 'mini_swe_agent_v2',
    model: 'gemini/gemini-3-flash',
    started_at: '2026-03-01T10:00:00.000000',
    ended_at: '2026-03-01T10:05:00.000000',
    duration_seconds: 300,
  };
}

export function soloResult(repo: string, taskId: number, features: [number, number], over: Record<string, unknown> = {}) {
  return {
    ...resultHeader(repo, taskId, features, 'solo'),
    agent: { status: 'Submitted', cost: 0.5, steps: 20, input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, patch_lines: 5, error: null },
    total_cost: 0.5,
    total_steps: 20,
    ...over,
  };
}

export function coopResult(repo: string, taskId: number, features: [number, number], over: Record<string, unknown> = {}) {
  const agent = (fid: number) => ({ feature_id: fid, status: 'Submitted', cost: 0.25, steps: 10, input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, patch_lines: 5, error: null });
  return {
    ...resultHeader(repo, taskId, features, 'coop'),
    agents: { agent1: agent(features[0]), agent2: agent(features[1]) },
    total_cost: 0.5,
    total_steps: 20,
    messages_sent: 0,
    ...over,
  };
}

export function soloEval(repo: string, taskId: number, features: [number, number], pass: [boolean, boolean], over: Record<string, unknown> = {}) {
  return {
    repo,
    task_id: taskId,
    features,
    setting: 'solo',
    merge: null,
    feature1: { passed: pass[0], test_output: '== 3 passed ==' },
    feature2: { passed: pass[1], test_output: '== 1 failed ==' },
    both_passed: pass[0] && pass[1],
    error: null,
    evaluated_at: '2026-03-01T10:10:00.000000',
    ...over,
  };
}

export function arms(runs: Record<string, { arm: string; seed?: number | null; upstream_version?: string }>) {
  return {
    schema: 'cooperbench-repro/run-arms@1',
    runs: Object.entries(runs).map(([match, v]) => ({ match, seed: null, ...v })),
  };
}
