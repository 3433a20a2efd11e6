import { RUN_MANIFEST_FILE, RunManifestSchema, upstreamFlagsOfArm } from '@cooperbench-repro/contracts';
import { naiveIso, zonedIso, type Micros } from './clock.js';
import { marked } from './marker.js';

/** Run-level files: upstream's config.json and summary.json, and the repro sidecar manifest. */

export interface RunIdentity {
  runName: string;
  arm: string;
  model: string;
  seed: number | null;
  framework: string;
  subset: string | null;
  experiment: string | null;
  upstreamVersion: string;
  concurrency: number;
}

export { RUN_MANIFEST_FILE };

export function renderConfig(id: RunIdentity, setting: string, totalTasks: number, started: Micros): object {
  return marked({ run_name: id.runName, agent_framework: id.framework, model: id.model, setting, concurrency: id.concurrency, total_tasks: totalTasks, started_at: naiveIso(started) });
}

/** The argv the runner would have passed to upstream for this run (no paths, so trees stay reproducible). */
export function upstreamArgv(id: RunIdentity): string[] {
  return ['cooperbench', 'run', '-n', id.runName, ...(id.subset ? ['-s', id.subset] : []), '-m', id.model, '-a', id.framework, ...upstreamFlagsOfArm(id.arm), '-c', String(id.concurrency)];
}

/** The sidecar manifest, validated against the contract before it is written. */
export function renderManifest(id: RunIdentity, started: Micros): object {
  const manifest = {
    schema: 'cooperbench-repro/run-manifest@1' as const,
    run_name: id.runName,
    arm: id.arm,
    model: id.model,
    seed: id.seed,
    agent_framework: id.framework,
    subset: id.subset,
    experiment: id.experiment,
    upstream_version: id.upstreamVersion,
    argv: upstreamArgv(id),
    started_at: zonedIso(started),
    synthetic: true,
    attempts: [],
  };
  RunManifestSchema.parse(manifest);
  return marked(manifest);
}

export interface SummaryEntry {
  task: string;
  cost: number;
  eval: 'pass' | 'fail' | 'error' | null;
}

export function renderSummary(id: RunIdentity, entries: readonly SummaryEntry[], started: Micros, completed: Micros): object {
  const passed = entries.filter((e) => e.eval === 'pass').length;
  const failed = entries.filter((e) => e.eval === 'fail').length;
  const errors = entries.length - passed - failed;
  const totalCost = entries.reduce((s, e) => s + e.cost, 0);
  return marked({
    run_name: id.runName,
    completed_at: naiveIso(completed),
    pass_rate: passed / Math.max(passed + failed, 1),
    total_tasks: entries.length,
    completed: entries.length,
    skipped: 0,
    failed: 0,
    total_cost: Math.round(totalCost * 1e7) / 1e7,
    total_time_seconds: (completed - started) / 1e6,
    // Upstream quirk: with exactly one selected task, `results` is empty.
    results: entries.length === 1 ? [] : entries.map((e) => ({ task: e.task, status: 'done', cost: e.cost, eval: e.eval })),
    eval: { total_evaluated: entries.length, passed, failed, errors, skipped: 0, pass_rate: passed / Math.max(passed + failed, 1) },
  });
}
