import { PublicDataManifestSchema, readJsonFileSync, type PublicDataManifest } from '@cooperbench-repro/contracts';
import { MANIFEST_FILE } from './workspace.js';

const loaded = new Map<string, PublicDataManifest>();

/** The validated manifest (read once per process and file). */
export function loadManifest(file: string = MANIFEST_FILE): PublicDataManifest {
  let manifest = loaded.get(file);
  if (!manifest) {
    manifest = readJsonFileSync(file, PublicDataManifestSchema);
    loaded.set(file, manifest);
  }
  return manifest;
}

export function totalBytes(manifest: PublicDataManifest): number {
  return manifest.files.reduce((n, f) => n + f.bytes, 0);
}
