import { describe, expect, it } from 'vitest';
import { estimateJudgeCost } from './dry-run.js';

describe('estimateJudgeCost', () => {
  it('counts one call per request, ceil(chars/4) input tokens and maxTokens of output each', () => {
    const estimate = estimateJudgeCost(
      [
        { system: 'abcd', user: 'efghi' }, // 9 chars -> 3
        { system: '', user: 'x'.repeat(400) }, // 100
      ],
      { model: 'command-a-03-2025', temperature: 0, seed: 1, maxTokens: 512 },
    );
    expect(estimate).toMatchObject({ model: 'command-a-03-2025', calls: 2, approxInputTokens: 103, maxOutputTokens: 1024 });
  });
  it('is zero for no requests', () => {
    expect(estimateJudgeCost([], { model: 'm', temperature: 0, seed: 1, maxTokens: 9 })).toMatchObject({ calls: 0, approxInputTokens: 0, maxOutputTokens: 0 });
  });
});
