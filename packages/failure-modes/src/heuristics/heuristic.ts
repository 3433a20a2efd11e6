import type { CommErrorGroup, HeuristicResult, Symptom } from '@cooperbench-repro/contracts';
import type { Transcript } from '../transcript.js';

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
