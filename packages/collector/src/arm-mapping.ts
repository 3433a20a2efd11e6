import { existsSync } from 'node:fs';
import picomatch from 'picomatch';
import { ArmMappingSchema, readJsonFile, type ArmMapping, type ArmMappingEntry } from '@cooperbench-repro/contracts';

/** Looks up the user's run -> arm/model/seed mapping: exact run names win over globs; among globs the first wins. */
export class ArmMappingLookup {
  private readonly exact = new Map<string, ArmMappingEntry>();
  private readonly globs: { entry: ArmMappingEntry; test: (name: string) => boolean }[] = [];

  constructor(
    readonly file: string | null,
    mapping: ArmMapping | null,
  ) {
    for (const entry of mapping?.runs ?? []) {
      if (picomatch.scan(entry.match).isGlob) this.globs.push({ entry, test: picomatch(entry.match, { dot: true }) });
      else if (!this.exact.has(entry.match)) this.exact.set(entry.match, entry);
    }
  }

  lookup(runName: string): ArmMappingEntry | null {
    return this.exact.get(runName) ?? this.globs.find((g) => g.test(runName))?.entry ?? null;
  }

  /** Reads the mapping file; a missing file is an empty mapping (runs then need manifests). */
  static async load(file: string | null): Promise<ArmMappingLookup> {
    if (!file || !existsSync(file)) return new ArmMappingLookup(file, null);
    return new ArmMappingLookup(file, await readJsonFile(file, ArmMappingSchema));
  }
}
