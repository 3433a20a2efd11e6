import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FailureModeCodesFileSchema, readJsonFileSync, type CodedConversation, type ConversationLocator, type FailureModeCodesFile } from '@cooperbench-repro/contracts';

/**
 * packages/failure-modes/gold: the human-coded failure modes (one file per source and coder). Found by
 * walking up to the package root (package.json beside gold/), so the same code finds it from src/gold
 * (tests) and dist/gold (the CLI, and its bundle, whose import.meta.url tools/build maps back to dist/).
 */
export const GOLD_DIR = packageGoldDir(dirname(fileURLToPath(import.meta.url)));

function packageGoldDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'gold'))) return join(dir, 'gold');
    // Not found: the usual place under src/ or dist/; reading it then names the missing file.
    if (dirname(dir) === dir) return resolve(from, '../../gold');
  }
}

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
