import { beforeAll, describe, expect, it } from 'vitest';
import { detectionCounts, evidenceWhenFired, expectDetectedBetween, transcriptById } from '../test-support/detections.js';
import { commandAConversations } from '../test-support/real-data.js';
import type { Transcript } from '../transcript.js';
import { HEURISTICS } from './index.js';
import { repetition } from './repetition.js';
import { staleLineReferences } from './stale-line-references.js';
import { unansweredQuestions } from './unanswered-questions.js';
import { unverifiableClaims } from './unverifiable-claims.js';
import { workOverlapClaims } from './work-overlap-claims.js';

/**
 * The 100 real Command A conversations (no patches). Every expectation below was written from reading
 * the conversations (quoted in the comments), not from the detectors' output.
 */
const ID = (s: string) => `command-a-coop-comm/coop/${s}`;

describe('heuristics on the 100 real Command A conversations', () => {
  let all: Transcript[];
  const byId = (id: string) => transcriptById(all, ID(id));
  beforeAll(() => {
    all = commandAConversations();
  });

  it('has the 100 conversations, all timed', () => {
    expect(all).toHaveLength(100);
    expect(all.every((t) => t.timed)).toBe(true);
  });

  describe('repetition', () => {
    it('agent2 sends "My task is complete. I\'ve added the hash_sha256 type." twice (messages 2 and 3)', () => {
      expect(evidenceWhenFired(repetition, byId('dottxt_ai_outlines_task/1655/f7_f10'))).toContain('messages 2 and 3 (agent2): trigram Jaccard 1.00');
    });
    it('agent1 repeats one plan seven times (messages 1 to 7): every repeat is matched to the first one', () => {
      const evidence = evidenceWhenFired(repetition, byId('dottxt_ai_outlines_task/1706/f5_f8'));
      for (const k of [2, 3, 4, 5, 6, 7]) expect(evidence).toContain(`messages 1 and ${k} (agent1): trigram Jaccard 1.00`);
    });
    it('"Encountered issues..." then "Encountered persistent issues..." (one word added) is a near-duplicate', () => {
      expect(evidenceWhenFired(repetition, byId('pallets_jinja_task/1465/f2_f7')).join('\n')).toMatch(/messages 3 and 4 \(agent2\)/);
    });
    it('message 5 repeats the first sentence of message 4 ("Please insert the following code ...")', () => {
      expect(evidenceWhenFired(repetition, byId('pillow_task/25/f1_f5')).join('\n')).toMatch(/messages 4 and 5 \(agent1\)/);
    });
    it('reworded "Please hold off ..." status messages (C4a, same information reworded) are not caught by trigrams', () => {
      // dspy 8587 f5_f6: agent1's messages 3-9 each describe a different step, sharing one closing sentence.
      expect(repetition.run(byId('dspy_task/8587/f5_f6')).detected).toBe(false);
    });
    it('two distinct plans from each agent are not repetition', () => {
      expect(repetition.run(byId('dottxt_ai_outlines_task/1655/f6_f7')).detected).toBe(false);
    });
    it('finds exactly the conversations that, read by hand, contain a verbatim or one-word-different repeat', () => {
      const expected = [
        'dottxt_ai_outlines_task/1655/f7_f10', 'dottxt_ai_outlines_task/1706/f5_f8', 'go_chi_task/56/f2_f3', 'huggingface_datasets_task/3997/f1_f2',
        'pallets_click_task/2068/f1_f6', 'pallets_click_task/2068/f7_f9', 'pallets_jinja_task/1465/f2_f7', 'pallets_jinja_task/1559/f1_f10',
        'pallets_jinja_task/1559/f4_f10', 'pallets_jinja_task/1559/f4_f8', 'pallets_jinja_task/1559/f5_f8', 'pillow_task/25/f1_f4',
        'pillow_task/25/f1_f5', 'pillow_task/290/f3_f5', 'react_hook_form_task/153/f1_f3', 'samuelcolvin_dirty_equals_task/43/f6_f7',
      ].map(ID);
      const got = all.filter((t) => repetition.run(t).detected).map((t) => t.record_id);
      expect(got.sort()).toEqual(expected.sort());
    });
  });

  describe('unanswered questions', () => {
    it('"Does this plan work for you?" is the last message: agent2 never answers', () => {
      expect(evidenceWhenFired(unansweredQuestions, byId('openai_tiktoken_task/0/f1_f5'))).toEqual(['message 2 (agent1) unanswered: "Does this plan work for you?"']);
    });
    it('"Could you please clarify where the make_context function is defined?": agent1 only announces its own edit', () => {
      expect(evidenceWhenFired(unansweredQuestions, byId('pallets_click_task/2800/f1_f2')).join('\n')).toMatch(/^message 1 \(agent2\) unanswered/);
    });
    it('agent2 asks "Are you handling the on_chunk callback?" and agent1 never writes again', () => {
      expect(unansweredQuestions.run(byId('dspy_task/8587/f2_f6')).evidence.join('\n')).toMatch(/message 1 \(agent2\)/);
    });
    it('one-sided: agent2 asks whether agent1 works on related changes; agent1 sends nothing', () => {
      expect(unansweredQuestions.run(byId('pallets_jinja_task/1621/f3_f8')).detected).toBe(true);
    });
    it('"Please let me know if this works for you." answered by "Your plan works for me." is answered', () => {
      expect(unansweredQuestions.run(byId('dspy_task/8635/f4_f6')).detected).toBe(false);
    });
    it('"Have you completed your changes in loaders.py?" answered by "I\'ve completed the changes in loaders.py"', () => {
      expect(unansweredQuestions.run(byId('pallets_jinja_task/1621/f6_f7')).detected).toBe(false);
    });
    it('the opening "let me know if you are working on any of these files" is answered by the partner\'s file list', () => {
      const r = unansweredQuestions.run(byId('dspy_task/8394/f4_f5'));
      // ...but the sed question in message 5 is the last message and goes unanswered.
      expect(r.evidence).toHaveLength(1);
      expect(r.evidence[0]).toMatch(/^message 5 \(agent1\)/);
    });
    it('detection count within the range read by hand (15 conversations end on or ignore a question; 12-18 allows for borderline vague replies)', () => {
      expectDetectedBetween(all, unansweredQuestions, 12, 18);
    });
  });

  describe('unverifiable claims', () => {
    it('"My task is complete. I\'ve added the hash_sha256 type." names no file, line or signature', () => {
      expect(unverifiableClaims.run(byId('dottxt_ai_outlines_task/1655/f7_f10'))).toMatchObject({ detected: true, score: 2 });
    });
    it('"My changes for pattern matching in str.first and str.last are complete." (no path)', () => {
      expect(unverifiableClaims.run(byId('typst_task/6554/f7_f8')).detected).toBe(true);
    });
    it('"I have completed my changes to outlines/backends/xgrammar.py." names the file: checkable', () => {
      expect(unverifiableClaims.run(byId('dottxt_ai_outlines_task/1706/f5_f6')).detected).toBe(false);
    });
    it('plans only ("I will be modifying ...") are no claims', () => {
      expect(unverifiableClaims.run(byId('llama_index_task/17244/f2_f6')).score).toBe(0);
    });
    it('count within range: Command A often reports "I\'ve completed X" without a path (read: 14-20 such conversations)', () => {
      expectDetectedBetween(all, unverifiableClaims, 12, 22);
    });
  });

  describe('claim collision and line references', () => {
    it('both agents claim str.first/str.last (strip vs repeat parameters on the same methods)', () => {
      expect(evidenceWhenFired(workOverlapClaims, byId('typst_task/6554/f4_f9')).join('\n')).toMatch(/`first` claimed by agent2 \(message 0\) and agent1 \(message 1\)/);
    });
    it('url vs credit_card types share no symbol', () => {
      expect(workOverlapClaims.run(byId('dottxt_ai_outlines_task/1655/f6_f7')).detected).toBe(false);
    });
    it('the only line citation ("around line 2544", after the edit, never edited again) is not stale', () => {
      const r = staleLineReferences.run(byId('pillow_task/25/f1_f4'));
      expect(r).toEqual({ detected: false, score: 0, evidence: [], skipped: null });
    });
  });

  it('patch-based detectors skip every Command A record (the legacy file has no patches); the others run on all', () => {
    const counts = detectionCounts('Command A', all, HEURISTICS);
    expect(counts.overlapping_edits).toEqual({ detected: 0, skipped: 100 });
    expect(counts.broken_commitment).toEqual({ detected: 0, skipped: 100 });
    for (const name of ['repetition', 'unanswered_questions', 'unverifiable_claims', 'work_overlap_claims', 'stale_line_references']) expect(counts[name]!.skipped).toBe(0);
  });
});
