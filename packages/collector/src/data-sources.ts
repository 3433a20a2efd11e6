import { DataSourcesSchema, readJsonFileSync, type DataSources } from '@cooperbench-repro/contracts';
import { publicPath } from '@cooperbench-repro/public-data';
import type { LegacyInput } from './imported-stores.js';

/** A data profile's sources (`collect --sources`), with public files resolved through the one resolver. */
export interface ResolvedSources {
  label: string;
  logRoot: string;
  mappingFile: string | null;
  legacyInputs: LegacyInput[];
}

export function resolveDataSources(file: string): ResolvedSources {
  const sources: DataSources = readJsonFileSync(file, DataSourcesSchema);
  return {
    label: sources.label,
    logRoot: 'public' in sources.log_root ? publicPath(sources.log_root.public) : sources.log_root.path,
    mappingFile: sources.mapping,
    legacyInputs: sources.legacy_imports.map((i) => ({ file: publicPath(i.public), displayPath: i.public, agentFramework: i.agent_framework })),
  };
}
