import { collectRecords, importLegacyFile } from '@cooperbench-repro/collector';
import { readReferenceSubsets, type ReferenceSubset } from '@cooperbench-repro/contracts';
import { referencePath } from '@cooperbench-repro/public-data';
import { realRecords } from '@cooperbench-repro/public-data/testing';

/** The real public runs through the collector's readers (public-data's realRecords: one definition for every stage). */
const REAL = realRecords({ importLegacyFile, collectRecords });

/** The 500 real Command A lite records (legacy importer): coop with and without messaging, three solo seeds. */
export const commandARecords = REAL.commandA;
/** The real claude_code runs (flash and nano), collected from the public logs with the committed arm mapping. */
export const claudeCodeRecords = REAL.racso;

export const referenceSubsets = (): ReferenceSubset[] => readReferenceSubsets(referencePath('dataset/subsets'));
