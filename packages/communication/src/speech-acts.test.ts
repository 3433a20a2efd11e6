import { conversationOrder, stripSelfPrefix } from '@cooperbench-repro/contracts';
import { describe, expect, it } from 'vitest';
import { classifyConversation } from './speech-acts.js';
import { computeCommunication } from './compute.js';
import { DEFAULT_OPTIONS } from './config.js';
import { countLineMentions, countPathMentions } from './text-features.js';
import { coopRecord, msg } from './test-support/support.js';

const acts = (c: ReturnType<typeof classifyConversation>) => c.messages.map((m) => m.act);
/** A timed conversation from [sender, text] rows (timestamps 1, 2, ...). */
const timedConversation = (...rows: [from: string, text: string][]) => classifyConversation(rows.map(([from, text], i) => msg(from, text, i + 1)));

describe('speech-act rules on hand-written cases', () => {
  /** Hand-written timed conversations and what the rules say of them (a key left out is not checked for that case). */
  const CASES: {
    title: string;
    rows: [from: string, text: string][];
    expected: { acts: string[]; firstTurnPlan?: boolean | null; unansweredQuestions?: number; senders?: number };
  }[] = [
    {
      title: 'empty conversation: nothing to classify, no first turn',
      rows: [],
      expected: { acts: [], firstTurnPlan: null, unansweredQuestions: 0 },
    },
    {
      title: 'labels the five acts with context: Answer replies to the partner’s open question',
      rows: [
        ['agent1', 'I will modify src/core.py lines 10-40 to add the timeout parameter.'],
        ['agent2', 'Which functions in core.py are you touching?'],
        ['agent1', 'Only Context.__init__ and make_context.'],
        ['agent2', 'Sounds good, thanks!'],
        ['agent1', "I've added the timeout parameter and all tests pass."],
      ],
      expected: { acts: ['Plan', 'Question', 'Answer', 'Ack', 'Update'], firstTurnPlan: true, unansweredQuestions: 0 },
    },
    {
      title: 'one-sided conversation: questions stay unanswered and nothing is an Answer',
      rows: [
        ['agent1', 'Can you tell me which file you are editing?'],
        ['agent1', 'Are you there?'],
        ['agent1', 'I will edit utils.py then.'],
      ],
      expected: { acts: ['Question', 'Question', 'Plan'], senders: 1, unansweredQuestions: 2 },
    },
    {
      title: 'non-English (non-Latin script) and code-only messages are Other; a clear rule still fires on code-heavy prose',
      rows: [
        ['agent1', '我将修改 core.py 文件中的第 10 行到第 20 行'],
        ['agent2', '```python\ndef f(x):\n    # I will refactor this later\n    return x + 1\n```'],
        ['agent1', 'Я закончил свою часть.'],
        ['agent2', 'I have added this helper:\n```python\ndef g(y):\n    return y\n```'],
        ['agent1', ''],
      ],
      expected: { acts: ['Other', 'Other', 'Other', 'Update', 'Other'] },
    },
  ];

  it.each(CASES)('$title', ({ rows, expected }) => {
    const c = timedConversation(...rows);
    expect(c.messages).toHaveLength(rows.length);
    expect({ acts: acts(c), firstTurnPlan: c.firstTurnPlan, unansweredQuestions: c.unansweredQuestions, senders: c.messagesBySender.size }).toMatchObject(expected);
  });

  it('strips "agent1:" style self-prefixes before the rules look', () => {
    expect(stripSelfPrefix('agent1: Done.')).toBe('Done.');
    expect(stripSelfPrefix('[agent2] ok')).toBe('ok');
    expect(stripSelfPrefix('agent1 here: implementing X')).toBe('implementing X');
    const c = classifyConversation([msg('agent1', 'agent1: I have finished the parser changes.', 1), msg('agent2', 'agent2: ok', 2)]);
    expect(acts(c)).toEqual(['Update', 'Ack']);
  });

  it('null timestamps: stored order kept (agent1 block then agent2 block), no Answer by position, first turn excluded', () => {
    const messages = [
      msg('agent1', 'Which lines of core.py will you change?', null),
      msg('agent1', 'I will add the flag at line 40.', null),
      msg('agent2', 'I will edit lines 100-120 of core.py.', null),
      msg('agent2', 'Yes, only lines 100-120.', null),
    ];
    expect(conversationOrder(messages)).toEqual({ order: [0, 1, 2, 3], timed: false });
    const c = classifyConversation(messages);
    // Message 2 follows the question only in storage; without timestamps it is a Plan, not an Answer.
    expect(acts(c)).toEqual(['Question', 'Plan', 'Plan', 'Answer']);
    expect(c.timed).toBe(false);
    expect(c.firstTurnPlan).toBeNull();
    expect(classifyConversation(messages, { ackMaxWords: 15, nonLatinMax: 0.3, untimedFirstTurn: 'either-agent-first' }).firstTurnPlan).toBe(true);
  });

  it('out-of-order timestamps are sorted (stable) before context is built', () => {
    const messages = [msg('agent2', 'Only the parser, lines 5-9.', 20), msg('agent1', 'What are you changing?', 10)];
    const c = classifyConversation(messages);
    expect(c.messages.map((m) => m.index)).toEqual([1, 0]);
    expect(acts(c)).toEqual(['Question', 'Answer']);
    expect(c.firstTurnPlan).toBe(false);
  });

  it('counts line and path mentions with the documented regexes', () => {
    expect(countLineMentions('see line 12, lines 10-20, L42 and core.py:123; also lines 5 to 9')).toBe(5);
    expect(countPathMentions('edit src/click/core.py and __init__.py, not and/or; see https://x.org/a/b.py')).toBe(2);
    expect(countPathMentions('outlines/types/ and tests/test_x.py')).toBe(2);
  });
});

describe('messages in a no-messaging arm', () => {
  it('are classified and reported in their own arm row, and kept out of the transcript measures', () => {
    const recs = [
      coopRecord({ arm: 'coop-msg', task_id: 1, messages: [msg('agent1', 'I will edit a.py.', 1)] }),
      coopRecord({ arm: 'coop-nomsg', task_id: 1, messages: [msg('agent1', 'I have edited b.py.', 1), msg('agent2', 'ok', 2)] }),
    ];
    const f = computeCommunication(recs, DEFAULT_OPTIONS);
    expect(f.parameters.messages_in_no_messaging_arms).toBe(2);
    expect(f.speech_acts.find((s) => s.arm === 'coop-nomsg')!.counts).toMatchObject({ Update: 1, Ack: 1 });
    expect(f.speech_acts.find((s) => s.arm === 'coop-msg')!.counts).toMatchObject({ Plan: 1, Update: 0 });
    expect(f.qualitative.find((q) => q.measure === 'turns')!.groups['no-conflict']!.n).toBe(1);
  });
});
