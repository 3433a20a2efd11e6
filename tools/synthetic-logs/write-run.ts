import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { armHasMessaging, resolveInside, settingOfArm } from '@cooperbench-repro/contracts';
import { EPOCH_BASE, SECOND, type Micros } from './clock.js';
import { makeConversation, markedConversation, type Speaker } from './conversation.js';
import { ERA_UPSTREAM_VERSION, type Era } from './era.js';
import { renderEval } from './eval-json.js';
import { pythonJson } from './json-text.js';
import { assertArm, assertRunName, InvalidNameError } from './names.js';
import { planPair } from './pair-plan.js';
import { normalizePairs, type PairSpec } from './pairs.js';
import { renderPatch, type RenderedPatch } from './patch.js';
import { Rng } from './prng.js';
import { DEFAULT_QUIRKS, type QuirkRates } from './quirks.js';
import { renderResult } from './result-json.js';
import { RUN_MANIFEST_FILE, renderConfig, renderManifest, renderSummary, type RunIdentity, type SummaryEntry } from './run-files.js';
import { renderTrajectory } from './trajectory.js';

/** One run directory to generate: what the runner's manifest would say about it. */
export interface RunSpec {
  runName: string;
  arm: string;
  model: string;
  /** Recorded in the manifest; solo seeds give independent outcomes over the same pairs. */
  seed: number | null;
  era: Era;
  agentFramework?: string;
  subset?: string | null;
  experiment?: string | null;
  /** Defaults to the era's version (0.0.19 or 0.0.14). */
  upstreamVersion?: string;
  concurrency?: number;
}

export interface WriteOptions {
  /** Generator seed: the same seed, specs and pairs give a byte-identical tree. */
  seed: number;
  /** Per-feature test_output size range in bytes (default 300-3000; the benchmark uses 20-200 KB). */
  testOutputBytes?: [number, number];
  /** Also write `*_traj.json` files. */
  trajectories?: boolean;
  quirks?: Partial<QuirkRates>;
  /** Replace an existing run directory, but only one this generator wrote (its manifest says synthetic). */
  overwrite?: boolean;
}

export interface RunWriteResult {
  runName: string;
  runDir: string;
  pairDirs: number;
  files: number;
  bytes: number;
}

function prepareRunDir(runDir: string, overwrite: boolean): void {
  if (!existsSync(runDir)) return;
  const manifest = resolveInside(runDir, RUN_MANIFEST_FILE);
  const synthetic = existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { synthetic?: unknown }).synthetic === true;
  if (!overwrite || !synthetic) {
    throw new InvalidNameError('run directory', runDir, overwrite ? 'a directory written by tools/synthetic-logs (its manifest says synthetic: true)' : 'a directory that does not exist yet (--overwrite replaces one this tool wrote)');
  }
  rmSync(runDir, { recursive: true });
}

/** Model strength in 0.35..0.85, fixed per model and seed, so models differ consistently across arms. */
function modelSkill(seed: number, model: string): number {
  return 0.35 + 0.5 * Rng.derive(seed, 'skill', model).next();
}

