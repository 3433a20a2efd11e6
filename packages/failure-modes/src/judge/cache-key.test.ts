import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cacheKeyOf, canonicalJson, judgeKeyPreimage } from './cache-key.js';
import type { JudgeSettings, Rubric } from './types.js';

const rubric: Rubric<unknown> = {
  id: 'r',
  version: '1',
  system: 'Answer in JSON.',
  jsonSchema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
  answer: z.unknown(),
  check: () => null,
};
const settings: JudgeSettings = { model: 'command-a-03-2025', temperature: 0, seed: 7, maxTokens: 512 };
const keyOf = (r: Rubric<unknown>, user: string, s: JudgeSettings) => cacheKeyOf(judgeKeyPreimage(r, user, s));

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined members and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: undefined, b: 'x' } })).toBe('{"a":{"b":"x","d":[3,1]},"b":1}');
    expect(canonicalJson({ a: { b: 'x', d: [3, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [3, 1], b: 'x' } }));
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ t: Number.NaN })).toThrow(/finite/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/JSON value/);
  });
});

describe('cache key', () => {
  const base = keyOf(rubric, 'transcript', settings);

  it('is a sha256 hex that does not depend on key order in the schema', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const reordered = { ...rubric, jsonSchema: { required: ['a'], properties: { a: { type: 'string' } }, type: 'object' } };
    expect(keyOf(reordered, 'transcript', settings)).toBe(base);
  });

  it('changes with every input that can change the answer', () => {
    const variants = [
      keyOf(rubric, 'transcript 2', settings),
      keyOf({ ...rubric, version: '2' }, 'transcript', settings),
      keyOf({ ...rubric, id: 'other' }, 'transcript', settings),
      keyOf({ ...rubric, system: 'Answer in JSON!' }, 'transcript', settings),
      keyOf({ ...rubric, jsonSchema: { type: 'object', properties: {}, required: ['b'] } }, 'transcript', settings),
      keyOf(rubric, 'transcript', { ...settings, model: 'command-r' }),
      keyOf(rubric, 'transcript', { ...settings, temperature: 0.3 }),
      keyOf(rubric, 'transcript', { ...settings, seed: 8 }),
      keyOf(rubric, 'transcript', { ...settings, maxTokens: 1024 }),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });
});
