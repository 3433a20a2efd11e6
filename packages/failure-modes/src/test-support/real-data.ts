import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectRecords, importLegacyFile } from '@cooperbench-repro/collector';
import type { RunRecord } from '@cooperbench-repro/contracts';
import { PUBLIC_LOCAL_PATHS, publicPath } from '@cooperbench-repro/public-data';
import { transcriptOf, type Transcript } from '../transcript.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const WORKSPACE = resolve(HERE, '../../../..');
/** The real public data, through the one resolver (fails with a message naming `npm run fetch-data` when absent). */
export const COMMAND_A_RESULTS = publicPath(PUBLIC_LOCAL_PATHS.commandALiteResults);
export const REAL_LOGS = publicPath(PUBLIC_LOCAL_PATHS.racsoLogs);
const REAL_MAPPING = join(WORKSPACE, 'data/real/run-arms.json');

/** The 500 real Command A records (100 coop conversations, no patches), through the legacy importer. */
export function commandARecords(): RunRecord[] {
  return importLegacyFile(COMMAND_A_RESULTS, { displayPath: 'command-a-lite-results/results.json', agentFramework: null }).records;
}

/** Command A coop runs with messages, as transcripts (no patch texts: the legacy file has none). */
export function commandAConversations(): Transcript[] {
  return commandARecords()
    .filter((r) => r.setting === 'coop' && r.messages.length > 0)
    .map((r) => transcriptOf(r, { logRoot: null }));
}

let racso: Promise<RunRecord[]> | null = null;
/** The real claude_code runs (conversations, patches, eval.json), collected into a temp store once per test file. */
export function racsoRecords(): Promise<RunRecord[]> {
  racso ??= collectRecords({ logRoot: REAL_LOGS, mappingFile: REAL_MAPPING });
  return racso;
}

/** Real claude_code coop runs with messages, with patch texts read from the real log tree. */
export async function racsoConversations(): Promise<Transcript[]> {
  return (await racsoRecords()).filter((r) => r.setting === 'coop' && r.messages.length > 0).map((r) => transcriptOf(r, { logRoot: REAL_LOGS }));
}
