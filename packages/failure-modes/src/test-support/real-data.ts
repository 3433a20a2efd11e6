import { collectRecords, importLegacyFile } from '@cooperbench-repro/collector';
import { realRecords } from '@cooperbench-repro/public-data/testing';
import { transcriptOf, type Transcript } from '../transcript.js';

/** The real public runs through the collector's readers (public-data's realRecords: one definition for every stage). */
const REAL = realRecords({ importLegacyFile, collectRecords });
/** The claude_code log root, where the transcripts' patch texts are read from. */
export const REAL_LOGS = REAL.racsoLogs;

/** The 500 real Command A records (100 coop conversations, no patches), through the legacy importer. */
export const commandARecords = REAL.commandA;
/** The real claude_code runs (conversations, patches, eval.json), collected into a temp store once per test file. */
export const racsoRecords = REAL.racso;

/** Command A coop runs with messages, as transcripts (no patch texts: the legacy file has none). */
export function commandAConversations(): Transcript[] {
  return commandARecords()
    .filter((r) => r.setting === 'coop' && r.messages.length > 0)
    .map((r) => transcriptOf(r, { logRoot: null }));
}

/** Real claude_code coop runs with messages, with patch texts read from the real log tree. */
export async function racsoConversations(): Promise<Transcript[]> {
  return (await racsoRecords()).filter((r) => r.setting === 'coop' && r.messages.length > 0).map((r) => transcriptOf(r, { logRoot: REAL_LOGS }));
}
