import { epochSeconds, SECOND, type Micros } from './clock.js';
import type { FeatureInfo } from './features.js';
import { SYNTHETIC_MARKER } from './marker.js';
import type { RenderedSite } from './patch.js';
import type { Rng } from './prng.js';

/**
 * Two-agent conversations in the shape of upstream's conversation.json: plans, questions, answers,
 * status updates and acks that cite the files and line ranges the agents' patches actually touch.
 */

export interface ConversationMessage {
  from: string;
  to: string;
  message: string;
  timestamp: number | null;
  feature_id: number;
}

export interface Speaker {
  agentId: string;
  feature: FeatureInfo;
  sites: readonly RenderedSite[];
  /** An agent that errored at start never got to write. */
  canWrite: boolean;
}

function where(rng: Rng, s: Speaker): { file: string; a: number; b: number } {
  const site = s.sites.length ? rng.pick(s.sites) : null;
  if (!site) return { file: 'the module', a: 1, b: 1 };
  return { file: site.file, a: site.newStart, b: site.newEnd };
}

type Template = (rng: Rng, me: Speaker, other: Speaker, overlap: boolean) => string;

const PLANS: Template[] = [
  (rng, me) => {
    const w = where(rng, me);
    return `${me.agentId}: I'm implementing Feature ${me.feature.id} (${me.feature.title}). I'll modify ${w.file} around lines ${w.a}-${w.b} (adding ${me.feature.verb}_${me.feature.noun}). Tell me which files you are touching.`;
  },
  (rng, me) => {
    const w = where(rng, me);
    return `${me.agentId}: my plan for feature ${me.feature.id}: add the ${me.feature.noun.replace(/_/g, ' ')} handling in ${w.file}, new code at lines ${w.a}-${w.b}; no other files. Tell me if that collides with yours.`;
  },
];

const QUESTIONS: Template[] = [
  (rng, me, other) => {
    const w = where(rng, other);
    return `${me.agentId}: are you also editing ${w.file}? I need to insert ${me.feature.verb}_${me.feature.noun} near line ${w.a}.`;
  },
  (rng, me) => {
    const w = where(rng, me);
    return `${me.agentId}: quick question: do you rely on the existing helper just above line ${w.a} in ${w.file}? I want to change its signature.`;
  },
];

const ANSWERS: Template[] = [
  (rng, me, _other, overlap) => {
    const w = where(rng, me);
    return overlap
      ? `${me.agentId}: yes, I'm in ${w.file} at lines ${w.a}-${w.b} too. I'll keep my block there; could you put yours after line ${w.b + 5}?`
      : `${me.agentId}: no, I only touch ${w.file} (lines ${w.a}-${w.b}); go ahead.`;
  },
  (rng, me) => {
    const w = where(rng, me);
    return `${me.agentId}: I don't depend on it. My change is limited to ${w.file}:${w.a}-${w.b}.`;
  },
];

const STATUS: Template[] = [
  (rng, me) => {
    const w = where(rng, me);
    return `${me.agentId}: status: ${me.feature.verb}_${me.feature.noun} is in ${w.file} (lines ${w.a}-${w.b}); running the tests now.`;
  },
  (rng, me) => `${me.agentId}: done with feature ${me.feature.id}; patch.txt written (${me.sites.length} hunk${me.sites.length === 1 ? '' : 's'}). ${rng.chance(0.5) ? 'Should merge cleanly with yours.' : 'Please double-check the imports at the top of the file.'}`,
];

const ACKS: Template[] = [
  (rng, me, other) => {
    const w = where(rng, other);
    return `${me.agentId}: ack, thanks. I won't touch lines ${w.a}-${w.b} of ${w.file}.`;
  },
  (_rng, me) => `${me.agentId}: ack.`,
  (rng, me, other) => {
    const w = where(rng, other);
    return `${me.agentId}: sounds good; we seem to be in separate sandboxes, so I can't see your edit at ${w.file}:${w.a}, but the ranges don't overlap.`;
  },
];

export interface ConversationOptions {
  speakers: readonly [Speaker, Speaker];
  /** Whether the two patches overlap (agents then talk about moving code). */
  overlap: boolean;
  start: Micros;
  end: Micros;
  /** mini_swe_agent_v2 records no timestamps and lists agent1's messages before agent2's. */
  timestamps: boolean;
  maxMessages: number;
}

export function makeConversation(rng: Rng, opts: ConversationOptions): ConversationMessage[] {
  const [a, b] = opts.speakers;
  const writers = opts.speakers.filter((s) => s.canWrite);
  if (writers.length === 0 || opts.maxMessages <= 0) return [];
  const count = Math.min(opts.maxMessages, writers.length === 1 ? rng.int(1, 2) : rng.int(2, 10));
  // The dialogue: each opens with a plan, then question/answer rounds, statuses and acks.
  const kinds: Template[][] = [PLANS, PLANS, QUESTIONS, ANSWERS, STATUS, ACKS, STATUS, ACKS, QUESTIONS, ANSWERS];
  const span = Math.max(opts.end - opts.start, count * SECOND);
  let t = opts.start + Math.floor(rng.float(0.02, 0.1) * span);
  const messages: ConversationMessage[] = [];
  // Turns mostly alternate, starting with either agent; sometimes an agent sends two in a row.
  let me = writers.length === 1 ? writers[0]! : rng.chance(0.5) ? a : b;
  for (let i = 0; i < count; i++) {
    if (i > 0 && writers.length === 2 && !rng.chance(0.2)) me = me === a ? b : a;
    const other = me === a ? b : a;
    const text = rng.pick(kinds[i % kinds.length]!)(rng, me, other, opts.overlap);
    t += Math.floor(rng.float(0.5, 1.5) * (span / (count + 2)));
    messages.push({ from: me.agentId, to: other.agentId, message: text, timestamp: opts.timestamps ? Math.min(t, opts.end) : null, feature_id: me.feature.id });
  }
  if (!opts.timestamps) {
    // Upstream sorts by timestamp with null as 0.0: stable, so all of agent1's messages come first.
    messages.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  } else {
    for (const m of messages) m.timestamp = Math.round(epochSeconds(m.timestamp!) * 1e6) / 1e6;
  }
  return messages;
}

/** conversation.json is an array, so the marker goes on each message; an empty conversation stays `[]`. */
export function markedConversation(messages: readonly ConversationMessage[]): object[] {
  return messages.map((m) => ({ ...SYNTHETIC_MARKER, ...m }));
}
