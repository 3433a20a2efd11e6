import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataFileError, JudgeCacheEntrySchema, readJsonFile, validate, writeJsonAtomic } from './index.js';

const FIXTURE = resolve(fileURLToPath(new URL('.', import.meta.url)), 'fixtures/judge-cache-entry.json');

describe('judge cache entry schema (data/judge-cache/<2 hex>/<key>.json)', () => {
  it('reads the fixture entry, and writes and reads it back byte for byte', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const entry = await readJsonFile(FIXTURE, JudgeCacheEntrySchema);
    expect(entry.verdict).toEqual({ status: 'ok', reason: null });
    const file = join(mkdtempSync(join(tmpdir(), 'cb-judge-entry-')), `${entry.key}.json`);
    await writeJsonAtomic(file, validate(file, JudgeCacheEntrySchema, entry));
    expect(await readJsonFile(file, JudgeCacheEntrySchema)).toEqual(entry);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('names the field of a damaged entry', () => {
    const entry = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const bad = (over: object) => () => validate('e.json', JudgeCacheEntrySchema, { ...entry, ...over });
    expect(bad({ response: { ...entry.response, text: 3 } })).toThrow(/field response\.text: expected string/);
    expect(bad({ key: 'ABC' })).toThrow(/field key/);
    expect(bad({ verdict: { status: 'maybe', reason: null } })).toThrow(/field verdict\.status: expected one of "ok", "rejected"/);
    expect(bad({ schema: 'cooperbench-repro/judge-cache-entry@0' })).toThrow(DataFileError);
  });
});
