import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { armHasMessaging, resolveInside, settingOfArm } from '@cooperbench-repro/contracts';
import { EPOCH_BASE, SECOND, type Micros } from './clock.js';
import { ERA_UPSTREAM_VERSION, type Era } from './era.js';
import { pythonJson } from './json-text.js';
import { assertArm, assertRunName, InvalidNameError } from './names.js';
import { drawPair, type DrawContext } from './pair-draw.js';
import { writePairAgentFiles, writePairEval } from './pair-writer.js';
import { normalizePairs, type PairSpec } from './pairs.js';
import { Rng } from './prng.js';
import { DEFAULT_QUIRKS, type QuirkRates } from './quirks.js';
import { RUN_MANIFEST_FILE, renderConfig, renderManifest, renderSummary, type RunIdentity, type SummaryEntry } from './run-files.js';

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
    throw new InvalidNameError('run directory', runDir, overwrite ? 'a directory written by tools/test-doubles/synthetic-logs (its manifest says synthetic: true)' : 'a directory that does not exist yet (--overwrite replaces one this tool wrote)');
  }
  rmSync(runDir, { recursive: true });
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

  const drawContext: DrawContext = { seed: opts.seed, runKey, model: id.model, framework: id.framework, era: spec.era, setting, messaging, quirks };
  pairs.forEach((pair, index) => {
    const draw = drawPair(drawContext, pair);
    // Pairs start one concurrency slot apart (with jitter), as a thread pool of `concurrency` would start them.
    const timing = draw.rng('timing');
    const started = runStart + Math.floor(index * slot * timing.float(0.8, 1.2)) + timing.int(0, 999_999);
    const ended = started + Math.round(draw.plan.durationSeconds * SECOND);
    const evaluatedAt = ended + timing.int(5, 900) * SECOND + timing.int(0, 999_999);

    const { pairDir } = writePairAgentFiles(logRoot, draw, { runName, trajectories: opts.trajectories ?? false, started, ended }, write);
    result.pairDirs++;
    const ev = writePairEval(pairDir, draw, { testOutputBytes: sizes, evaluatedAt }, write);
    lastEnd = Math.max(lastEnd, ev.json ? evaluatedAt : ended);
    summary.push({ task: `${pair.repo}/${pair.task_id}/${pair.features[0]},${pair.features[1]}`, cost: draw.cost, eval: ev.summaryEval });
  });

  write(resolveInside(runDir, 'config.json'), pythonJson(renderConfig(id, setting, pairs.length, runStart)));
  write(resolveInside(runDir, 'summary.json'), pythonJson(renderSummary(id, summary, runStart, lastEnd + 2 * SECOND)));
  // The runner writes its manifest just before starting upstream.
  write(resolveInside(runDir, RUN_MANIFEST_FILE), `${JSON.stringify(renderManifest(id, runStart - SECOND), null, 2)}\n`);
  return result;
}
