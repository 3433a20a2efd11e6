import { collectRecords, importLegacyFile } from '@cooperbench-repro/collector';
import { realRecords } from '@cooperbench-repro/public-data/testing';

/** The real public runs through the collector's readers (public-data's realRecords: one definition for every stage). */
const REAL = realRecords({ importLegacyFile, collectRecords });

/** The 500 real Command A lite records (legacy importer): coop with and without messaging, three solo seeds. */
export const commandARecords = REAL.commandA;
/** The real claude_code runs (flash and nano), collected into a temp store once per test file. */
export const racsoRecords = REAL.racso;
