import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord } from '@cooperbench-repro/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, openReport } from '../browser.js';
import { buildReport } from '../build-report.js';
import { DEMO, requireDemo } from './demo.js';

/** The demo's stage outputs, the inputs of a report built from another store. */
const DEMO_INPUTS = { difficulty: DEMO.difficulty, communication: DEMO.communication, failureModes: DEMO.failureModes, outcomes: DEMO.outcomes, comparison: DEMO.comparison };

export interface ReportSession {
  /** Writes `records` as the store in the session's folder and builds a report from it and the demo's stage outputs. */
  build(records: RunRecord[]): ReturnType<typeof buildReport>;
  /** Opens the built report's index.html at `hash` in the session's Chromium. */
  open(hash: string): ReturnType<typeof openReport>;
}

/**
 * For the describe block it is called in: before its tests the demo outputs must exist, Chromium is
 * launched and a fresh temp folder (named from `prefix`) is made; after them both are closed and removed.
 */
export function reportSession(prefix: string): ReportSession {
  let browser: Browser | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    requireDemo();
    dir = mkdtempSync(join(tmpdir(), prefix));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const inDir = (...parts: string[]) => {
    if (!dir) throw new Error('reportSession: used outside its describe block (no folder yet)');
    return join(dir, ...parts);
  };
  return {
    build(records) {
      writeFileSync(inDir('results.jsonl'), `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
      return buildReport({ store: inDir('results.jsonl'), ...DEMO_INPUTS, out: inDir('report') });
    },
    open(hash) {
      if (!browser) throw new Error('reportSession: used outside its describe block (no browser yet)');
      return openReport(browser, inDir('report', 'index.html'), hash);
    },
  };
}
