import type { Era } from './era.js';
import { planPair, type PairPlan } from './pair-plan.js';
import type { PairSpec } from './pairs.js';
import { renderPatch, type RenderedPatch } from './patch.js';
import { Rng } from './prng.js';
import type { QuirkRates } from './quirks.js';

/**
 * Everything random about one pair, drawn from named streams before any file is written: the plan
 * (statuses, edits, eval outcome) and the patches. The same context and pair always give the same
 * draw, so agent files and eval.json can be written at different times (even by different processes)
 * and still agree with each other.
 */

export interface DrawContext {
  /** Generator seed. */
  seed: number;
  /** Names that key this run's streams; the pair is appended. Changing any of them gives a fresh draw. */
  runKey: readonly (string | number)[];
  model: string;
  framework: string;
  era: Era;
  setting: 'solo' | 'coop';
  messaging: boolean;
  quirks: QuirkRates;
}

export interface PairDraw {
  context: DrawContext;
  pair: PairSpec;
  plan: PairPlan;
  /** By agent id (`solo`, `agent1`, `agent2`). */
  patches: Map<string, RenderedPatch>;
  /** The pair's named stream `part` (each part is independent of the others and of call order). */
  rng: (part: string) => Rng;
  /** Sum of the agents' costs, rounded as upstream's floats print. */
  cost: number;
}

/** Model strength in 0.35..0.85, fixed per model and seed, so models differ consistently across arms. */
export function modelSkill(seed: number, model: string): number {
  return 0.35 + 0.5 * Rng.derive(seed, 'skill', model).next();
}

/** Task hardness in 0..1, shared by every run of a seed (as a real task is equally hard for all arms). */
export function taskDifficulty(seed: number, pair: PairSpec): number {
  return Rng.derive(seed, 'difficulty', pair.repo, pair.task_id).next();
}

export function drawPair(context: DrawContext, pair: PairSpec): PairDraw {
  const key = [...context.runKey, pair.repo, pair.task_id, pair.features[0], pair.features[1]];
  const rng = (part: string) => Rng.derive(context.seed, part, ...key);
  const plan = planPair(rng('plan'), pair, {
    era: context.era,
    setting: context.setting,
    messaging: context.messaging,
    framework: context.framework,
    skill: modelSkill(context.seed, context.model),
    difficulty: taskDifficulty(context.seed, pair),
    quirks: context.quirks,
  });

  // Coop patch files are named by FEATURE id (agent<fid>.patch), agent1 owning the smaller feature.
  const patchRng = rng('patch');
  const patches = new Map<string, RenderedPatch>();
  for (const agent of plan.agents) {
    const rendered = plan.identical && agent.agentId === 'agent2' ? patches.get('agent1')! : renderPatch(patchRng, plan.profile.language, agent.sites);
    patches.set(agent.agentId, rendered);
  }
  const cost = Math.round(plan.agents.reduce((s, a) => s + a.metrics.cost, 0) * 1e7) / 1e7;
  return { context, pair, plan, patches, rng, cost };
}
