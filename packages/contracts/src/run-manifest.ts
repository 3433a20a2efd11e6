import { z } from 'zod';
import { ArmSchema } from './arms.js';

/** Sidecar written by the runner into `<log-root>/<run_name>/` before it starts upstream. */
export const RUN_MANIFEST_FILE = 'cooperbench-repro.run.json';

export const InvocationAttemptSchema = z.object({
  started_at: z.string(),
  ended_at: z.string().nullable(),
  exit_code: z.number().int().nullable(),
  signal: z.string().nullable(),
  /** true when the attempt failed for reasons outside the agents (crash, timeout, killed, infra). */
  infra_error: z.boolean(),
  reason: z.string().nullable(),
});
export type InvocationAttempt = z.infer<typeof InvocationAttemptSchema>;

export const RunManifestSchema = z.object({
  schema: z.literal('cooperbench-repro/run-manifest@1'),
  run_name: z.string().min(1),
  arm: ArmSchema,
  /** The litellm model string passed to `-m`. */
  model: z.string().min(1),
  /** Solo seeds repeat the same pairs; coop arms usually have seed 0 or null. */
  seed: z.number().int().nonnegative().nullable(),
  agent_framework: z.string().min(1),
  subset: z.string().nullable(),
  experiment: z.string().nullable(),
  upstream_version: z.string().nullable(),
  /** Exact argv of the upstream invocation, executable first. */
  argv: z.array(z.string()),
  started_at: z.string(),
  /** true when the logs come from the stand-in CLI (tools/test-doubles/cooperbench-standin), not from real agents. */
  synthetic: z.boolean(),
  attempts: z.array(InvocationAttemptSchema).default([]),
});
export type RunManifest = z.infer<typeof RunManifestSchema>;

/**
 * Marker field that the stand-in CLI writes into every JSON file it produces; the collector carries it
 * into the store as `synthetic: true` so synthetic data can never pass for real runs.
 */
export const SYNTHETIC_MARKER_FIELD = '_synthetic';
