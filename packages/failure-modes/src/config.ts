import { z } from 'zod';

/** packages/failure-modes/config.json: every knob of the stage, recorded in the output's parameters. */
export const FailureModesConfigSchema = z.object({
  confidence: z.number().gt(0).lt(1),
  /**
   * Floors a heuristic must reach against the human-coded gold set to be shown as a measurement: below
   * either (or with the statistic undefined), Table 1 and Figure 6 (e) drop its estimate and say why.
   */
  heuristic_validation: z.object({
    min_precision: z.number().min(0).max(1),
    min_kappa: z.number().min(-1).max(1),
  }),
  judge: z.object({
    /** Pinned Cohere model id: part of every cache key. */
    model: z.string().min(1),
    temperature: z.number().min(0),
    seed: z.number().int(),
    max_tokens: z.number().int().positive(),
    /** Client-side limit; Cohere trial keys allow 20/min, production 500/min. */
    requests_per_minute: z.number().positive(),
    concurrency: z.number().int().positive(),
    timeout_seconds: z.number().positive(),
    max_retries: z.number().int().min(0),
    /** Relative to the workspace root; committed, so replays need no key. */
    cache_dir: z.string().min(1),
    /** Longer transcripts are cut by the recorded truncation rule (never silently). */
    max_transcript_chars: z.number().int().min(1000),
    /** Show the symptom judge both patches (the paper's annotators saw conversation, patch and outcome). */
    include_patches: z.boolean(),
  }),
});
export type FailureModesConfig = z.infer<typeof FailureModesConfigSchema>;
