import type { AgentStatus } from '@cooperbench-repro/contracts';
import { agentMetrics, type AgentMetrics } from './agent-metrics.js';
import type { Era } from './era.js';
import { featureInfo, type FeatureInfo } from './features.js';
import type { PairSpec } from './pairs.js';
import { testFileSite, type EditSite } from './patch.js';
import type { Rng } from './prng.js';
import type { QuirkRates } from './quirks.js';
import { repoProfile, type RepoProfile } from './repo-profiles.js';

/**
 * Decides everything about one pair before any file is rendered: agent statuses, where each patch
 * edits (overlapping edits are what make git conflict), and what the evaluation does under the run's
 * eval era. Renderers then turn the plan into result.json, patches, conversation and eval.json.
 */

export interface AgentPlan {
  agentId: string;
  /** null for the solo agent, which owns both features. */
  featureId: number | null;
  features: FeatureInfo[];
  status: AgentStatus;
  error: string | null;
  metrics: AgentMetrics;
  sites: EditSite[];
}

/** A tested feature's result kind; `untested` is upstream's "nothing ran" shape (exit null, 0/0, ""). */
export type FeatureTestKind = 'pass' | 'fail' | 'timeout' | 'no-patch' | 'untested';

export type ApplyStatus = 'applied' | 'skipped' | 'failed';

export type EvalPlan =
  | { kind: 'missing' }
  | { kind: 'error'; error: string }
  | { kind: 'solo'; tests: [FeatureTestKind, FeatureTestKind] }
  | {
      kind: 'coop';
      status: 'clean' | 'conflicts' | 'missing_input' | 'identical';
      strategy: 'naive' | 'union' | 'solo-agent1' | 'skip-merge-identical';
      apply: { agent1: ApplyStatus; agent2: ApplyStatus };
      tests: [FeatureTestKind, FeatureTestKind];
    };

export interface PairPlan {
  pair: PairSpec;
  profile: RepoProfile;
  features: [FeatureInfo, FeatureInfo];
  agents: AgentPlan[];
  /** Coop: the two patches edit overlapping lines of one file. */
  overlap: boolean;
  /** Coop: agent2's patch is byte-identical to agent1's. */
  identical: boolean;
  eval: EvalPlan;
  durationSeconds: number;
}

export interface PairPlanContext {
  era: Era;
  setting: 'solo' | 'coop';
  messaging: boolean;
  framework: string;
  /** 0..1: how good the model is (higher passes more). */
  skill: number;
  /** 0..1: how hard the task is (shared by all runs of a tree). */
  difficulty: number;
  quirks: QuirkRates;
}

const ERROR_TEXTS: Record<string, readonly string[]> = {
  claude_code: ['claude-code install failed: ', 'Claude Code exited with code 1: API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', 'no result event in claude stream output'],
  mini_swe_agent_v2: ['litellm.RateLimitError: RateLimitError: quota exceeded for requests per minute', 'Container minisweagent-3fa2b1c9 exited unexpectedly (exit code 137)', 'Docker sandbox creation timed out after 300 seconds'],
};
const EVAL_ERRORS = ['Failed to get base commit SHA', 'Branch setup failed: fatal: not a git repository (or any of the parent directories): .git', 'Tests patch not found: /dataset/tests2.patch'];
export const UNION_FAILURE = 'Both naive and union merge strategies failed. Naive: conflicts. Union: Union merge still has conflicts';

function errorText(rng: Rng, framework: string): string {
  return rng.pick(ERROR_TEXTS[framework] ?? ERROR_TEXTS.mini_swe_agent_v2!);
}

function rollStatus(rng: Rng, q: QuirkRates): AgentStatus {
  const r = rng.next();
  if (r < q.agentError) return 'Error';
  if (r < q.agentError + q.limitsExceeded) return 'LimitsExceeded';
  return 'Submitted';
}

/** Whether an agent with this status leaves a non-empty patch (upstream reads the patch regardless of status). */
function writesPatch(rng: Rng, status: AgentStatus, q: QuirkRates): boolean {
  if (status === 'Error') return false;
  if (status === 'LimitsExceeded' || status === 'CostLimitExceeded') return rng.chance(0.5);
  return !rng.chance(q.emptyPatch);
}

