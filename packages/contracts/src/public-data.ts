import { z } from 'zod';

/**
 * data/public/manifest.json: every raw public file (logs, transcripts, results) that the tests and the
 * real-data figures read, pinned to a repository commit and a sha256. The files are fetched into
 * data/public/files/<local_path> (never committed); `local_path` follows the shared data folder's layout,
 * so one relative path works under every root the resolver searches.
 */
export const PUBLIC_DATA_SCHEMA = 'cooperbench-repro/public-data@1';

/** A relative path of plain segments: no `..`, no leading `/`, no backslashes or empty segments. */
const RelativePathSchema = z
  .string()
  .regex(/^(?!\/)(?!.*\\)(?!.*(^|\/)\.\.?(\/|$))(?!.*\/\/)[^\0]+$/, 'a relative path of plain segments (no "..", "." or leading "/")');

export const PublicDataFileSchema = z
  .object({
    local_path: RelativePathSchema,
    repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'owner/name'),
    commit: z.string().regex(/^[0-9a-f]{40}$/, '40 lowercase hex digits'),
    path: RelativePathSchema,
    sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits'),
    bytes: z.number().int().nonnegative(),
  })
  .strict();
export type PublicDataFile = z.infer<typeof PublicDataFileSchema>;

export const PublicDataManifestSchema = z
  .object({
    schema: z.literal(PUBLIC_DATA_SCHEMA),
    files: z.array(PublicDataFileSchema).min(1),
  })
  .strict()
  .superRefine((manifest, ctx) => {
    const seen = new Set<string>();
    manifest.files.forEach((file, i) => {
      if (seen.has(file.local_path)) ctx.addIssue({ code: 'custom', path: ['files', i, 'local_path'], message: `a local_path named once (${file.local_path} repeats)` });
      seen.add(file.local_path);
    });
  });
export type PublicDataManifest = z.infer<typeof PublicDataManifestSchema>;
