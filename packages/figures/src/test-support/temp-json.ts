import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a fixture (after an optional in-place edit) as `<fresh temp dir>/<name>` and returns the file path. */
export function writeTempJson(prefix: string, name: string, data: unknown, mutate?: (d: Record<string, unknown>) => void): string {
  const d = data as Record<string, unknown>;
  mutate?.(d);
  const file = join(mkdtempSync(join(tmpdir(), prefix)), name);
  writeFileSync(file, `${JSON.stringify(d, null, 2)}\n`);
  return file;
}
