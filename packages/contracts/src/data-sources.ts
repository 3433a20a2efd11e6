import { z } from 'zod';

/**
 * A data profile's sources (data/real/sources.json): where one pipeline run takes its runs from. Public
 * files are named by their manifest local_path and found through the public-data resolver; `label` is
 * printed on every figure and table built from the profile, so no reader mistakes it for another.
 */
export const DATA_SOURCES_SCHEMA = 'cooperbench-repro/data-sources@1';

const PublicRef = z.object({ public: z.string().min(1) }).strict();
const PathRef = z.object({ path: z.string().min(1) }).strict();

export const DataSourcesSchema = z
  .object({
    schema: z.literal(DATA_SOURCES_SCHEMA),
    label: z.string().min(1),
    /** Upstream --log-dir holding run directories: a public folder or a path (relative to the working directory). */
    log_root: z.union([PublicRef, PathRef]),
    /** Run name -> arm mapping (run-arms@1), relative to the working directory; null when every run has a manifest. */
    mapping: z.string().min(1).nullable(),
    /** results.json files of the earlier Python implementation, imported in memory and merged into the store. */
    legacy_imports: z.array(
      z
        .object({
          public: z.string().min(1),
          name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a plain name'),
          agent_framework: z.string().min(1).nullable(),
        })
        .strict(),
    ),
  })
  .strict();
export type DataSources = z.infer<typeof DataSourcesSchema>;