/** One to two source edits inside a line band, spaced so they never overlap each other. */
function sitesInBand(rng: Rng, feature: FeatureInfo, files: readonly string[], band: [number, number]): EditSite[] {
  const count = rng.int(1, 2);
  const step = Math.floor((band[1] - band[0]) / count);
  return Array.from({ length: count }, (_, i) => ({
    feature,
    file: rng.pick(files),
    line: band[0] + i * step + rng.int(0, Math.max(0, step - 40)),
    removed: rng.int(0, 3),
    added: rng.int(3, 24),
  }));
}

function featurePassChance(ctx: PairPlanContext, status: AgentStatus): number {
  const base = Math.min(0.95, Math.max(0.02, ctx.skill * (1.15 - ctx.difficulty)));
  return status === 'Submitted' ? base : base * 0.4;
}

function testKind(rng: Rng, ctx: PairPlanContext, passChance: number): FeatureTestKind {
  if (rng.chance(ctx.quirks.timeout)) return 'timeout';
  return rng.chance(passChance) ? 'pass' : 'fail';
}

export function planPair(rng: Rng, pair: PairSpec, ctx: PairPlanContext): PairPlan {
  const q = ctx.quirks;
  const profile = repoProfile(pair.repo);
  const features: [FeatureInfo, FeatureInfo] = [featureInfo(pair.repo, pair.task_id, pair.features[0]), featureInfo(pair.repo, pair.task_id, pair.features[1])];
  const agent = (agentId: string, featureId: number | null, owned: FeatureInfo[], status: AgentStatus, error?: string): AgentPlan => ({
    agentId,
    featureId,
    features: owned,
    status,
    error: status === 'Error' ? (error ?? errorText(rng, ctx.framework)) : null,
    metrics: agentMetrics(rng, ctx.framework, status),
    sites: [],
  });
  const withTestEdit = (a: AgentPlan) => {
    if (a.sites.length && rng.chance(q.testFileEdit)) a.sites.push(testFileSite(rng, a.features[0]!, rng.pick(profile.testFiles)));
  };

  let agents: AgentPlan[];
  let overlap = false;
  let identical = false;
  if (ctx.setting === 'solo') {
    const solo = agent('solo', null, features, rollStatus(rng, q));
    if (writesPatch(rng, solo.status, q)) {
      solo.sites = [...sitesInBand(rng, features[0], profile.sourceFiles, [20, 300]), ...sitesInBand(rng, features[1], profile.sourceFiles, [340, 640])];
      withTestEdit(solo);
    }
    agents = [solo];
  } else {
    // agent1 owns the smaller feature (upstream zips ["agent1","agent2"] with sorted features).
    let a1: AgentPlan;
    let a2: AgentPlan;
    if (rng.chance(q.bothAgentsError)) {
      const text = errorText(rng, ctx.framework);
      a1 = agent('agent1', features[0].id, [features[0]], 'Error', text);
      a2 = agent('agent2', features[1].id, [features[1]], 'Error', text);
    } else {
      a1 = agent('agent1', features[0].id, [features[0]], rollStatus(rng, q));
      a2 = agent('agent2', features[1].id, [features[1]], rollStatus(rng, q));
    }
    const p1 = writesPatch(rng, a1.status, q);
    const p2 = writesPatch(rng, a2.status, q);
    if (p1 && p2 && rng.chance(q.identicalPatches)) {
      // Both implemented the same change (e.g. both features in one): identical patches.
      identical = true;
      a1.sites = sitesInBand(rng, features[0], profile.sourceFiles, [20, 300]);
      a2.sites = a1.sites;
    } else {
      // Messaging lowers, but does not remove, the chance of editing the same lines.
      overlap = p1 && p2 && rng.chance(ctx.messaging ? 0.55 : 0.7);
      if (p1) a1.sites = sitesInBand(rng, features[0], profile.sourceFiles, [20, 300]);
      if (p2) {
        a2.sites = overlap
          ? [{ ...a1.sites[0]!, feature: features[1], line: Math.max(1, a1.sites[0]!.line + rng.int(-2, 2)), added: rng.int(3, 24) }]
          : sitesInBand(rng, features[1], profile.sourceFiles, [340, 640]);
      }
      withTestEdit(a1);
      withTestEdit(a2);
    }
    agents = [a1, a2];
  }

  const anyError = agents.some((a) => a.status === 'Error');
  const evalPlan = planEval(rng, ctx, agents, overlap, identical, anyError);
  const longest = agents.some((a) => a.status === 'LimitsExceeded');
  const durationSeconds = Math.round((anyError && agents.every((a) => a.status === 'Error') ? rng.float(5, 620) : longest ? rng.float(600, 1800) : rng.float(60, 900)) * 1e6) / 1e6;
  return { pair, profile, features, agents, overlap, identical, eval: evalPlan, durationSeconds };
}

