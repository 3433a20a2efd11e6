import type { CommErrorGroup, HeuristicResult, Symptom } from '@cooperbench-repro/contracts';
import type { Transcript } from '../transcript.js';
import { analyse, type MessageAnalysis } from './text.js';

/**
 * A detector that needs no LLM: it always runs, gives the offline answer, and cross-checks the judge.
 * Each says which Figure 6 group and/or Table 1 symptom it estimates.
 */
export interface Heuristic {
  /** Key in the output's `heuristics` record, e.g. "repetition". */
  name: string;
  /** One sentence: what it measures and when it fires (shown in README and tables). */
  description: string;
  estimates: { group?: CommErrorGroup; symptom?: Symptom };
  run(t: Transcript): HeuristicResult;
}

/** The result of a detector that cannot run on this transcript, saying why. */
export function skipped(reason: string): HeuristicResult {
  return { detected: false, score: null, evidence: [], skipped: reason };
}

/** A conversation detector: what it is, and the check itself, which sees only transcripts it can judge. */
export interface ConversationDetector extends Omit<Heuristic, 'run'> {
  /** 'patch text': it also reads the sender's patch (skipped without patches, or when none has text). */
  needs?: 'patch text';
  detect(t: Transcript): HeuristicResult;
}

/** A Heuristic that skips, saying why, a transcript without messages (or without the patch text it needs). */
export function conversationHeuristic({ needs, detect, ...about }: ConversationDetector): Heuristic {
  return { ...about, run: (t) => missingInput(t, needs) ?? detect(t) };
}

function missingInput(t: Transcript, needs: ConversationDetector['needs']): HeuristicResult | null {
  if (t.messages.length === 0) return skipped('no messages');
  if (needs !== 'patch text') return null;
  if (t.patches.length === 0) return skipped('no patches');
  if (t.patches.every((p) => p.text === null)) return skipped('no patch text');
  return null;
}

/** The usual finding: detected when there is any evidence, scored by how many items there are. */
export function fromEvidence(evidence: string[]): HeuristicResult {
  return { detected: evidence.length > 0, score: evidence.length, evidence, skipped: null };
}

/** Evidence gathered message by message, in conversation order; each message sees the whole analysed conversation. */
export function evidenceFromMessages(t: Transcript, of: (a: MessageAnalysis, all: readonly MessageAnalysis[]) => readonly string[]): HeuristicResult {
  const all = analyse(t);
  return fromEvidence(all.flatMap((a) => of(a, all)));
}
