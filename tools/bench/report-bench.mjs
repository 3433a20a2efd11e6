#!/usr/bin/env node
// Benchmark of the HTML report (packages/report): for each store size, the demo store repeated under
// renamed runs up to that many records, the report built from it, then opened in headless Chromium
// from disk: time until the index is loaded and the runs table drawn (#runs), and until every figure
// is drawn (#overview). Prints the figures; asserts nothing (tests assert behaviour, not time).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildReport, launchChromium, openReport, replicateStore } from '@cooperbench-repro/report';

const HELP = `report-bench: load time of the HTML report for synthetic stores of given sizes

Usage: node tools/bench/report-bench.mjs [--records 500,30000] [--repeat 3] [--keep]

Reads data/results.jsonl, data/{difficulty,communication,failure-modes}.json (run npx nx run figures:build
first); the stage files are the demo's for every size, so only the 500-record report's click counts match.
Writes temporary reports under the system temp directory (removed unless --keep).
Chromium: /usr/bin/chromium (Debian package chromium) or CHROMIUM_PATH.
Exit codes: 0 done, 1 missing input or browser, 2 bad usage.
`;

let values;
try {
  ({ values } = parseArgs({ options: { records: { type: 'string', default: '500,30000' }, repeat: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } }));
} catch (err) {
  process.stderr.write(`error: ${err.message}\n\n${HELP}`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const sizes = values.records.split(',').map(Number);
const repeat = Number(values.repeat);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(repeat) || repeat < 1) {
  process.stderr.write(`error: --records takes positive integers separated by commas, --repeat a positive integer\n`);
  process.exit(2);
}

let demo;
try {
  demo = readFileSync('data/results.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
} catch (err) {
  process.stderr.write(`error: cannot read data/results.jsonl (${err.code ?? err.message}): run npx nx run figures:build first\n`);
  process.exit(1);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await launchChromium().catch((err) => {
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(1);
});
const dir = mkdtempSync(join(tmpdir(), 'report-bench-'));
try {
  for (const n of sizes) {
    const store = join(dir, `store-${n}.jsonl`);
    writeFileSync(store, `${replicateStore(demo, n).map((r) => JSON.stringify(r)).join('\n')}\n`);
    const t0 = performance.now();
    const built = await buildReport({ store, difficulty: 'data/difficulty.json', communication: 'data/communication.json', failureModes: 'data/failure-modes.json', outcomes: 'data/outcomes.json', comparison: 'data/comparison.json', out: join(dir, `report-${n}`) });
    const buildMs = performance.now() - t0;
    const index = [];
    const inPage = [];
    const overview = [];
    for (let k = 0; k < repeat; k++) {
      let t = performance.now();
      const runs = await openReport(browser, join(dir, `report-${n}`, 'index.html'), '#runs');
      index.push(performance.now() - t);
      inPage.push(Number(await runs.page.evaluate('document.body.dataset.firstViewMs')));
      await runs.page.close();
      t = performance.now();
      const ov = await openReport(browser, join(dir, `report-${n}`, 'index.html'), '#overview');
      await ov.page.waitForFunction("document.getElementById('view-overview').dataset.figuresDone === 'true'", undefined, { timeout: 300_000 });
      overview.push(performance.now() - t);
      await ov.page.close();
    }
    process.stdout.write(
      `${n} records: report ${(built.bytes / 1024 / 1024).toFixed(2)} MiB in ${built.files} files, built in ${(buildMs / 1000).toFixed(1)} s; ` +
        `index loaded + runs table drawn: median ${median(index).toFixed(0)} ms (${index.map((x) => x.toFixed(0)).join(', ')}) from the test driver, ` +
        `${median(inPage).toFixed(0)} ms in the page (navigation start to table drawn); ` +
        `overview with every figure drawn: median ${median(overview).toFixed(0)} ms\n`,
    );
  }
} finally {
  await browser.close();
  if (values.keep) process.stdout.write(`kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
