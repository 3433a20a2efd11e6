import { describe, expect, it } from 'vitest';
import { cleanModelName } from './index.js';

// Merged from the runner's run-name tests and the stand-in's run-name tests. Where the two former
// copies disagreed (suffix case, length, empty result), the runner's behaviour is the one kept.
describe('cleanModelName (upstream clean_model_name, one copy for runner and test doubles)', () => {
  it('takes the last path segment, drops -preview/-latest/-turbo and folds the rest to lower-case dashes', () => {
    expect(cleanModelName('vertex_ai/gemini-3-flash-preview')).toBe('gemini-3-flash');
    expect(cleanModelName('openai/gpt-4-turbo')).toBe('gpt-4');
    expect(cleanModelName('anthropic/claude-latest')).toBe('claude');
    expect(cleanModelName('synthetic/demo-model-a')).toBe('demo-model-a');
    expect(cleanModelName('m/a')).toBe('a');
    expect(cleanModelName('together_ai/Qwen/Qwen3_Coder 480B')).toBe('qwen3-coder-480b');
    expect(cleanModelName("it's/a/model-preview")).toBe('model');
    expect(cleanModelName('my model; rm -rf /')).toBe('model'); // the last segment is empty
    expect(cleanModelName('model "quoted"')).toBe('model-quoted');
  });

  it('keeps the runner behaviour where the stand-in copy differed', () => {
    // The suffix is dropped in any case (the stand-in copy only dropped lower case).
    expect(cleanModelName('vertex_ai/Gemini-3-Flash-PREVIEW')).toBe('gemini-3-flash');
    // At most 40 characters (the stand-in copy did not cut).
    expect(cleanModelName(`p/${'x'.repeat(60)}`)).toBe('x'.repeat(40));
    // Never empty: a directory name needs something (the stand-in copy returned '').
    expect(cleanModelName('vendor/')).toBe('model');
    expect(cleanModelName('---')).toBe('model');
  });

  it('always gives a safe path segment', () => {
    for (const m of ['a/b/../../etc', '..', '.hidden-preview', 'x/ y ', 'ünïcödé/模型']) {
      expect(cleanModelName(m)).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    }
  });
});
