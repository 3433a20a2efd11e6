import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_ENTRY_SCHEMA_ID, ResponseCache, type CacheEntry } from './response-cache.js';

const key = 'ab'.padEnd(64, '0');
const entry: CacheEntry = {
  schema: CACHE_ENTRY_SCHEMA_ID,
  key,
  rubric_id: 'r',
  rubric_version: '1',
  preimage: { model: 'command-a-03-2025', user: 'transcript' },
  response: { id: 'resp-1', text: '{"a":1}', finish_reason: 'COMPLETE', usage: { input_tokens: 10, output_tokens: 2 } },
  answer: { a: 1 },
  verdict: { status: 'ok', reason: null },
  created_at: '2026-01-01T00:00:00.000Z',
  sdk_version: '8.1.0',
};

describe('ResponseCache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'judge-cache-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores one file per key under <first 2 hex>/<key>.json and reads it back', async () => {
    const cache = new ResponseCache(dir);
    expect(await cache.read(key)).toBeNull();
    await cache.write(entry);
    expect(cache.pathOf(key)).toBe(join(dir, 'ab', `${key}.json`));
    expect(JSON.parse(await readFile(cache.pathOf(key), 'utf8'))).toEqual(entry);
    expect(await cache.read(key)).toEqual(entry);
  });

  it('names the file and field of an invalid entry, and refuses an entry stored under another key', async () => {
    const cache = new ResponseCache(dir);
    await mkdir(join(dir, 'ab'), { recursive: true });
    await writeFile(cache.pathOf(key), JSON.stringify({ ...entry, response: { ...entry.response, text: 3 } }));
    await expect(cache.read(key)).rejects.toThrow(/ab0+\.json: .*field response\.text/);
    await writeFile(cache.pathOf(key), '{ not json');
    await expect(cache.read(key)).rejects.toThrow(/expected valid JSON/);
    await writeFile(cache.pathOf(key), JSON.stringify({ ...entry, key: 'cd'.padEnd(64, '0') }));
    await expect(cache.read(key)).rejects.toThrow(/field key: expected ab0+/);
  });
});
