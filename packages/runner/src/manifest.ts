import { existsSync, mkdirSync, readFileSync } from 'node:fs';
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

export async function recordAttempt(runDir: string, attempt: InvocationAttempt): Promise<void> {
  const manifest = readManifest(runDir);
  if (!manifest) return;
  await writeJsonAtomic(manifestPath(runDir), { ...manifest, attempts: [...manifest.attempts, attempt] });
}
