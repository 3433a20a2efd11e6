import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataFileError, RunnerReportSchema, readRunnerReport, writeRunnerReport } from './index.js';

const DEMO_REPORT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../data/runner/demo.json');

describe('runner report schema (data/runner/<experiment>.json)', () => {
  it('parses the committed demo report, and writes and reads it back unchanged', async () => {
    const text = readFileSync(DEMO_REPORT, 'utf8');
    const demo = RunnerReportSchema.parse(JSON.parse(text));
    expect(demo.experiment).toBe('demo');
    expect(demo.invocations.length).toBeGreaterThan(0);
    expect(demo.total_cost_usd).toBeCloseTo(demo.invocations.reduce((n, i) => n + i.cost_usd, 0), 6);

    const file = join(mkdtempSync(join(tmpdir(), 'cb-runner-report-')), 'demo.json');
    await writeRunnerReport(file, demo);
    const back = await readRunnerReport(file);
    expect(back).toEqual(demo);
    // Nothing added, dropped or reordered: the written file is the committed one, byte for byte.
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuses to write a report that its readers would reject, naming the field', async () => {
    const demo = RunnerReportSchema.parse(JSON.parse(readFileSync(DEMO_REPORT, 'utf8')));
    const file = join(mkdtempSync(join(tmpdir(), 'cb-runner-report-')), 'bad.json');
    const bad = { ...demo, invocations: [{ ...demo.invocations[0]!, state: 'finished' }] };
    await expect(writeRunnerReport(file, bad as never)).rejects.toThrow(DataFileError);
    await expect(writeRunnerReport(file, bad as never)).rejects.toThrow(/field invocations\[0\]\.state/);
    const extra = { ...demo, surprise: 1 };
    await expect(writeRunnerReport(file, extra as never)).rejects.toThrow(/surprise/);
  });
});
