import { conversationOrder, type Message, type SpeechAct } from '@cooperbench-repro/contracts';
import { applyRules, messageFeatures, type MessageFeatures } from './speech-act-rules.js';

/**
 * The speech-act classifier over one conversation: every message in conversation order (the shared
 * transcript view's conversationOrder) labelled by the ordered rules of speech-act-rules.ts, with the
 * context they need (the partner's open questions).
 */

export interface ClassifyOptions {
  ackMaxWords: number;
  nonLatinMax: number;
  /** Untimed conversations (a null timestamp): how to read "first turn". */
  untimedFirstTurn: 'exclude' | 'stored-order' | 'either-agent-first';
}

export const DEFAULT_CLASSIFY_OPTIONS: ClassifyOptions = { ackMaxWords: 15, nonLatinMax: 0.3, untimedFirstTurn: 'exclude' };

export interface ClassifiedMessage {
  /** Index in the record's stored `messages`. */
  index: number;
  from: string;
  to: string;
  act: SpeechAct;
  rule: string;
  features: MessageFeatures;
}

export interface ConversationAnalysis {
  /** All timestamps present: cross-agent order known (sorted by time, stable). */
  timed: boolean;
  /** Messages in conversation order (time order when timed, stored order otherwise). */
  messages: ClassifiedMessage[];
  /** Questions (messages that ask) that no reply from the partner answered or acknowledged. */
  unansweredQuestions: number;
  /** First turn contains a Plan; null when there is no message or the order is unknown (see options). */
  firstTurnPlan: boolean | null;
  messagesBySender: Map<string, number>;
}

interface OpenQuestion {
  asker: string;
  to: string;
  closed: boolean;
}

/** A question from `q.asker` to `q.to` waits for `responder` when someone else asked it to them (or to everyone). */
const waitsFor = (q: OpenQuestion, responder: string) => !q.closed && q.asker !== responder && (q.to === responder || !/^agent/i.test(q.to));

export function classifyConversation(messages: readonly Message[], opts: ClassifyOptions = DEFAULT_CLASSIFY_OPTIONS): ConversationAnalysis {
  const { order, timed } = conversationOrder(messages);
  const features = order.map((i) => messageFeatures(messages[i]!.text));
  const questions: OpenQuestion[] = [];
  // Untimed: any question of the partner may be the one replied to, so all of them are known up front.
  if (!timed) features.forEach((f, k) => f.asks && questions.push({ asker: messages[order[k]!]!.from, to: messages[order[k]!]!.to, closed: false }));

  const out: ClassifiedMessage[] = [];
  const messagesBySender = new Map<string, number>();
  order.forEach((i, k) => {
    const m = messages[i]!;
    const f = features[k]!;
    messagesBySender.set(m.from, (messagesBySender.get(m.from) ?? 0) + 1);
    const open = questions.filter((q) => waitsFor(q, m.from));
    const { act, rule } = applyRules({ features: f, openPartnerQuestions: open.length, timed, ackMaxWords: opts.ackMaxWords, nonLatinMax: opts.nonLatinMax });
    if (timed && (act === 'Answer' || act === 'Ack')) for (const q of open) q.closed = true;
    // Untimed: an explicit answer settles one question (the earliest still open).
    if (!timed && act === 'Answer' && open[0]) open[0].closed = true;
    if (timed && f.asks) questions.push({ asker: m.from, to: m.to, closed: false });
    out.push({ index: i, from: m.from, to: m.to, act, rule, features: f });
  });

  let firstTurnPlan: boolean | null = null;
  if (out.length > 0) {
    if (timed || opts.untimedFirstTurn === 'stored-order') firstTurnPlan = out[0]!.act === 'Plan';
    else if (opts.untimedFirstTurn === 'either-agent-first') {
      const seen = new Set<string>();
      firstTurnPlan = false;
      for (const m of out) {
        if (seen.has(m.from)) continue;
        seen.add(m.from);
        if (m.act === 'Plan') firstTurnPlan = true;
      }
    }
  }
  return { timed, messages: out, unansweredQuestions: questions.filter((q) => !q.closed).length, firstTurnPlan, messagesBySender };
}
