import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RUN_MANIFEST_FILE,
  RunManifestSchema,
  parseJsonText,
  validate,
  writeJsonAtomic,
  type InvocationAttempt,
  type RunManifest,
} from '@cooperbench-repro/contracts';
import type { Experiment } from './experiment.js';
import type { Invocation } from './plan.js';

/**
 * The sidecar manifest the collector reads: upstream records no arm, so the runner writes arm, model
 * and seed (with the exact argv and upstream version) into the run directory before starting it.
 */
export class ArmMismatchError extends Error {}

export function manifestPath(runDir: string): string {
  return join(runDir, RUN_MANIFEST_FILE);
}

export function readManifest(runDir: string): RunManifest | null {
  const file = manifestPath(runDir);
  if (!existsSync(file)) return null;
  return validate(file, RunManifestSchema, parseJsonText(file, readFileSync(file, 'utf8')));
}

/**
 * Creates the manifest, or checks an existing one describes the same arm, model and seed: a run
 * directory is never reused for another arm (upstream would silently skip its pairs).
 */
export async function ensureManifest(
  runDir: string,
  e: Experiment,
  inv: Invocation,
  upstreamVersion: string | null,
  synthetic: boolean,
): Promise<RunManifest> {
  mkdirSync(runDir, { recursive: true });
  const existing = readManifest(runDir);
  if (existing) {
    const same = existing.arm === inv.arm && existing.model === inv.model && existing.seed === inv.seed;
    if (!same) {
      throw new ArmMismatchError(
        `${manifestPath(runDir)}: holds arm ${existing.arm}, model ${existing.model}, seed ${existing.seed}; expected arm ${inv.arm}, model ${inv.model}, seed ${inv.seed}. Refusing to mix arms in one run directory.`,
      );
    }
    const updated = { ...existing, argv: inv.argv, upstream_version: upstreamVersion ?? existing.upstream_version };
    await writeJsonAtomic(manifestPath(runDir), updated);
    return updated;
  }
  const manifest: RunManifest = {
    schema: 'cooperbench-repro/run-manifest@1',
    run_name: inv.runName,
    arm: inv.arm,
    model: inv.model,
    seed: inv.seed,
    agent_framework: e.agent,
    subset: e.subset,
    experiment: e.name,
    upstream_version: upstreamVersion,
    argv: inv.argv,
    started_at: new Date().toISOString(),
    synthetic,
    attempts: [],
  };
  await writeJsonAtomic(manifestPath(runDir), manifest);
  return manifest;
}

/**
 * Attempts are recorded in two steps, so that an attempt whose runner dies with it (kill -9, power
 * loss) is still in the manifest: `beginAttempt` appends it open (`ended_at: null`, reason
 * "running"), `finishAttempt` fills in how it ended, and the next runner closes any attempt left open
 * (`closeOpenAttempts`) after stopping the orphaned process group.
 */
export async function beginAttempt(runDir: string, kind: 'run' | 'eval', startedAt: string): Promise<void> {
  const manifest = readManifest(runDir);
  if (!manifest) return;
  const open: InvocationAttempt = { started_at: startedAt, ended_at: null, exit_code: null, signal: null, infra_error: true, reason: `${kind}: running (runner pid ${process.pid})` };
  await writeJsonAtomic(manifestPath(runDir), { ...manifest, attempts: [...manifest.attempts, open] });
}

function withFinished(manifest: RunManifest, attempt: InvocationAttempt): RunManifest {
  const i = manifest.attempts.findIndex((a) => a.ended_at === null && a.started_at === attempt.started_at);
  const attempts = [...manifest.attempts];
  if (i >= 0) attempts[i] = attempt;
  else attempts.push(attempt);
  return { ...manifest, attempts };
}

/** Replaces the open attempt that started at `attempt.started_at` (or appends the attempt). */
export async function finishAttempt(runDir: string, attempt: InvocationAttempt): Promise<void> {
  const manifest = readManifest(runDir);
  if (!manifest) return;
  await writeJsonAtomic(manifestPath(runDir), withFinished(manifest, attempt));
}

/** The same, synchronously: for the last moment before the runner exits at once. */
export function finishAttemptSync(runDir: string, attempt: InvocationAttempt): void {
  try {
    const manifest = readManifest(runDir);
    if (!manifest) return;
    const file = manifestPath(runDir);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(withFinished(manifest, attempt), null, 2)}\n`);
    renameSync(tmp, file);
  } catch {
    // exiting anyway; the next runner closes the attempt
  }
}

/** Kept for callers that record a finished attempt in one step. */
export async function recordAttempt(runDir: string, attempt: InvocationAttempt): Promise<void> {
  await finishAttempt(runDir, attempt);
}

/**
 * Closes attempts left open by a runner that died during them: they are infrastructure failures
 * (the child was killed, or its end was never seen). Returns how many were closed.
 */
export async function closeOpenAttempts(runDir: string, how: string, signal: string | null): Promise<number> {
  const manifest = readManifest(runDir);
  if (!manifest) return 0;
  let closed = 0;
  const now = new Date().toISOString();
  const attempts = manifest.attempts.map((a) => {
    if (a.ended_at !== null) return a;
    closed++;
    const kind = /^(run|eval):/.exec(a.reason ?? '')?.[1] ?? 'run';
    return { ...a, ended_at: now, signal, infra_error: true, reason: `${kind}: killed: ${how}` };
  });
  if (closed) await writeJsonAtomic(manifestPath(runDir), { ...manifest, attempts });
  return closed;
}

/**
 * Every attempt the run's manifest records, over all runner executions: the report counts these, like
 * its spend, so re-running a finished experiment (make-demo, a resume) never wipes the history.
 */
export function attemptHistory(runDir: string): { attempts: number; infraFailures: string[] } {
  const attempts = readManifest(runDir)?.attempts ?? [];
  const infraFailures = attempts.flatMap((a, i) => {
    if (!a.infra_error) return [];
    const [, kind = 'run', reason = a.reason ?? 'infrastructure failure'] = /^(run|eval): (.*)$/s.exec(a.reason ?? '') ?? [];
    return [`attempt ${i + 1} (${kind}): ${reason}`];
  });
  return { attempts: attempts.length, infraFailures };
}
