import type { HeuristicResult } from '@cooperbench-repro/contracts';
import type { Transcript } from '../transcript.js';
import { conversationHeuristic } from './heuristic.js';
import { analyse, jaccard, type MessageAnalysis } from './text.js';

/**
 * Near-duplicate messages of one agent (App. F C4b, "near-duplicate status blocks"). Each message is
 * compared with EVERY earlier message of the same sender (the earlier implementation only compared
 * consecutive ones) by the Jaccard similarity of lower-cased, whitespace-split word trigrams (self-prefix
 * "agent1:" removed). Rewording the same information (C4a) shares few trigrams and is not caught.
 */

export const REPETITION = {
  /** Messages shorter than this (in words) are never compared: "Done." twice is not spam. */
  minWords: 5,
  /**
   * One pair above this is a repetition on its own. The earlier implementation used 0.85; a one-word
   * change in a 15-word status message already drops trigram Jaccard to ~0.79 (Command A
   * pallets_jinja 1465 f2_f7, messages 3 and 4), and on the 100 real Command A conversations no pair of
   * distinct messages lies between 0.62 and 0.71, so 0.7 separates near-duplicates from rewordings.
   */
  strong: 0.7,
  /** Two or more messages whose best earlier match is above this (and at most `strong`) are one too. */
  weak: 0.5,
  weakCount: 2,
} as const;

interface Match {
  later: number;
  earlier: number;
  sender: string;
  similarity: number;
}

export const repetition = conversationHeuristic({
  name: 'repetition',
  description: 'Near-duplicate messages from the same agent: word-trigram Jaccard of each message against every earlier message of its sender; fires on one pair > 0.7 or two messages > 0.5 (approximates C4b).',
  estimates: { group: 'repetition', symptom: 'repetition' },
  detect(t: Transcript): HeuristicResult {
    const best = closestEarlier(t);
    const score = best.reduce((m, x) => Math.max(m, x.similarity), 0);
    const strong = best.filter((x) => x.similarity > REPETITION.strong);
    const weak = best.filter((x) => x.similarity > REPETITION.weak && x.similarity <= REPETITION.strong);
    const detected = strong.length > 0 || weak.length >= REPETITION.weakCount;
    const shown = [...strong, ...weak].sort((a, b) => a.later - b.later);
    return {
      detected,
      score: best.length ? round(score) : 0,
      evidence: shown.map((x) => `messages ${x.earlier} and ${x.later} (${x.sender}): trigram Jaccard ${round(x.similarity).toFixed(2)}`),
      skipped: null,
    };
  },
});

/** For each long-enough message, its closest earlier message of the same sender. */
function closestEarlier(t: Transcript): Match[] {
  const bySender = new Map<string, MessageAnalysis[]>();
  for (const a of analyse(t)) {
    if (a.wordCount < REPETITION.minWords) continue;
    const list = bySender.get(a.message.from) ?? [];
    list.push(a);
    bySender.set(a.message.from, list);
  }
  const best: Match[] = [];
  for (const [sender, list] of bySender) {
    for (let i = 1; i < list.length; i++) {
      let top: Match | null = null;
      for (let j = 0; j < i; j++) {
        const s = jaccard(list[i]!.trigrams, list[j]!.trigrams);
        if (top === null || s > top.similarity) top = { later: list[i]!.message.index, earlier: list[j]!.message.index, sender, similarity: s };
      }
      if (top) best.push(top);
    }
  }
  return best;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
