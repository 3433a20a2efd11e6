import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectRecords, importLegacyFile } from '@cooperbench-repro/collector';
import { readReferenceSubsets, type ReferenceSubset, type RunRecord } from '@cooperbench-repro/contracts';
import { PUBLIC_LOCAL_PATHS, publicPath, referencePath } from '@cooperbench-repro/public-data';

const WORKSPACE = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

/** The 500 real Command A lite records (legacy importer): coop with and without messaging, three solo seeds. */
export function commandARecords(): RunRecord[] {
  return importLegacyFile(publicPath(PUBLIC_LOCAL_PATHS.commandALiteResults), { displayPath: 'command-a-lite-results/results.json', agentFramework: null }).records;
}

/** The real claude_code runs (flash and nano), collected from the public logs with the committed arm mapping. */
export function claudeCodeRecords(): Promise<RunRecord[]> {
  return collectRecords({ logRoot: publicPath(PUBLIC_LOCAL_PATHS.racsoLogs), mappingFile: join(WORKSPACE, 'data/real/run-arms.json') });
}

export const referenceSubsets = (): ReferenceSubset[] => readReferenceSubsets(referencePath('dataset/subsets'));
