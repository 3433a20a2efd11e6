import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ArmSchema,
  DataFileError,
  PathEscapeError,
  armHasMessaging,
  readJsonFile,
  readJsonlFile,
  resolveInside,
  settingOfArm,
  upstreamFlagsOfArm,
  worstAgentStatus,
  writeJsonAtomic,
  writeJsonlAtomic,
} from './index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cb-contracts-'));

describe('paths built from data stay inside their root', () => {
  it('joins ordinary names', () => {
    expect(resolveInside('/logs', 'run', 'coop', 'x_task')).toBe('/logs/run/coop/x_task');
  });
  it.each([['..'], ['../etc'], ['a/../../b'], ['/etc/passwd'], [''], ['a\0b']])('refuses %j', (segment) => {
    expect(() => resolveInside('/logs', 'run', segment)).toThrow(PathEscapeError);
  });
});

describe('arms', () => {
  it('know their setting, messaging and upstream flags', () => {
    expect(settingOfArm('coop-nomsg')).toBe('coop');
    expect(armHasMessaging('coop-msg-git')).toBe(true);
    expect(armHasMessaging('coop-nomsg')).toBe(false);
    expect(armHasMessaging('solo')).toBe(false);
    expect(upstreamFlagsOfArm('coop-nomsg-git')).toEqual(['--setting', 'coop', '--no-messaging', '--git']);
    expect(upstreamFlagsOfArm('solo')).toEqual(['--setting', 'solo']);
  });
  it('reject names that do not start with a setting', () => {
    expect(ArmSchema.safeParse('duo').success).toBe(false);
    expect(ArmSchema.safeParse('coop-msg-structured').success).toBe(true);
  });
  it('make a custom coop arm say whether agents could message (msg or nomsg), never assume it', () => {
    expect(ArmSchema.safeParse('coop-structured').success).toBe(false);
    expect(ArmSchema.safeParse('coop-msg-nomsg').success).toBe(false);
    expect(ArmSchema.safeParse('coop-nomsg-ablation').success).toBe(true);
    expect(ArmSchema.safeParse('coop-structured').error?.issues[0]?.message).toContain('a coop arm that says msg or nomsg');
  });
  it('worst status wins', () => {
    expect(worstAgentStatus(['Submitted', 'LimitsExceeded'])).toBe('LimitsExceeded');
    expect(worstAgentStatus(['LimitsExceeded', 'Error'])).toBe('Error');
    expect(worstAgentStatus([])).toBe('Submitted');
  });
});

describe('validated reads name the file, the field and the expectation', () => {
  const Schema = z.object({ run: z.string(), agents: z.array(z.object({ cost: z.number() })) });
  it('for a wrong type deep in the document', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ run: 'r', agents: [{ cost: 1 }, { cost: 'free' }] }));
    const err = await readJsonFile(join(dir, 'a.json'), Schema).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFileError);
    expect((err as DataFileError).issues[0]).toMatchObject({ field: 'agents[1].cost', expected: 'number' });
    expect((err as Error).message).toContain(`${join(dir, 'a.json')}: field agents[1].cost: expected number`);
  });
  it('for invalid JSON, an empty file and a missing file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.json'), '{"run": ');
    writeFileSync(join(dir, 'empty.json'), '');
    await expect(readJsonFile(join(dir, 'bad.json'), Schema)).rejects.toThrow(/bad\.json: expected valid JSON/);
    await expect(readJsonFile(join(dir, 'empty.json'), Schema)).rejects.toThrow(/the file is empty/);
    await expect(readJsonFile(join(dir, 'none.json'), Schema)).rejects.toThrow(/none\.json: expected a readable file/);
  });
  it('for JSON Lines, by line number', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.jsonl'), '{"run":"a","agents":[]}\n{"run":3,"agents":[]}\n');
    await expect(readJsonlFile(join(dir, 'x.jsonl'), Schema)).rejects.toThrow(/field line 2: run: expected string/);
  });
});

describe('atomic writes', () => {
  it('leave no temp files and validate records before writing', async () => {
    const dir = tmp();
    await writeJsonAtomic(join(dir, 'a.json'), { b: 1 });
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{\n  "b": 1\n}\n');
    const Schema = z.object({ id: z.string() });
    await writeJsonlAtomic(join(dir, 'r.jsonl'), Schema, [{ id: 'a' }, { id: 'b' }]);
    expect(readFileSync(join(dir, 'r.jsonl'), 'utf8')).toBe('{"id":"a"}\n{"id":"b"}\n');
    await expect(writeJsonlAtomic(join(dir, 'r.jsonl'), Schema, [{ id: 'a' }, { id: 2 }])).rejects.toThrow(/record 1.*field id: expected string/);
    // The failed write left the previous file intact.
    expect(readFileSync(join(dir, 'r.jsonl'), 'utf8')).toBe('{"id":"a"}\n{"id":"b"}\n');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'r.jsonl']);
  });
});
