import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError, FailureModeAdjudicationSchema, INTER_CODER_FIELDS, readJsonFileSync, type FailureModeAdjudication, type RunRecord } from '@cooperbench-repro/contracts';
import { conversationKey, GOLD_DIR, judgementOf, loadCodes, type CodedJudgement, type GoldSource } from './gold-files.js';

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
  /** The double-coded subset: both coders' judgements and how the adjudication settled them. */
  second_coding?: SecondCoding;
}

export interface SecondCoding {
  reference: CodedJudgement;
  second: CodedJudgement;
  resolved: FailureModeAdjudication['items'][number]['resolved'];
}

export const ADJUDICATION_FILE = join(GOLD_DIR, 'adjudication.json');

export function loadAdjudication(file = ADJUDICATION_FILE): FailureModeAdjudication | null {
  return existsSync(file) ? readJsonFileSync(file, FailureModeAdjudicationSchema) : null;
}

/** Coder A codes everything; coder B the double-coded sample. */
export const REFERENCE_CODER = 'A';
export const SECOND_CODER = 'B';

/**
 * The gold set of both sources, keyed by conversation: coder A's codes, the adjudicated ones where the
 * conversation was coded twice, each double-coded conversation with both coders' judgements.
 */
export function goldSet(dir = GOLD_DIR): Map<string, GoldConversation> {
  const adjudication = loadAdjudication(join(dir, 'adjudication.json'));
  const settled = new Map((adjudication?.items ?? []).map((i) => [conversationKey(i.conversation), i]));
  const out = new Map<string, GoldConversation>();
  for (const source of ['command-a', 'claude-code'] as const) {
    const second = secondCodes(source, dir);
    for (const c of loadCodes(source, REFERENCE_CODER, dir).conversations) {
      const key = conversationKey(c.conversation);
      const item = settled.get(key);
      const gold = item?.gold ?? judgementOf(c);
      // A secondary symptom equal to the settled primary is not also secondary.
      const secondary = (c.symptoms?.secondary ?? []).filter((s) => s !== gold.primary);
      const g: GoldConversation = { source, key, outcome: c.outcome, messages: c.messages, comm_error: gold.comm_error, plan_drift: gold.plan_drift, primary: gold.primary, secondary, double_coded: item !== undefined };
      const b = second.get(key);
      if (b) g.second_coding = secondCoding(source, key, judgementOf(c), b, item);
      second.delete(key);
      out.set(key, g);
    }
    const stray = [...second.keys()];
    if (stray.length > 0) throw new DataFileError(`${source}.${SECOND_CODER}.json`, [{ field: 'conversations', expected: `only conversations that ${source}.${REFERENCE_CODER}.json codes`, message: `${stray.join(', ')} not coded by ${REFERENCE_CODER}` }]);
  }
  for (const key of settled.keys()) if (!out.get(key)?.second_coding) throw new DataFileError('adjudication.json', [{ field: 'items', expected: `items of conversations coded by both ${REFERENCE_CODER} and ${SECOND_CODER}`, message: `${key} is settled but not coded by both` }]);
  return out;
}

/** Coder B's judgements of one source by conversation; none when the folder has no B file. */
function secondCodes(source: GoldSource, dir: string): Map<string, CodedJudgement> {
  if (!existsSync(join(dir, `${source}.${SECOND_CODER}.json`))) return new Map();
  return new Map(loadCodes(source, SECOND_CODER, dir).conversations.map((c) => [conversationKey(c.conversation), judgementOf(c)]));
}

/** Both coders' judgements, checked against what the adjudication says each coder coded. */
function secondCoding(source: GoldSource, key: string, reference: CodedJudgement, second: CodedJudgement, item: FailureModeAdjudication['items'][number] | undefined): SecondCoding {
  if (!item) throw new DataFileError('adjudication.json', [{ field: 'items', expected: 'one item per double-coded conversation', message: `${key} (${source}) is coded by ${REFERENCE_CODER} and ${SECOND_CODER} but has no item` }]);
  for (const [coder, coded, told] of [[REFERENCE_CODER, reference, item.a], [SECOND_CODER, second, item.b]] as const) {
    for (const field of INTER_CODER_FIELDS) {
      if (coded[field] !== told[field])
        throw new DataFileError('adjudication.json', [{ field: `${key} ${coder === REFERENCE_CODER ? 'a' : 'b'}.${field}`, expected: `${JSON.stringify(coded[field])} as in ${source}.${coder}.json`, message: `found ${JSON.stringify(told[field])}` }]);
    }
  }
  return { reference, second, resolved: item.resolved };
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
