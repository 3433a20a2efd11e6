import type { CommErrorCode, RunFailureModes, Symptom } from '@cooperbench-repro/contracts';
import type { Heuristic } from '../heuristics/heuristic.js';

/** What each heuristic estimates, by its key in RunFailureModes.heuristics (a Heuristic[] fits). */
export type HeuristicEstimates = readonly Pick<Heuristic, 'name' | 'estimates'>[];

/** Names of the heuristics estimating a group or symptom, sorted. */
export function heuristicsFor(heuristics: HeuristicEstimates, target: { group: string } | { symptom: string }): string[] {
  return heuristics
    .filter((h) => ('group' in target ? h.estimates.group === target.group : h.estimates.symptom === target.symptom))
    .map((h) => h.name)
    .sort();
}

/**
 * Who belongs to Figure 6 and Table 1. RunFailureModes carries no setting or messaging flag, so the
 * classify stage says (it has the RunRecord: transcript.ts isConversation / isFailedCoopRun). The
 * defaults assume `runs` holds coop runs only: a conversation has a turn, a failed run failed.
 */
export interface Populations {
  isConversation: (r: RunFailureModes) => boolean;
  isFailedCoopRun: (r: RunFailureModes) => boolean;
}
export const DEFAULT_POPULATIONS: Populations = {
  isConversation: (r) => r.turns > 0,
  isFailedCoopRun: (r) => r.outcome === 'fail',
};

/**
 * Communication-error verdict. A rejected answer falls back to "no issue" (App. F is precision-first:
 * unsupported evidence means no label), so it counts as judged; not-judged and failed do not.
 */
/**
 * Did the LLM judge answer any of these runs (an answer with a cache key)? Without one, rule-based
 * verdicts (a failed run without messages is an implementation failure) must not make a table look
 * judged: the judge did not run, and the section says source 'none'.
 */
export function judgeAnswered(runs: readonly RunFailureModes[], part: 'comm_error' | 'symptoms'): boolean {
  return runs.some((r) => ['labelled', 'no-issue', 'rejected'].includes(r[part].judge.status) && r[part].judge.cache_key !== null);
}

export function commErrorVerdict(r: RunFailureModes): { judged: false } | { judged: true; code: CommErrorCode | null } {
  const s = r.comm_error.judge.status;
  if (s === 'not-judged' || s === 'failed') return { judged: false };
  return { judged: true, code: s === 'labelled' ? r.comm_error.code : null };
}

/**
 * Symptom verdict. A rejected answer falls back to "no coordination label" (implementation failure
 * only), as the paper defaults to implementation failure when coordination evidence is missing.
 */
export function symptomVerdict(r: RunFailureModes): { judged: false } | { judged: true; primary: Symptom | null; all: Symptom[] } {
  const s = r.symptoms.judge.status;
  if (s === 'not-judged' || s === 'failed') return { judged: false };
  const labels = s === 'labelled' ? r.symptoms.labels : [];
  if (labels.length === 0) return { judged: true, primary: null, all: [] };
  // Contract: the primary comes first; trust an explicit flag over the position.
  const primary = (labels.find((l) => l.primary) ?? labels[0]!).symptom;
  return { judged: true, primary, all: [...new Set(labels.map((l) => l.symptom))] };
}

/**
 * Heuristic estimate over `runs`: detected by ANY heuristic estimating the target, over runs where at
 * least one of them ran (not skipped); null when no heuristic estimates it.
 */
export function heuristicCounts(runs: readonly RunFailureModes[], names: readonly string[]): { detected: number; ran: number; skipped: number } | null {
  if (names.length === 0) return null;
  let detected = 0;
  let ran = 0;
  for (const r of runs) {
    const results = names.map((n) => r.heuristics[n]).filter((h) => h !== undefined && h.skipped === null);
    if (results.length === 0) continue;
    ran++;
    if (results.some((h) => h!.detected)) detected++;
  }
  return { detected, ran, skipped: runs.length - ran };
}
