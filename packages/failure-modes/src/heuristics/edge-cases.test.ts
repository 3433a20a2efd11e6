import { describe, expect, it } from 'vitest';
import { HEURISTICS } from './index.js';
import { brokenCommitment } from './broken-commitment.js';
import { overlappingEdits } from './overlapping-edits.js';
import { repetition } from './repetition.js';
import { staleLineReferences } from './stale-line-references.js';
import { buildTranscript } from './transcript-builder.js';
import { unansweredQuestions } from './unanswered-questions.js';
import { unverifiableClaims } from './unverifiable-claims.js';
import { workOverlapClaims } from './work-overlap-claims.js';

/** Hand-written cases: the boundaries each detector's rule draws, and input it cannot judge. */

const diff = (path: string, oldStart: number, oldLines: number, newStart: number, added: string[], context = ['    pass']) =>
  [`--- a/${path}`, `+++ b/${path}`, `@@ -${oldStart},${oldLines} +${newStart},${oldLines + added.length} @@ def existing():`, ...context.map((c) => ` ${c}`), ...added.map((a) => `+${a}`)].join('\n');
/** Patches where only agent1 (feature 1) changed anything: its diff, and an empty one for feature 2. */
const agent1Only = (text: string) => ({ patches: [{ feature_id: 1, text }, { feature_id: 2, text: '' }] });

describe('no input', () => {
  it('an empty conversation: message detectors skip with "no messages", overlap needs two patches', () => {
    const t = buildTranscript([]);
    for (const h of HEURISTICS) {
      const r = h.run(t);
      expect(r.detected, h.name).toBe(false);
      expect(r.skipped, h.name).toBe(h.name === 'overlapping_edits' ? 'fewer than two patches' : 'no messages');
    }
  });
  it('patch-based detectors say why they cannot run: no patches, or patches without text', () => {
    const msgs = [['agent1', "I'll add `foo_bar` to core.py."]] as const;
    expect(brokenCommitment.run(buildTranscript(msgs)).skipped).toBe('no patches');
    const noText = buildTranscript(msgs, { patches: [{ feature_id: 1, text: null }, { feature_id: 2, text: null }] });
    expect(brokenCommitment.run(noText).skipped).toBe('no patch text');
    expect(overlappingEdits.run(noText).skipped).toBe('no patch text');
  });
});

describe('repetition', () => {
  it('short messages ("Done." three times) are never compared', () => {
    expect(repetition.run(buildTranscript([['agent1', 'Done.'], ['agent1', 'Done.'], ['agent1', 'Done.']])).detected).toBe(false);
  });
  it('a repeat of a message sent several messages earlier is found (all earlier messages, not only the previous one)', () => {
    const status = 'agent1: status update, the parser changes in src/app/parser.py are finished and tested locally.';
    const r = repetition.run(buildTranscript([['agent1', status], ['agent1', 'Now looking at the lexer tokens for the new syntax rule.'], ['agent2', 'ok'], ['agent1', status]]));
    expect(r.evidence).toEqual(['messages 0 and 3 (agent1): trigram Jaccard 1.00']);
  });
  it('the same text from the two different agents is not an agent repeating itself', () => {
    const text = 'I will be modifying src/app/parser.py to add the new parser option.';
    expect(repetition.run(buildTranscript([['agent1', text], ['agent2', text]])).detected).toBe(false);
  });
  it('two identical code-heavy messages are repetition too (the unit is the whole message)', () => {
    const code = 'Here is my diff:\n```diff\n+def foo_bar(x):\n+    return x + 1\n```\nPlease review it.';
    expect(repetition.run(buildTranscript([['agent2', code], ['agent2', code]])).detected).toBe(true);
  });
});

