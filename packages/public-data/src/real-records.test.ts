import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '@cooperbench-repro/contracts';
import { PUBLIC_LOCAL_PATHS } from './locations.js';
import { realRecords, REAL_RUN_ARMS, type RunRecordReaders } from './real-records.js';
import { publicPath } from './resolver.js';

/** Readers that record what they were asked for and answer with their own (empty) record lists. */
function recordingReaders() {
  const calls: { legacy: unknown[][]; collect: unknown[] } = { legacy: [], collect: [] };
  const answers = { legacy: [] as RunRecord[], collected: [] as RunRecord[] };
  const readers: RunRecordReaders = {
    importLegacyFile: (...args) => (calls.legacy.push(args), { records: answers.legacy }),
    collectRecords: async (opts) => (calls.collect.push(opts), answers.collected),
  };
  return { calls, answers, readers };
}

describe('realRecords', () => {
  it('reads Command A lite through the legacy importer, with the manifest path as its display path and the real profile\'s agent framework', () => {
    const { calls, answers, readers } = recordingReaders();
    const real = realRecords(readers);
    expect(real.commandALiteResults).toBe(publicPath(PUBLIC_LOCAL_PATHS.commandALiteResults));
    expect(real.commandA()).toBe(answers.legacy);
    expect(calls.legacy).toEqual([[real.commandALiteResults, { displayPath: 'command-a-lite-results/results.json', agentFramework: 'mini_swe_agent' }]]);
  });

  it('collects the claude_code logs with the committed arm mapping once, however often it is asked', async () => {
    const { calls, answers, readers } = recordingReaders();
    const real = realRecords(readers);
    const [a, b] = await Promise.all([real.racso(), real.racso()]);
    expect(a).toBe(answers.collected);
    expect(b).toBe(answers.collected);
    expect(calls.collect).toEqual([{ logRoot: publicPath(PUBLIC_LOCAL_PATHS.racsoLogs), mappingFile: REAL_RUN_ARMS }]);
    expect(existsSync(REAL_RUN_ARMS)).toBe(true);
  });
});
