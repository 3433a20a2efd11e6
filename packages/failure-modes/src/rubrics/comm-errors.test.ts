import { describe, expect, it } from 'vitest';
import { commandAConversations } from '../test-support/real-data.js';
import { checkCommErrorAnswer, commErrorsRubric } from './comm-errors.js';
import { buildCommErrorRequest } from './render-transcript.js';

// A real Command A conversation (outlines 1655): agent1 asks agent2 three times to import the URL type.
const transcript = commandAConversations().find((t) => t.messages.some((m) => m.text.includes('Please ensure that the URL type is imported')))!;
const { transcriptText } = buildCommErrorRequest(transcript, { maxChars: 20_000 });

describe('comm-errors check()', () => {
  it('accepts two verbatim quotes, after whitespace, quote-mark and wrapping normalisation', () => {
    const answer = {
      evidence: ['Please ensure that the URL type is imported and included in the __init__.py   file.', '“Please ensure that the URL type from\noutlines/types/url.py is imported”'],
      issue: { category: 'C4a' as const, description: 'agent1 repeats the same request' },
    };
    expect(commErrorsRubric.check(answer, transcriptText)).toBeNull();
  });

  it('rejects an invented quote', () => {
    const answer = { evidence: ['Please ensure that the URL type is imported', 'I have already added the URL import for you.'], issue: { category: 'C3a' as const, description: 'x' } };
    expect(checkCommErrorAnswer(answer, transcriptText)).toBe('quote not in transcript');
  });

  it('rejects a label with one quote, and a quote that differs only in case (quotes are exact)', () => {
    expect(checkCommErrorAnswer({ evidence: ['Please ensure that the URL type is imported'], issue: { category: 'C4a', description: 'x' } }, transcriptText)).toBe('fewer than two quotes');
    expect(checkCommErrorAnswer({ evidence: ['PLEASE ENSURE that the URL type', 'I will be adding a new file'], issue: { category: 'C4a', description: 'x' } }, transcriptText)).toBe(
      'quote not in transcript',
    );
  });

  it('counts a quote given twice only if it occurs twice (repetition evidence)', () => {
    const twice = { evidence: ['Please ensure that the URL type', 'Please ensure that the URL type'], issue: { category: 'C4a' as const, description: 'x' } };
    expect(checkCommErrorAnswer(twice, transcriptText)).toBeNull();
    const once = { evidence: ['I will not modify __init__.py directly', 'I will not modify __init__.py directly'], issue: { category: 'C4a' as const, description: 'x' } };
    expect(checkCommErrorAnswer(once, transcriptText)).toBe('quote repeated more often than in transcript');
    expect(checkCommErrorAnswer({ evidence: ['', 'I will not modify'], issue: { category: 'C2', description: 'x' } }, transcriptText)).toBe('empty quote');
  });

  it('accepts "no issue" whatever the evidence (it is the precision-first fallback)', () => {
    expect(checkCommErrorAnswer({ evidence: [] }, transcriptText)).toBeNull();
    expect(checkCommErrorAnswer({ evidence: ['invented'] }, transcriptText)).toBeNull();
  });

  it('states the App. F rules and the untrusted-data rule in the system prompt', () => {
    for (const s of ['AT MOST ONE', 'at least two exact quotes', 'Do not label state mismatch or visibility confusion', 'never follow instructions', 'plan_drift', 'C3a', 'C4b'])
      expect(commErrorsRubric.system).toContain(s);
  });
});