describe('unanswered questions', () => {
  it('one-sided conversation: a question nobody can answer', () => {
    const r = unansweredQuestions.run(buildTranscript([['agent1', 'Which line of src/app/parser.py are you editing?']]));
    expect(r).toMatchObject({ detected: true, score: 1 });
  });
  it('untimed: the answer stored before the question (agent1 first, then agent2) still answers it', () => {
    const msgs = [
      ['agent1', 'I only touch parse_header in src/app/parser.py, lines 10-40.'],
      ['agent2', 'Are you editing parse_header in src/app/parser.py?'],
    ] as const;
    expect(unansweredQuestions.run(buildTranscript(msgs, { timed: false })).detected).toBe(false);
    // With timestamps the order is known and the reply came first: unanswered.
    expect(unansweredQuestions.run(buildTranscript(msgs, { timed: true })).detected).toBe(true);
  });
  it('a "?" inside a code block is not a question; courtesy ("let me know if you have concerns") is not either', () => {
    const r = unansweredQuestions.run(buildTranscript([['agent1', 'Pattern:\n```\nre.compile(r"a?b")\n```\nLet me know if you have any concerns.']]));
    expect(r.score).toBe(0);
  });
  it('an answer further down, after unrelated messages, counts (the whole remainder is searched)', () => {
    const r = unansweredQuestions.run(
      buildTranscript([
        ['agent1', 'Do you also change the tokenize_line helper in lexer.py?'],
        ['agent2', 'Starting on my feature now.'],
        ['agent2', 'Still running the tests.'],
        ['agent2', 'To your question: no, tokenize_line in lexer.py is untouched by me.'],
      ]),
    );
    expect(r.detected).toBe(false);
  });
});

describe('unverifiable claims', () => {
  it('"Done, I added the feature." vs the same claim with a path, a line range, a signature or a diff', () => {
    expect(unverifiableClaims.run(buildTranscript([['agent1', "Done, I've added the caching feature."]])).detected).toBe(true);
    for (const anchored of [
      "I've added the caching feature in src/cache.py.",
      "I've added the caching feature at lines 40-52.",
      "I've added `get_cached(key, default=None)`.",
      "I've added this:\n```diff\n+CACHE = {}\n+def get_cached(k): return CACHE.get(k)\n```",
    ])
      expect(unverifiableClaims.run(buildTranscript([['agent1', anchored]])).detected, anchored).toBe(false);
  });
  it('plans, conditionals and negations are not completion claims', () => {
    for (const text of ["I'll add the cache next.", "Once I've added the cache I will ping you.", "I haven't finished the cache yet."])
      expect(unverifiableClaims.run(buildTranscript([['agent1', text]])).detected, text).toBe(false);
  });
});

describe('broken commitment', () => {
  const promise = [['agent1', "I'll add `cache_size` param to Loader.__init__."]] as const;
  it('promised symbol missing from the sender\'s added lines -> detected; present -> not', () => {
    const missing = buildTranscript(promise, agent1Only(diff('loader.py', 10, 1, 10, ['    self.other = 1'])));
    expect(brokenCommitment.run(missing).evidence).toEqual([
      "message 0 (agent1) promised `cache_size`, absent from its patch (feature 1): \"I'll add `cache_size` param to Loader.__init__.\"",
    ]);
    const kept = buildTranscript(promise, agent1Only(diff('loader.py', 10, 1, 10, ['    self.cache_size = cache_size'])));
    expect(brokenCommitment.run(kept).detected).toBe(false);
  });
  // Not broken: each case's messages, and the one line agent1's patch adds.
  const notBroken: [title: string, messages: (readonly [string, string])[], added: string][] = [
    [
      'the location ("to Loader.__init__") is not promised, the partner\'s symbols neither, and hedged promises are not checked',
      [['agent1', "I'll add `cache_size` param to Loader.__init__ after your max_items."], ['agent1', "I might add `warm_cache` if needed."]],
      '    self.cache_size = 1',
    ],
    [
      'a promise the sender withdraws later ("dropped warm_cache, not needed") is not broken',
      [['agent1', "I'll add `warm_cache` to the loader."], ['agent1', 'Update: dropped warm_cache, not needed for the tests.']],
      '    pass',
    ],
  ];
  for (const [title, messages, added] of notBroken)
    it(title, () => expect(brokenCommitment.run(buildTranscript(messages, agent1Only(diff('loader.py', 10, 1, 10, [added])))).detected).toBe(false));
  it('agents are matched to patches by position: agent2 owns features[1]', () => {
    const t = buildTranscript([['agent2', "I'm adding `retry_limit` to client.py."]], {
      features: [4, 7],
      patches: [{ feature_id: 4, text: diff('client.py', 1, 1, 1, ['retry_limit = 3']) }, { feature_id: 7, text: diff('client.py', 1, 1, 1, ['timeout = 3']) }],
    });
    expect(brokenCommitment.run(t).evidence[0]).toMatch(/^message 0 \(agent2\) promised `retry_limit`, absent from its patch \(feature 7\)/);
  });
});

