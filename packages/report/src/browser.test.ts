import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conversationOrder, type FailureModesFile, type OutcomesFile, type RunRecord } from '@cooperbench-repro/contracts';
import { PER_REPOSITORY_ARMS } from '@cooperbench-repro/figures';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserMissingError, chromiumPath, CHROMIUM_ENV, goTo, launchChromium, openReport, type PageLog } from './browser.js';
import { replicateStore } from './large-store.js';
import type { Selection } from './selection.js';
import { DEMO, requireDemo } from './test-support/demo.js';
import { MARK_TARGETS_JS, type MarkTarget } from './test-support/mark-targets.js';
import { reportSession } from './test-support/report-session.js';
import { withXssRecord, XSS_TEXTS } from './test-support/xss.js';

/** The browser tests: headless Chromium (Debian's package or CHROMIUM_PATH) on the reports from disk. */

const browserProblem = (() => {
  try {
    chromiumPath();
    return null;
  } catch (err) {
    if (err instanceof BrowserMissingError) return err.message;
    throw err;
  }
})();

const readStore = (): RunRecord[] => readFileSync(DEMO.store, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RunRecord);
/** The runs table's count (records + planned pairs never run) for a selection, opened by its URL. */
async function countOf(page: Page, key: string): Promise<number> {
  await goTo(page, `#runs?sel=${key}`);
  return page.$eval('#run-count', (e) => Number((e as HTMLElement).dataset['total']));
}

describe('chromiumPath', () => {
  it(`names ${CHROMIUM_ENV} and the Debian package when there is no browser`, () => {
    expect(() => chromiumPath({ [CHROMIUM_ENV]: '/nonexistent/chromium' })).toThrow(/CHROMIUM_PATH.*|apt-get install -y chromium/);
    expect(() => chromiumPath({ [CHROMIUM_ENV]: '/nonexistent/chromium' })).toThrow(/apt-get install -y chromium[\s\S]*CHROMIUM_PATH/);
  });
});

