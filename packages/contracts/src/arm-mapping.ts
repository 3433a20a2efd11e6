import { z } from 'zod';
import { ArmSchema } from './arms.js';

/**
 * A user-written file (default `data/run-arms.json`) that says which arm, model and seed each run
 * directory holds, for runs that were not started by the runner (and so have no sidecar manifest).
 */
export const ArmMappingEntrySchema = z.object({
  /** Exact run directory name, or a glob such as `flash_msg_*`. Exact names win over globs; among globs the first match wins. */
  match: z.string().min(1),
  arm: ArmSchema,
  seed: z.number().int().nonnegative().nullable().default(null),
  /** Overrides the model recorded in config.json/result.json (for example to name a served checkpoint). */
  model: z.string().min(1).nullable().default(null),
  /** Upstream cooperbench version the run used; decides the eval semantics where the files cannot. */
  upstream_version: z.string().min(1).nullable().default(null),
  note: z.string().optional(),
});
export type ArmMappingEntry = z.infer<typeof ArmMappingEntrySchema>;

export const ArmMappingSchema = z.object({
  schema: z.literal('cooperbench-repro/run-arms@1'),
  runs: z.array(ArmMappingEntrySchema),
});
export type ArmMapping = z.infer<typeof ArmMappingSchema>;