export function writeRun(logRoot: string, spec: RunSpec, pairList: readonly PairSpec[], opts: WriteOptions): RunWriteResult {
  const runName = assertRunName(spec.runName);
  const arm = assertArm(spec.arm);
  const setting = settingOfArm(arm);
  if (setting === 'team') throw new InvalidNameError('arm', arm, 'a solo or coop arm (team runs are not generated)');
  const pairs = normalizePairs(pairList);
  const quirks = { ...DEFAULT_QUIRKS, ...opts.quirks };
  const sizes = opts.testOutputBytes ?? [300, 3000];
  const id: RunIdentity = {
    runName,
    arm,
    model: spec.model,
    seed: spec.seed,
    framework: spec.agentFramework ?? 'claude_code',
    subset: spec.subset ?? null,
    experiment: spec.experiment ?? null,
    upstreamVersion: spec.upstreamVersion ?? ERA_UPSTREAM_VERSION[spec.era],
    concurrency: spec.concurrency ?? 30,
  };
  const messaging = armHasMessaging(arm);
  const skill = modelSkill(opts.seed, id.model);
  // Streams are keyed by model, arm and seed (not the run name), so renaming a run changes nothing else.
  const runKey = [id.model, arm, String(id.seed)];

  const runDir = resolveInside(logRoot, runName);
  prepareRunDir(runDir, opts.overwrite ?? false);
  mkdirSync(runDir, { recursive: true });
  const result: RunWriteResult = { runName, runDir, pairDirs: 0, files: 0, bytes: 0 };
  const write = (file: string, text: string) => {
    writeFileSync(file, text);
    result.files++;
    result.bytes += Buffer.byteLength(text);
  };

  const runStart: Micros = EPOCH_BASE + Math.floor(Rng.derive(opts.seed, 'run-start', ...runKey).float(0, 60 * 86_400)) * SECOND + Rng.derive(opts.seed, 'run-start-us', ...runKey).int(0, 999_999);
  const slot = (600 * SECOND) / id.concurrency;
  let lastEnd = runStart;
  const summary: SummaryEntry[] = [];

  pairs.forEach((pair, index) => {
    const key = [...runKey, pair.repo, pair.task_id, pair.features[0], pair.features[1]];
    const rng = (part: string) => Rng.derive(opts.seed, part, ...key);
    const difficulty = Rng.derive(opts.seed, 'difficulty', pair.repo, pair.task_id).next();
    const plan = planPair(rng('plan'), pair, { era: spec.era, setting, messaging, framework: id.framework, skill, difficulty, quirks });

    const timing = rng('timing');
    const started = runStart + Math.floor(index * slot * timing.float(0.8, 1.2)) + timing.int(0, 999_999);
    const ended = started + Math.round(plan.durationSeconds * SECOND);
    const evaluatedAt = ended + timing.int(5, 900) * SECOND + timing.int(0, 999_999);
    lastEnd = Math.max(lastEnd, plan.eval.kind === 'missing' ? ended : evaluatedAt);

    // Patches: coop files are named by FEATURE id (agent<fid>.patch), agent1 owning the smaller feature.
    const patchRng = rng('patch');
    const patches = new Map<string, RenderedPatch>();
    for (const agent of plan.agents) {
      const rendered = plan.identical && agent.agentId === 'agent2' ? patches.get('agent1')! : renderPatch(patchRng, plan.profile.language, agent.sites);
      patches.set(agent.agentId, rendered);
    }

    let conversation: ReturnType<typeof makeConversation> = [];
    if (setting === 'coop' && messaging && !rng('silent').chance(quirks.silentPair)) {
      const speakers = plan.agents.map((a): Speaker => ({ agentId: a.agentId, feature: a.features[0]!, sites: patches.get(a.agentId)!.sites, canWrite: a.status !== 'Error' }));
      conversation = makeConversation(rng('conversation'), { speakers: [speakers[0]!, speakers[1]!], overlap: plan.overlap, start: started, end: ended, timestamps: id.framework !== 'mini_swe_agent_v2', maxMessages: 10 });
    }

    const pairDir = resolveInside(logRoot, runName, setting, pair.repo, String(pair.task_id), `f${pair.features[0]}_f${pair.features[1]}`);
    mkdirSync(pairDir, { recursive: true });
    result.pairDirs++;
    const patchLines = Object.fromEntries([...patches].map(([agentId, p]) => [agentId, p.lines]));
    write(resolveInside(pairDir, 'result.json'), pythonJson(renderResult(rng('result'), plan, { runName, framework: id.framework, model: id.model, started, ended, patchLines, messagesSent: conversation.length })));
    const ev = renderEval(rng('eval'), plan, { testOutputBytes: sizes, evaluatedAt, patches: { agent1: patches.get('agent1')?.text ?? '', agent2: patches.get('agent2')?.text ?? '' } });
    if (ev.json) write(resolveInside(pairDir, 'eval.json'), pythonJson(ev.json));
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
        write(resolveInside(pairDir, name), pythonJson(renderTrajectory(trajRng, plan, agent, id.framework, id.model)));
      }
    }
    const cost = Math.round(plan.agents.reduce((s, a) => s + a.metrics.cost, 0) * 1e7) / 1e7;
    summary.push({ task: `${pair.repo}/${pair.task_id}/${pair.features[0]},${pair.features[1]}`, cost, eval: ev.summaryEval });
  });

  write(resolveInside(runDir, 'config.json'), pythonJson(renderConfig(id, setting, pairs.length, runStart)));
  write(resolveInside(runDir, 'summary.json'), pythonJson(renderSummary(id, summary, runStart, lastEnd + 2 * SECOND)));
  // The runner writes its manifest just before starting upstream.
  write(resolveInside(runDir, RUN_MANIFEST_FILE), `${JSON.stringify(renderManifest(id, runStart - SECOND), null, 2)}\n`);
  return result;
}
