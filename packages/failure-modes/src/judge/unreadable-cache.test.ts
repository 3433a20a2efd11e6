import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JudgeCacheEntrySchema } from '@cooperbench-repro/contracts';
import { reply, startFakeCohere, type FakeCohereServer } from '../test-support/fake-cohere-server.js';
import { CohereJudge, type JudgeEvent } from './cohere-judge.js';
import type { CacheMode, Rubric } from './types.js';

/**
 * Issue 12: a cache entry that is there but unusable (truncated, empty, of the wrong type, a
 * directory, stored under another key) is handled exactly like a missing one, and named: read-write
 * asks Cohere again and overwrites it; replay-only reports a miss naming the file (which the stage
 * turns into an error unless --allow-partial) and calls nothing.
 */

const Answer = z.object({ label: z.enum(['none', 'repetition']) });
const rubric: Rubric<z.infer<typeof Answer>> = {
  id: 'unreadable-test',
  version: '1',
  system: 'Label it.',
  jsonSchema: { type: 'object', properties: { label: { type: 'string', enum: ['none', 'repetition'] } }, required: ['label'] },
  answer: Answer,
  check: () => null,
};
const TRANSCRIPT = 'agent1: I will edit core.py\nagent2: I will edit core.py';

const DAMAGE: Record<string, (file: string, valid: string) => Promise<void>> = {
  truncated: (file, valid) => writeFile(file, valid.slice(0, Math.floor(valid.length / 2))),
  empty: (file) => writeFile(file, ''),
  'wrong type': (file, valid) => writeFile(file, JSON.stringify({ ...JSON.parse(valid), response: { ...JSON.parse(valid).response, text: 42 } })),
  'not an object': (file) => writeFile(file, '[1, 2, 3]'),
  'duplicate key': (file, valid) => writeFile(file, valid.replace('"rubric_id":', '"rubric_id": "x", "rubric_id":')),
  'another key': (file, valid) => writeFile(file, JSON.stringify({ ...JSON.parse(valid), key: 'f'.repeat(64) })),
  'a directory': async (file) => {
    await rm(file);
    await mkdir(file);
  },
};
const EXPECTED_REASON: Record<string, RegExp> = {
  truncated: /expected valid JSON/,
  empty: /the file is empty/,
  'wrong type': /field response\.text: expected string/,
  'not an object': /expected object/,
  'duplicate key': /duplicate key "rubric_id"/,
  'another key': /field key: expected [0-9a-f]{64}, found f{64}/,
  'a directory': /a directory/,
};

let cacheDir: string;
let server: FakeCohereServer;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'judge-unreadable-'));
  server = await startFakeCohere({ fallback: reply({ label: 'repetition' }) });
});
afterEach(async () => {
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
});

function judge(mode: CacheMode, events: JudgeEvent[] = []): CohereJudge {
  return new CohereJudge({
    settings: { model: 'command-a-03-2025', temperature: 0, seed: 7, maxTokens: 64 },
    mode,
    cacheDir,
    requestsPerMinute: 0,
    concurrency: 1,
    timeoutSeconds: 5,
    maxRetries: 0,
    baseUrl: server.url,
    token: mode === 'replay-only' ? '' : 'test-token',
    onEvent: (e) => events.push(e),
  });
}

/** A valid entry written by a paid call, then damaged. */
async function damagedEntry(how: string): Promise<string> {
  await judge('read-write').judge(rubric, TRANSCRIPT, TRANSCRIPT);
  const file = judge('read-write').cache.pathOf(judge('read-write').cacheKey(rubric as Rubric<unknown>, TRANSCRIPT));
  await DAMAGE[how]!(file, await readFile(file, 'utf8'));
  server.requests.length = 0;
  return file;
}

describe('an unreadable judge cache entry is a missing one, named', () => {
  for (const how of Object.keys(DAMAGE)) {
    it(`${how}: replay-only reports a miss naming the file and calls nothing`, async () => {
      const file = await damagedEntry(how);
      const events: JudgeEvent[] = [];
      const j = judge('replay-only', events);
      const result = await j.judge(rubric, TRANSCRIPT, TRANSCRIPT);
      expect(result).toMatchObject({ status: 'miss', answer: null, reason: `replay-only: unreadable cache entry ${file} (treated as missing)` });
      expect(server.requests).toHaveLength(0);
      expect(j.stats()).toMatchObject({ misses: 1, unreadableEntries: 1, cacheHits: 0, calls: 0 });
      expect(j.unreadableEntries()).toEqual([{ file, reason: expect.stringMatching(EXPECTED_REASON[how]!) }]);
      expect(events).toContainEqual(expect.objectContaining({ type: 'unreadable-cache-entry', file }));
    });

    it(`${how}: read-write asks again and replaces the entry`, async () => {
      const file = await damagedEntry(how);
      const j = judge('read-write');
      expect(await j.wouldCall(rubric as Rubric<unknown>, TRANSCRIPT)).toBe(true);
      const result = await j.judge(rubric, TRANSCRIPT, TRANSCRIPT);
      expect(result).toMatchObject({ status: 'ok', answer: { label: 'repetition' }, fromCache: false });
      expect(server.requests).toHaveLength(1);
      expect(j.unreadableEntries()).toEqual([{ file, reason: expect.stringMatching(EXPECTED_REASON[how]!) }]);
      if (how === 'a directory') {
        // Nothing of the user's is deleted: the write fails and is counted, the answer is still used.
        expect(j.stats().cacheWriteErrors).toBe(1);
      } else {
        expect(JudgeCacheEntrySchema.parse(JSON.parse(await readFile(file, 'utf8'))).verdict.status).toBe('ok');
        expect(await judge('replay-only').judge(rubric, TRANSCRIPT, TRANSCRIPT)).toMatchObject({ status: 'ok', fromCache: true });
      }
    });
  }
});
