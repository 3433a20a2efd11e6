import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FailureModeCodesFileSchema, readJsonFileSync, type CodedConversation, type ConversationLocator, type FailureModeCodesFile } from '@cooperbench-repro/contracts';

/**
 * packages/failure-modes/gold: the human-coded failure modes (one file per source and coder), two levels
 * above this file both in src/gold (tests) and dist/gold (the CLI; its bundle sees dist/'s import.meta.url,
 * which tools/build/bundle-cli.mjs maps back for every bundled module).
 */
export const GOLD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../gold');

export type GoldSource = FailureModeCodesFile['source'];

/** `<source>.<coder>.json`, validated. */
export function loadCodes(source: GoldSource, coder: string, dir = GOLD_DIR): FailureModeCodesFile {
  return readJsonFileSync(join(dir, `${source}.${coder}.json`), FailureModeCodesFileSchema);
}

/** Every coded file in the folder, by `<source>.<coder>`. */
export function codedFiles(dir = GOLD_DIR): string[] {
  return readdirSync(dir)
    .filter((n) => /^(command-a|claude-code)\.[A-Za-z0-9]+\.json$/.test(n))
    .sort();
}

export const conversationKey = (c: ConversationLocator): string => (c.record_index === undefined ? c.file : `${c.file}#${c.record_index}`);

/** The three coded judgements compared between coders (the evidence may differ and still agree). */
export interface CodedJudgement {
  comm_error: string;
  plan_drift: boolean;
  /** Failed runs only: the primary symptom, or `implementation_failure`; null when the run did not fail. */
  primary: string | null;
}

export function judgementOf(c: CodedConversation): CodedJudgement {
  return {
    comm_error: c.comm_error?.code ?? 'none',
    plan_drift: c.plan_drift !== null,
    primary: c.symptoms ? (c.symptoms.primary ?? 'implementation_failure') : null,
  };
}