function planEval(rng: Rng, ctx: PairPlanContext, agents: AgentPlan[], overlap: boolean, identical: boolean, anyError: boolean): EvalPlan {
  const q = ctx.quirks;
  if (rng.chance(anyError ? q.missingEvalAfterAgentError : q.missingEval)) return { kind: 'missing' };
  if (rng.chance(q.evalError)) return { kind: 'error', error: rng.pick(EVAL_ERRORS) };

  if (ctx.setting === 'solo') {
    const solo = agents[0]!;
    if (solo.sites.length === 0) return { kind: 'solo', tests: ['no-patch', 'no-patch'] };
    const p = featurePassChance(ctx, solo.status);
    return { kind: 'solo', tests: [testKind(rng, ctx, p), testKind(rng, ctx, p)] };
  }

  const [a1, a2] = agents as [AgentPlan, AgentPlan];
  const apply = {
    agent1: (a1.sites.length ? 'applied' : 'skipped') as ApplyStatus,
    agent2: (a2.sites.length ? 'applied' : 'skipped') as ApplyStatus,
  };
  const tested = (a: AgentPlan, penalty = 1): FeatureTestKind => testKind(rng, ctx, featurePassChance(ctx, a.status) * penalty);
  const cleanTests = (): [FeatureTestKind, FeatureTestKind] => {
    if (apply.agent1 === 'skipped' && apply.agent2 === 'skipped') return ['no-patch', 'no-patch'];
    // A feature whose agent left no patch is tested on the merged tree without its code: it fails.
    return [apply.agent1 === 'skipped' ? 'fail' : tested(a1), apply.agent2 === 'skipped' ? 'fail' : tested(a2)];
  };

  if (ctx.era === 'naive-union') {
    if (overlap) {
      // Union merge keeps both sides' lines; it often succeeds but the result breaks more tests.
      if (rng.chance(0.4)) return { kind: 'error', error: UNION_FAILURE };
      return { kind: 'coop', status: 'conflicts', strategy: 'union', apply, tests: [tested(a1, 0.7), tested(a2, 0.7)] };
    }
    // Identical commits merge cleanly under naive git merge in this era.
    return { kind: 'coop', status: 'clean', strategy: 'naive', apply, tests: cleanTests() };
  }

  if (identical) {
    const kind = tested(a1);
    return { kind: 'coop', status: 'identical', strategy: 'skip-merge-identical', apply, tests: [kind, kind === 'pass' ? tested(a2, 1.2) : kind] };
  }
  if (apply.agent1 === 'applied' && apply.agent2 === 'applied' && rng.chance(q.applyFailed)) {
    if (rng.chance(0.5)) apply.agent1 = 'failed';
    else apply.agent2 = 'failed';
  }
  const missingInput = apply.agent1 === 'failed' || apply.agent2 === 'failed';
  if (missingInput || overlap) {
    const status = missingInput ? 'missing_input' : 'conflicts';
    // agent1's patch alone is tested; if it passes both suites the pair counts as solo-agent1.
    if (apply.agent1 === 'applied' && rng.chance(0.06 * (ctx.skill + 0.5))) return { kind: 'coop', status, strategy: 'solo-agent1', apply, tests: ['pass', 'pass'] };
    return { kind: 'coop', status, strategy: 'naive', apply, tests: ['untested', 'untested'] };
  }
  return { kind: 'coop', status: 'clean', strategy: 'naive', apply, tests: cleanTests() };
}
