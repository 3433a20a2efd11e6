import { mkdirSync } from 'node:fs';
import { resolveInside } from '@cooperbench-repro/contracts';
import type { Micros, NaiveTimeFormat } from './clock.js';
import { makeConversation, markedConversation, type Speaker } from './conversation.js';
import { renderEval, type EvalRender } from './eval-json.js';
import { pythonJson } from './json-text.js';
import type { PairDraw } from './pair-draw.js';
import type { PairSpec } from './pairs.js';
import { renderResult } from './result-json.js';
import { renderTrajectory } from './trajectory.js';

/**
 * Writes one pair's files in two steps, as upstream does: the agents' files when the pair finishes,
 * and eval.json later (auto-eval or `cooperbench eval`). Both steps render from the same draw, so
 * they agree however far apart they run.
 */

/** Receives every file written (the run writer counts files and bytes through it). */
export type FileSink = (file: string, text: string) => void;

export interface AgentFilesOptions {
  runName: string;
  /** Upstream's `--log-dir` as given (result.json's `log_dir` starts with it); default `logs`. */
  logDirLabel?: string;
  /** Also write `*_traj.json` files. */
  trajectories: boolean;
  started: Micros;
  ended: Micros;
  /** How result.json prints times (default UTC, so seeded trees are reproducible anywhere). */
  formatTime?: NaiveTimeFormat;
  /** result.json's `duration_seconds` (default: the plan's, which matches started/ended of seeded trees). */
  durationSeconds?: number;
}

export interface AgentFilesResult {
  pairDir: string;
  messagesSent: number;
}

/** `<logRoot>/<run>/<setting>/<repo>/<task_id>/f<a>_f<b>`, every segment checked to stay inside the log root. */
export function pairDirOf(logRoot: string, runName: string, setting: string, pair: PairSpec): string {
  return resolveInside(logRoot, runName, setting, pair.repo, String(pair.task_id), `f${pair.features[0]}_f${pair.features[1]}`);
}

/** result.json, patches, conversation.json (coop) and trajectories of one pair; creates the pair directory. */
export function writePairAgentFiles(logRoot: string, draw: PairDraw, opts: AgentFilesOptions, write: FileSink): AgentFilesResult {
  const { plan, patches, rng, context } = draw;
  const { setting, framework, model } = context;

  let conversation: ReturnType<typeof makeConversation> = [];
  if (setting === 'coop' && context.messaging && !rng('silent').chance(context.quirks.silentPair)) {
    const speakers = plan.agents.map((a): Speaker => ({ agentId: a.agentId, feature: a.features[0]!, sites: patches.get(a.agentId)!.sites, canWrite: a.status !== 'Error' }));
    conversation = makeConversation(rng('conversation'), { speakers: [speakers[0]!, speakers[1]!], overlap: plan.overlap, start: opts.started, end: opts.ended, timestamps: framework !== 'mini_swe_agent_v2', maxMessages: 10 });
  }

  const pairDir = pairDirOf(logRoot, opts.runName, setting, draw.pair);
  mkdirSync(pairDir, { recursive: true });
  const patchLines = Object.fromEntries([...patches].map(([agentId, p]) => [agentId, p.lines]));
  const result = renderResult(rng('result'), plan, { runName: opts.runName, logDirLabel: opts.logDirLabel, framework, model, started: opts.started, ended: opts.ended, formatTime: opts.formatTime, durationSeconds: opts.durationSeconds, patchLines, messagesSent: conversation.length });
  write(resolveInside(pairDir, 'result.json'), pythonJson(result));
  if (setting === 'solo') {
    write(resolveInside(pairDir, 'solo.patch'), patches.get('solo')!.text);
  } else {
    write(resolveInside(pairDir, 'conversation.json'), pythonJson(markedConversation(conversation)));
    for (const agent of plan.agents) write(resolveInside(pairDir, `agent${agent.featureId}.patch`), patches.get(agent.agentId)!.text);
  }
  if (opts.trajectories) {
    const trajRng = rng('trajectory');
    for (const agent of plan.agents) {
      const name = agent.agentId === 'solo' ? 'solo_traj.json' : `agent${agent.featureId}_traj.json`;
      write(resolveInside(pairDir, name), pythonJson(renderTrajectory(trajRng, plan, agent, framework, model)));
    }
  }
  return { pairDir, messagesSent: conversation.length };
}

export interface EvalFileOptions {
  /** Per-feature test_output size range in bytes. */
  testOutputBytes: [number, number];
  evaluatedAt: Micros;
  /** How eval.json prints `evaluated_at` (default UTC). */
  formatTime?: NaiveTimeFormat;
}

/**
 * eval.json of one pair, into an existing pair directory. When the plan says the eval raised (upstream
 * then writes nothing), nothing is written and `json` is null: that is the missing-eval quirk, not a bug.
 */
export function writePairEval(pairDir: string, draw: PairDraw, opts: EvalFileOptions, write: FileSink): EvalRender {
  const ev = renderEval(draw.rng('eval'), draw.plan, {
    testOutputBytes: opts.testOutputBytes,
    evaluatedAt: opts.evaluatedAt,
    formatTime: opts.formatTime,
    patches: { agent1: draw.patches.get('agent1')?.text ?? '', agent2: draw.patches.get('agent2')?.text ?? '' },
  });
  if (ev.json) write(resolveInside(pairDir, 'eval.json'), pythonJson(ev.json));
  return ev;
}
