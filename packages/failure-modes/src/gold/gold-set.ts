import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FailureModeAdjudicationSchema, readJsonFileSync, type FailureModeAdjudication, type RunRecord } from '@cooperbench-repro/contracts';
import { conversationKey, GOLD_DIR, judgementOf, loadCodes, type GoldSource } from './gold-files.js';

/** One conversation's gold codes: coder A's, overridden by the adjudication where the coders disagreed. */
export interface GoldConversation {
  source: GoldSource;
  /** `<local path>` (claude_code conversation.json) or `<local path>#<record index>` (Command A results.json). */
  key: string;
  outcome: 'pass' | 'fail' | 'unknown';
  /** Messages in the coded conversation (a record must have as many to match it). */
  messages: number;
  comm_error: string;
  plan_drift: boolean;
  /** Failed runs: primary symptom or `implementation_failure`; null otherwise. */
  primary: string | null;
  secondary: string[];
  /** Coded twice (the adjudicated subset). */
  double_coded: boolean;
}

export const ADJUDICATION_FILE = join(GOLD_DIR, 'adjudication.json');

export function loadAdjudication(file = ADJUDICATION_FILE): FailureModeAdjudication | null {
  return existsSync(file) ? readJsonFileSync(file, FailureModeAdjudicationSchema) : null;
}

/** The gold set of both sources, keyed by conversation. */
export function goldSet(dir = GOLD_DIR): Map<string, GoldConversation> {
  const settled = new Map((loadAdjudication(join(dir, 'adjudication.json'))?.items ?? []).map((i) => [conversationKey(i.conversation), i.gold]));
  const out = new Map<string, GoldConversation>();
  for (const source of ['command-a', 'claude-code'] as const) {
    for (const c of loadCodes(source, 'A', dir).conversations) {
      const key = conversationKey(c.conversation);
      const gold = settled.get(key) ?? judgementOf(c);
      // A secondary symptom equal to the settled primary is not also secondary.
      const secondary = (c.symptoms?.secondary ?? []).filter((s) => s !== gold.primary);
      out.set(key, { source, key, outcome: c.outcome, messages: c.messages, comm_error: gold.comm_error, plan_drift: gold.plan_drift, primary: gold.primary, secondary, double_coded: settled.has(key) });
    }
  }
  return out;
}

/**
 * The gold key of a run record: imported Command A records by their results.json file and index,
 * records from a log tree by their pair directory under the log root's public local path.
 */
export function goldKeyOfRecord(record: Pick<RunRecord, 'sources'>, logRootLocalPath: string): string | null {
  const legacy = record.sources.legacy;
  if (legacy) return `${legacy.file}#${legacy.index}`;
  return record.sources.dir ? `${logRootLocalPath}/${record.sources.dir}/conversation.json` : null;
}
