import { describe, expect, it } from 'vitest';
import { conversationOrder, isDirectQuestion, isQuestion, proseOf, questionsIn, sentences, stripSelfPrefix } from './transcript-view.js';

const at = (timestamp: number | null) => ({ timestamp });

describe('transcript view', () => {
  it('conversation order: time order (stable) when every timestamp is present, stored order otherwise, untimed when empty', () => {
    expect(conversationOrder([at(20), at(10), at(10)])).toEqual({ order: [1, 2, 0], timed: true });
    expect(conversationOrder([at(20), at(null), at(10)])).toEqual({ order: [0, 1, 2], timed: false });
    expect(conversationOrder([])).toEqual({ order: [], timed: false });
  });

  it('strips sender self-prefixes, twice at most', () => {
    const cases: [string, string][] = [
      ['agent1: Done.', 'Done.'],
      ['[agent2] ok', 'ok'],
      ['agent1 here: implementing X', 'implementing X'],
      ['agent2 update: edited core.py', 'edited core.py'],
      ['agent1: [agent1] agent1: hi', 'agent1: hi'],
    ];
    for (const [text, stripped] of cases) expect(stripSelfPrefix(text), text).toBe(stripped);
  });

  it('prose: prefix, fenced blocks, code lines gone; inline code a placeholder', () => {
    expect(proseOf('agent1: I will edit `foo()` now.\n```py\n# I will\nx = 1\n```\nreturn x;\n}\nDone.')).toBe('I will edit CODE now.\n\n\nDone.');
  });

  it('sentences keep their start offsets', () => {
    expect(sentences('Done with core.py. Next?\nok')).toEqual([
      { text: 'Done with core.py.', start: 0 },
      { text: 'Next?', start: 19 },
      { text: 'ok', start: 25 },
    ]);
  });

  it('a question: "?", an interrogative opener, or a request to be told; not a bare wh-opener or courtesy', () => {
    expect(isDirectQuestion('Which lines are you editing?')).toBe(true);
    expect(isDirectQuestion('Are you touching parser.py')).toBe(true);
    expect(isQuestion('When True, encode() returns a tuple.')).toBe(false);
    expect(isQuestion('How it works:')).toBe(false);
    expect(isQuestion("Let me know when you're done.")).toBe(true);
    expect(isQuestion('Please confirm the line range.')).toBe(true);
    expect(isQuestion('Let me know if you have any concerns.')).toBe(false);
    expect(questionsIn('I will edit a.py. Which file are you on?')).toEqual(['Which file are you on?']);
  });
});
