import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectRecords, importLegacyFile } from '@cooperbench-repro/collector';
import type { RunRecord } from '@cooperbench-repro/contracts';
import { PUBLIC_LOCAL_PATHS, publicPath } from '@cooperbench-repro/public-data';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const WORKSPACE = resolve(HERE, '../../../..');
/** The real public data, through the one resolver (fails with a message naming `npm run fetch-data` when absent). */
export const REAL_LOGS = publicPath(PUBLIC_LOCAL_PATHS.racsoLogs);
export const COMMAND_A_RESULTS = publicPath(PUBLIC_LOCAL_PATHS.commandALiteResults);
const REAL_MAPPING = join(WORKSPACE, 'data/real/run-arms.json');

/** The 500 real Command A lite records (legacy importer): coop with and without messaging, three solo seeds. */
export function commandARecords(): RunRecord[] {
  return importLegacyFile(COMMAND_A_RESULTS, { displayPath: 'command-a-lite-results/results.json', agentFramework: null }).records;
}

let racso: Promise<RunRecord[]> | null = null;
/** The real claude_code runs (flash and nano), collected by the collector into a temp store once per test file. */
export function racsoRecords(): Promise<RunRecord[]> {
  racso ??= collectRecords({ logRoot: REAL_LOGS, mappingFile: REAL_MAPPING });
  return racso;
}
