import { naiveIso, type Micros, type NaiveTimeFormat } from './clock.js';
import { marked } from './marker.js';
import type { AgentPlan, PairPlan } from './pair-plan.js';
import type { Rng } from './prng.js';

/** result.json as `runner/solo.py` / `runner/coop.py` write it (doc 2.5). */

export interface ResultRenderOptions {
  runName: string;
  /** Upstream's `--log-dir` as given (`log_dir` is relative when it was); default `logs`. */
  logDirLabel?: string;
  framework: string;
  model: string;
  started: Micros;
  ended: Micros;
  /** Default: UTC (`naiveIso`). */
  formatTime?: NaiveTimeFormat;
  /** Default: the plan's duration (seeded trees); the stand-in passes the wall time it really took. */
  durationSeconds?: number;
  /** Lines of each agent's patch, by agent id. */
  patchLines: Record<string, number>;
  messagesSent: number;
}

function agentFields(a: AgentPlan, patchLines: number) {
  return { status: a.status, ...a.metrics, patch_lines: patchLines, error: a.error };
}

export function renderResult(rng: Rng, plan: PairPlan, opts: ResultRenderOptions): object {
  const { repo, task_id, features } = plan.pair;
  const setting = plan.agents[0]!.agentId === 'solo' ? 'solo' : 'coop';
  const pairDir = `f${features[0]}_f${features[1]}`;
  const time = opts.formatTime ?? naiveIso;
  const common = {
    repo,
    task_id,
    features: [...features],
    setting,
    run_id: rng.hex(8),
    run_name: opts.runName,
    agent_framework: opts.framework,
    model: opts.model,
    started_at: time(opts.started),
    ended_at: time(opts.ended),
    duration_seconds: opts.durationSeconds ?? plan.durationSeconds,
  };
  const totalCost = Math.round(plan.agents.reduce((s, a) => s + a.metrics.cost, 0) * 1e7) / 1e7;
  const totalSteps = plan.agents.reduce((s, a) => s + a.metrics.steps, 0);
  const logDir = `${opts.logDirLabel ?? 'logs'}/${opts.runName}/${setting}/${repo}/${task_id}/${pairDir}`;
  if (setting === 'solo') {
    const solo = plan.agents[0]!;
    return marked({ ...common, agent: agentFields(solo, opts.patchLines.solo ?? 0), total_cost: totalCost, total_steps: totalSteps, log_dir: logDir });
  }
  // Upstream fills `agents` in completion order, so agent2 often comes first.
  const order = rng.chance(0.5) ? plan.agents : [...plan.agents].reverse();
  const agents = Object.fromEntries(order.map((a) => [a.agentId, { feature_id: a.featureId, ...agentFields(a, opts.patchLines[a.agentId] ?? 0) }]));
  return marked({ ...common, agents, total_cost: totalCost, total_steps: totalSteps, messages_sent: opts.messagesSent, log_dir: logDir });
}
