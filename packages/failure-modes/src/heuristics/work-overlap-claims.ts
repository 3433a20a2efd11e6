import type { Transcript } from '../transcript.js';
import { featureOfSender } from './agents.js';
import { conversationHeuristic, fromEvidence } from './heuristic.js';
import { analyse, symbolsIn, type MessageAnalysis } from './text.js';
import { completionClaim } from './unverifiable-claims.js';

/**
 * Claim collision (docs §5, after haochengxia/CooperBench claims.py): the code symbols each agent
 * claims as its own work in first-person clauses ("I'll add `foo`", "I'm modifying Editor.edit_file",
 * "I've added foo_bar", "implementing X in ..."), and the symbols claimed by both agents. Conversation
 * evidence that both set out to write the same code; overlapping-edits.ts checks it against the patches.
 */

const CLAIM =
  /\b(?:i|we)(?:'ll| will| shall| am going to|'m going to| plan to| am about to|'m about to)\b|\b(?:i|we)(?:'m| am| are)\s+(?:now\s+|also\s+|currently\s+)?(?:adding|implementing|creating|introducing|inserting|defining|writing|modifying|touching|updating|changing|editing|extending|wrapping|taking|handling|working on)\b|(?:^|[.;:]\s+)(?:will|going to)\s+\w+|^(?:implementing|adding|working on|modifying|touching)\b|\bmy (?:changes?|edits?|diff|patch|plan|part|work)\b/i;
const NEGATED = /\b(?:not|won't|never|avoid|without|n't|no longer|instead of|rather than)\b/i;

/** Symbols an agent claims in one message (sentences with a claim cue, minus negated ones and "your X"). */
export function claimedSymbols(a: MessageAnalysis): string[] {
  return a.memo('claimed-symbols', findClaimedSymbols);
}

function findClaimedSymbols(a: MessageAnalysis): string[] {
  const out = new Set<string>();
  let isCompletion: boolean | undefined;
  for (const s of a.codeSentences) {
    if (NEGATED.test(s)) continue;
    if (!CLAIM.test(s)) {
      if (!/\b(?:i|we)\b|^(?:added|implemented|done)\b/i.test(s)) continue;
      isCompletion ??= completionClaim(a) !== null;
      if (!isCompletion) continue;
    }
    for (const sym of symbolsIn(s.replace(/\byour(?:\s+\S+){1,3}/gi, ' '))) out.add(sym);
  }
  return [...out];
}

export interface Collision {
  symbol: string;
  /** First message in which each agent claimed it. */
  first: { agent: string; index: number }[];
}

/** Symbols claimed by both agents of the pair (agents that own a feature), in order of first claim. */
export function claimCollisions(t: Transcript): Collision[] {
  const firstClaim = new Map<string, Map<string, number>>();
  for (const a of analyse(t)) {
    if (featureOfSender(t, a.message.from) === null) continue;
    for (const sym of claimedSymbols(a)) {
      const by = firstClaim.get(sym) ?? new Map<string, number>();
      if (!by.has(a.message.from)) by.set(a.message.from, a.message.index);
      firstClaim.set(sym, by);
    }
  }
  const out: Collision[] = [];
  for (const [symbol, by] of firstClaim) {
    if (by.size < 2) continue;
    out.push({ symbol, first: [...by].map(([agent, index]) => ({ agent, index })).sort((x, y) => x.index - y.index) });
  }
  return out.sort((x, y) => Math.max(...x.first.map((f) => f.index)) - Math.max(...y.first.map((f) => f.index)));
}

export const workOverlapClaims = conversationHeuristic({
  name: 'work_overlap_claims',
  description: "Claim collision: a code symbol both agents claim as their own work in first-person clauses (\"I'll add `foo`\", \"I'm modifying foo_bar\"); conversation-only, a feature for the work-overlap cross-check.",
  estimates: {},
  detect(t) {
    const senders = new Set(t.messages.map((m) => m.from).filter((s) => featureOfSender(t, s) !== null));
    if (senders.size < 2) return fromEvidence([]);
    return fromEvidence(claimCollisions(t).map((c) => `\`${c.symbol}\` claimed by ${whoClaimed(c)}`));
  },
});

/** "agent1 (message 0) and agent2 (message 3)": who claimed the symbol first, where. */
export function whoClaimed(c: Collision): string {
  return c.first.map((f) => `${f.agent} (message ${f.index})`).join(' and ');
}