if (browserProblem) {
  describe('the report in a browser', () => {
    it('needs Chromium', () => {
      throw new Error(browserProblem);
    });
  });
} else {
  describe('the demo report in headless Chromium', () => {
    let browser: Browser;
    let page: Page;
    let log: PageLog;
    beforeAll(async () => {
      requireDemo();
      browser = await launchChromium();
      ({ page, log } = await openReport(browser, join(DEMO.report, 'index.html'), '#overview'));
      await page.waitForFunction("document.getElementById('view-overview').dataset.figuresDone === 'true'", undefined, { timeout: 180_000 });
    });
    afterAll(async () => browser?.close());

    it('draws every figure and table', async () => {
      const figures = await page.$$eval('.figure', (els) => els.map((e) => [(e as HTMLElement).dataset['figure'], (e as HTMLElement).dataset['rendered'], e.querySelectorAll('svg .mark-rect path, svg .mark-symbol path, svg .mark-line path').length]));
      expect(figures.map((f) => f[0])).toEqual(['fig4', 'fig4-per-model', 'fig5', 'fig6', 'per-repository', 'published-comparison']);
      for (const [name, rendered, marks] of figures) expect({ name, rendered, some: (marks as number) > 0 }).toEqual({ name, rendered: 'true', some: true });
      expect(await page.$$eval('section.table table', (t) => t.length)).toBeGreaterThanOrEqual(3);
      const tables = await page.$$eval('section.table', (els) => els.map((e) => [e.id, e.querySelectorAll('tbody tr').length]));
      for (const name of ['table5', 'merge-ladder', 'per-repository', 'published-comparison']) expect(tables.find((t) => t[0] === `table-${name}`)?.[1] ?? 0, name).toBeGreaterThan(0);
    });

    it('opens every per-repository point with the outcomes stage row total as its count', async () => {
      const outcomes = JSON.parse(readFileSync(DEMO.outcomes, 'utf8')) as OutcomesFile;
      const sels = (await page.evaluate("window.CBR.meta.selections.filter((s) => s.figure === 'per-repository')")) as Selection[];
      const points = outcomes.repositories.filter((r) => PER_REPOSITORY_ARMS.includes(r.arm) && r.total > 0);
      expect(sels.length).toBe(points.length); // every drawn point opens runs
      const bad: string[] = [];
      for (const sel of sels) {
        const row = points.find((r) => r.model === sel.filter.model && r.arm === sel.filter.arm && r.repo === sel.filter.repo)!;
        const total = await countOf(page, sel.key);
        if (total !== row.total || sel.n !== row.total) bad.push(`${sel.label}: runs table ${total}, selection n ${sel.n}, outcomes.json total ${row.total}`);
      }
      await goTo(page, '#overview');
      expect(bad).toEqual([]);
    }, 300_000);

    it('opens the Figure 6 heuristic bars with the failure-modes stage count as their count', async () => {
      const fm = JSON.parse(readFileSync(DEMO.failureModes, 'utf8')) as FailureModesFile;
      const sels = (await page.evaluate("window.CBR.meta.selections.filter((s) => s.figure === 'fig6')")) as Selection[];
      const expected = fm.fig6.flatMap((m) => m.groups.flatMap((g) => (g.heuristic && g.heuristic.total > 0 ? [{ model: m.model, n: g.heuristic.successes }] : [])));
      expect(sels.length).toBe(expected.length);
      for (const sel of sels) {
        expect(sel.filter.flag).toMatch(/^heuristic:/);
        expect(await countOf(page, sel.key)).toBe(sel.n);
        expect(expected.filter((e) => e.model === sel.filter.model).map((e) => e.n)).toContain(sel.n);
      }
      await goTo(page, '#overview');
    }, 120_000);

    it('a click on each bar or point opens the runs table with as many runs as the n in its tooltip', async () => {
      const targets = (await page.evaluate(MARK_TARGETS_JS)) as MarkTarget[];
      const nOf = new Map(targets.map((t) => [t.key, t.n]));
      expect(targets.length).toBeGreaterThan(20);
      const bad: string[] = [];
      const missed: string[] = [];
      for (const t of targets) {
        const scrollY = Number(await page.evaluate(`window.scrollTo(0, ${Math.max(0, t.y - 300)}); document.body.dataset.ready = 'false'; window.scrollY`));
        await page.mouse.click(t.x, t.y - scrollY);
        const opened = await page
          .waitForFunction("document.body.dataset.ready === 'true' && location.hash.startsWith('#runs')", undefined, { timeout: 8_000 })
          .then(() => true, () => false);
        if (!opened) {
          missed.push(`${t.figure} ${t.key}`); // a 2-3 px bar or a mark under a label: no click landed on it
          await page.evaluate("document.body.dataset.ready = 'true'");
          continue;
        }
        const got = await page.$eval('#run-count', (e) => ({ total: Number((e as HTMLElement).dataset['total']), hash: location.hash }));
        const key = /sel=(s\d+)/.exec(got.hash)?.[1] ?? '';
        // A neighbour's mark may take the click: its count must then match its own tooltip n.
        if (got.total !== nOf.get(key)) bad.push(`${t.figure} ${key}: the runs table lists ${got.total}, the tooltip says n = ${nOf.get(key)}`);
        await goTo(page, '#overview');
      }
      expect(bad).toEqual([]);
      expect(missed.length, `clicks that opened nothing: ${missed.join(', ')}`).toBeLessThanOrEqual(Math.floor(targets.length / 10));
    }, 900_000); // some 50 real clicks, each a page change and back

    it('made no request but file: and data:, and logged no error', () => {
      expect(log.foreignRequests).toEqual([]);
      expect(log.errors).toEqual([]);
    });

    it('shows a conversation in conversation order, each message with its speech act', async () => {
      const store = readStore();
      const i = store.findIndex((r) => r.messages.length >= 3);
      await goTo(page, `#pair/${i}`);
      const shown = await page.$$eval('#messages li.msg', (els) => els.map((e) => ({ text: e.querySelector('pre')!.textContent, act: e.querySelector('.act')!.textContent })));
      const r = store[i]!;
      expect(shown.map((m) => m.text)).toEqual(conversationOrder(r.messages).order.map((k) => r.messages[k]!.text));
      for (const m of shown) expect(['Plan', 'Question', 'Answer', 'Update', 'Ack', 'Other']).toContain(m.act);
      expect(await page.$eval('#sources', (t) => t.querySelectorAll('tbody tr').length)).toBe(r.sources.files.length);
    });
  });

  describe('untrusted text', () => {
    const session = reportSession('report-xss-');

    it('renders <img onerror> and <script> in messages and file names as text, and runs nothing', async () => {
      const { records, index } = withXssRecord(readStore());
      await session.build(records);
      const { page, log } = await session.open(`#pair/${index}`);
      // Rendered, not slept on: with no <img> or <script> element in the page (asserted below), no injected handler can ever fire.
      await page.waitForFunction((n) => document.querySelectorAll('#messages pre').length === n, XSS_TEXTS.length);
      const texts = await page.$$eval('#messages pre', (els) => els.map((e) => e.textContent));
      expect(texts).toEqual(XSS_TEXTS);
      expect(await page.$$eval('#messages img, #messages script, #messages b, main img', (els) => els.length)).toBe(0);
      expect(await page.evaluate('[window.__xss, document.title]')).toEqual([undefined, 'cooperbench-repro report']);
      expect(await page.textContent('main')).toContain('<img src=y onerror=');
      expect(log.errors).toEqual([]);
    });
  });

  describe('a 30,000-record store', () => {
    const session = reportSession('report-30k-');

    it('loads the index and pages through the runs table (records in chunks)', async () => {
      const built = await session.build(replicateStore(readStore(), 30_000));
      expect(built.records).toBe(30_000);
      const t0 = performance.now();
      const { page, log } = await session.open('#runs');
      const ms = performance.now() - t0;
      process.stdout.write(`30,000-record report: index loaded and runs table drawn in ${ms.toFixed(0)} ms\n`);
      expect(await page.$eval('#run-count', (e) => (e as HTMLElement).dataset['count'])).toBe('30000');
      expect(await page.$$eval('#runs-table tbody tr', (r) => r.length)).toBe(50);
      await goTo(page, '#runs?outcome=pass&sort=cost&dir=desc&page=3');
      const costs = await page.$$eval('#runs-table tbody tr td.num', (t) => t.length);
      expect(costs).toBeGreaterThan(0);
      await goTo(page, '#pair/29999');
      expect(await page.textContent('#pair-title')).toBeTruthy();
      expect(log.errors).toEqual([]);
      expect(log.foreignRequests).toEqual([]);
    }, 900_000); // building 30,000 pair details takes a minute or more on a loaded 2-core machine
  });
}
