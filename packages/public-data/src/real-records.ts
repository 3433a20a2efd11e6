import { join } from 'node:path';
import { DataSourcesSchema, readJsonFileSync, type RunRecord } from '@cooperbench-repro/contracts';
import { PUBLIC_LOCAL_PATHS } from './locations.js';
import { publicPath, type ResolverOptions } from './resolver.js';
import { WORKSPACE_ROOT } from './workspace.js';

/** The committed arm mapping of the real claude_code runs (the real-data profile uses the same file). */
export const REAL_RUN_ARMS = join(WORKSPACE_ROOT, 'data/real/run-arms.json');

/** The real-data profile's sources: the tests read the Command A import as that profile declares it. */
const REAL_SOURCES = join(WORKSPACE_ROOT, 'data/real/sources.json');

/** The agent framework the real profile records for an imported results.json (one source: data/real/sources.json). */
function profileAgentFramework(localPath: string): string | null {
  const entry = readJsonFileSync(REAL_SOURCES, DataSourcesSchema).legacy_imports.find((l) => l.public === localPath);
  if (!entry) throw new Error(`${REAL_SOURCES}: expected a legacy_imports entry for ${localPath}`);
  return entry.agent_framework;
}

/** The collector's two readers, passed in: the collector depends on this package, so it cannot be imported here. */
export interface RunRecordReaders {
  importLegacyFile(file: string, opts: { displayPath: string; agentFramework: string | null }): { records: RunRecord[] };
  collectRecords(opts: { logRoot: string; mappingFile: string | null }): Promise<RunRecord[]>;
}

/** The real public runs as records, for the stages' real-data tests (one definition instead of one per stage). */
export interface RealRecords {
  /** The Command A lite results.json, resolved. */
  commandALiteResults: string;
  /** The claude_code log root, resolved (the stages read patch files under it). */
  racsoLogs: string;
  /** The 500 real Command A lite records (legacy importer, agent framework as data/real/sources.json says): coop with and without messaging, three solo seeds. */
  commandA(): RunRecord[];
  /** The real claude_code runs (flash and nano), collected into a temp store on the first call and shared after. */
  racso(): Promise<RunRecord[]>;
}

/** Resolves both sources now, so a missing file fails at once with the message naming `npm run fetch-data`. */
export function realRecords(readers: RunRecordReaders, resolver: ResolverOptions = {}): RealRecords {
  const commandALiteResults = publicPath(PUBLIC_LOCAL_PATHS.commandALiteResults, resolver);
  const racsoLogs = publicPath(PUBLIC_LOCAL_PATHS.racsoLogs, resolver);
  let racso: Promise<RunRecord[]> | null = null;
  return {
    commandALiteResults,
    racsoLogs,
    commandA: () => readers.importLegacyFile(commandALiteResults, { displayPath: PUBLIC_LOCAL_PATHS.commandALiteResults, agentFramework: profileAgentFramework(PUBLIC_LOCAL_PATHS.commandALiteResults) }).records,
    racso: () => (racso ??= readers.collectRecords({ logRoot: racsoLogs, mappingFile: REAL_RUN_ARMS })),
  };
}