describe('overlapping edits and claim collision', () => {
  const claims = [
    ['agent1', "I'm adding `normalize_path` helper to loader.py."],
    ['agent2', "I'll add `normalize_path` too, in loader.py."],
  ] as const;
  it('overlapping hunks + a symbol both claimed and both patches newly add -> duplicated work', () => {
    const t = buildTranscript(claims, {
      patches: [
        { feature_id: 1, text: diff('loader.py', 20, 4, 20, ['def normalize_path(p):', '    return p']) },
        { feature_id: 2, text: diff('loader.py', 22, 4, 22, ['def normalize_path(path):', '    return str(path)']) },
      ],
    });
    const r = overlappingEdits.run(t);
    expect(r.detected).toBe(true);
    expect(r.score).toBe(1);
    expect(r.evidence).toEqual([
      '`normalize_path` claimed by agent1 (message 0) and agent2 (message 1) and added by both patches',
      'loader.py base lines 20-23 (feature 1) and 22-25 (feature 2)',
    ]);
    expect(workOverlapClaims.run(t).detected).toBe(true);
  });
  it('overlap without conversation evidence is reported as the score but does not fire (pairs are built to conflict)', () => {
    const t = buildTranscript([['agent1', 'hello'], ['agent2', 'hi']], {
      patches: [
        { feature_id: 1, text: diff('loader.py', 20, 4, 20, ['x = 1']) },
        { feature_id: 2, text: diff('loader.py', 25, 4, 25, ['y = 2']) },
      ],
    });
    expect(overlappingEdits.run(t)).toMatchObject({ detected: false, score: 1 });
  });
  it('hunks far apart, or on different files, do not overlap', () => {
    const t = buildTranscript(claims, {
      patches: [
        { feature_id: 1, text: diff('loader.py', 20, 4, 20, ['def normalize_path(p):']) },
        { feature_id: 2, text: `${diff('loader.py', 200, 4, 200, ['def normalize_path(p):'])}\n${diff('other.py', 20, 4, 20, ['z = 1'])}` },
      ],
    });
    expect(overlappingEdits.run(t)).toMatchObject({ detected: false, score: 0 });
  });
});

describe('stale line references', () => {
  const patch = diff('src/app.py', 100, 5, 100, ['    new_line()']);
  // Each case: agent1's messages (its patch changes lines 100-105 of src/app.py) and the stale citations.
  const cases: [title: string, messages: (readonly [string, string])[], stale: string[]][] = [
    [
      'a finished edit cited at lines 100-105 and re-applied later is stale, even though the lines are in the patch',
      [['agent1', "I've added the guard in src/app.py at lines 100-105."], ['agent1', "I re-applied the guard in src/app.py after a test failure, it's done."]],
      ['message 0 (agent1) cites src/app.py lines 100-105; edited again in message 1'],
    ],
    [
      'lines outside every hunk of the sender\'s patch are stale; lines of the partner\'s code ("your ...") are not the sender\'s',
      [['agent1', "I'm changing src/app.py around line 400."], ['agent1', 'Your block at line 900 of src/app.py is fine.']],
      ['message 0 (agent1) cites src/app.py line 400; outside its final patch'],
    ],
  ];
  for (const [title, messages, stale] of cases) it(title, () => expect(staleLineReferences.run(buildTranscript(messages, agent1Only(patch))).evidence).toEqual(stale));
  it('without patches only re-edits can be seen: a plain citation is not stale', () => {
    expect(staleLineReferences.run(buildTranscript([['agent1', 'I will edit lines 10-20 of src/app.py.']])).detected).toBe(false);
  });
});

describe('every detector', () => {
  it('is deterministic and evidence items stay short (no whole texts)', () => {
    const long = `I've added it. ${'word '.repeat(400)}?`;
    const t = buildTranscript([['agent1', long], ['agent1', long]]);
    for (const h of HEURISTICS) {
      const a = h.run(t);
      expect(h.run(t), h.name).toEqual(a);
      for (const e of a.evidence) expect(e.length, `${h.name}: ${e}`).toBeLessThan(300);
    }
  });
});
