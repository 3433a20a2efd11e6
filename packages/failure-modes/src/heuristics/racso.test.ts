import { beforeAll, describe, expect, it } from 'vitest';
import { detectionCounts, evidenceWhenFired, expectDetectedBetween, transcriptById } from '../test-support/detections.js';
import { racsoConversations } from '../test-support/real-data.js';
import type { Transcript } from '../transcript.js';
import { brokenCommitment } from './broken-commitment.js';
import { HEURISTICS } from './index.js';
import { overlappingEdits } from './overlapping-edits.js';
import { repetition } from './repetition.js';
import { staleLineReferences } from './stale-line-references.js';
import { unansweredQuestions } from './unanswered-questions.js';
import { unverifiableClaims } from './unverifiable-claims.js';

/**
 * The real claude_code coop runs (conversations WITH patches). Expectations come from reading the
 * conversations and the patches' hunks; quotes in the comments are from the messages.
 */
describe('heuristics on the real claude_code runs', () => {
  let all: Transcript[];
  const byId = (id: string) => transcriptById(all, id);
  beforeAll(async () => {
    all = await racsoConversations();
  }, 120_000);

  describe('broken commitment', () => {
    it('agent1 announces "implementing on_exit callback param for make_context" and submits an empty patch', () => {
      expect(evidenceWhenFired(brokenCommitment, byId('flash_msg_1/coop/pallets_click_task/2800/f2_f7')).join('\n')).toMatch(/message 0 \(agent1\) promised `on_exit`, absent from its patch \(feature 2\)/);
    });
    it('"Will add _get_lock_filename/_create_lock_file/_remove_lock_file methods": all three are in agent1\'s patch', () => {
      expect(brokenCommitment.run(byId('flash_msg_1/coop/pallets_click_task/2068/f5_f11')).detected).toBe(false);
    });
    it('Claude keeps its promises: at most 3 of the conversations have a promised symbol missing', () => {
      expectDetectedBetween(all, brokenCommitment, 1, 3);
    });
  });

  describe('overlapping edits', () => {
    it('agent1 "merged your on_resolve param into resolve_audio": both patches add on_resolve (duplicated work)', () => {
      expect(evidenceWhenFired(overlappingEdits, byId('flash_msg_1/coop/llama_index_task/18813/f2_f5'))[0]).toMatch(/^`on_resolve` claimed by agent2 \(message 1\) and agent1 \(message 3\) and added by both patches$/);
    });
    it('agent1 layered the partner\'s strip param into its own str.first/str.last (typst 6554 f4_f9)', () => {
      expect(overlappingEdits.run(byId('flash_msg_1/coop/typst_task/6554/f4_f9')).evidence[0]).toMatch(/^`strip` claimed/);
    });
    it('compress vs return_positions in the same encode(): hunks overlap but nothing is implemented twice', () => {
      const r = overlappingEdits.run(byId('flash_msg_1/coop/openai_tiktoken_task/0/f2_f9'));
      expect(r.score).toBeGreaterThan(0);
      expect(r.evidence[0]).toMatch(/^tiktoken\/core\.py base lines 82-/);
      expect(r.detected).toBe(false);
    });
    it('overlap is the design (most pairs overlap), duplicated work is rare', () => {
      const results = all.map((t) => overlappingEdits.run(t));
      const overlapping = results.filter((r) => (r.score ?? 0) > 0).length;
      const detected = results.filter((r) => r.detected).length;
      expect(overlapping).toBeGreaterThan(all.length / 2);
      expect(detected).toBeGreaterThanOrEqual(2);
      expect(detected).toBeLessThanOrEqual(8);
    });
  });

  describe('unanswered questions', () => {
    it('"Did your edit make it to disk?" (message 5): agent1 never writes again', () => {
      const r = unansweredQuestions.run(byId('flash_msg_2/coop/pallets_jinja_task/1621/f1_f6'));
      expect(r.evidence).toEqual(['message 5 (agent2) unanswered: "Did your edit make it to disk?"']);
    });
    it('"Can you re-apply count on top of my strip changes now?" goes unanswered', () => {
      expect(unansweredQuestions.run(byId('flash_msg_2/coop/typst_task/6554/f5_f9')).evidence.join('\n')).toMatch(/^message 4 \(agent2\)/);
    });
    it('"Let me know where you\'re adding url" is answered by "I added url right after isbn too"', () => {
      expect(unansweredQuestions.run(byId('flash_msg_1/coop/dottxt_ai_outlines_task/1655/f6_f7')).detected).toBe(false);
    });
  });

  describe('line references', () => {
    it('"require_decoding function (lines ~1181-1210)" lies inside agent1\'s hunk 1178-1211: not stale', () => {
      expect(staleLineReferences.run(byId('flash_msg_1/coop/huggingface_datasets_task/3997/f2_f4')).detected).toBe(false);
    });
    it('"parse() ~L354-370, ~L461, _make_node() ~L516-548" all fall in agent1\'s hunks', () => {
      expect(staleLineReferences.run(byId('flash_msg_1/coop/pallets_jinja_task/1559/f1_f8')).detected).toBe(false);
    });
    it('the same citation becomes stale when the sender\'s patch is moved 500 lines away', () => {
      const t = byId('flash_msg_1/coop/huggingface_datasets_task/3997/f2_f4');
      const moved: Transcript = {
        ...t,
        patches: t.patches.map((p) => ({ ...p, files: p.files.map((f) => ({ ...f, hunks: f.hunks.map((h) => ({ ...h, old_start: h.old_start + 500, new_start: h.new_start + 500 })) })) })),
      };
      expect(evidenceWhenFired(staleLineReferences, moved)[0]).toMatch(/^message 2 \(agent1\) cites .*lines ~1181-1210; outside its final patch$/);
    });
  });

  describe('claims and repetition', () => {
    it('"done. Added validate_grammar param to ... patch.txt written." names methods but no file, line or signature', () => {
      const r = unverifiableClaims.run(byId('flash_msg_1/coop/dottxt_ai_outlines_task/1706/f4_f6'));
      expect(r.evidence.join('\n')).toMatch(/message 2 \(agent2\)/);
    });
    it('"I only modified the require_decoding function (lines ~1181-1210)" is checkable', () => {
      expect(unverifiableClaims.run(byId('flash_msg_1/coop/huggingface_datasets_task/3997/f2_f4')).detected).toBe(false);
    });
    it('Claude never re-sends a message: no two messages of one agent share half their trigrams', () => {
      for (const t of all) expect(repetition.run(t).score ?? 0, t.record_id).toBeLessThan(0.5);
    });
  });

  it('every detector runs on every conversation (patch texts are present); counts printed', () => {
    const counts = detectionCounts('claude_code', all, HEURISTICS);
    for (const h of HEURISTICS) expect(counts[h.name]!.skipped, h.name).toBe(0);
    expect(counts.repetition!.detected).toBe(0);
    expect(counts.unanswered_questions!.detected).toBeGreaterThanOrEqual(5);
    expect(counts.unanswered_questions!.detected).toBeLessThanOrEqual(10);
  });
});
