import { copyFileSync, cpSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInto, REAL_LOGS, REAL_MAPPING } from './test-support/collect-helper.js';
import { tempDir, writeFile } from './test-support/fixture-tree.js';

function copyRuns(runs: string[]): string {
  const root = tempDir();
  for (const run of runs) cpSync(join(REAL_LOGS, run), join(root, run), { recursive: true });
  return root;
}

/** Sets every directory's and file's mtime an hour back, as for logs written well before a collection. */
function backdate(root: string): void {
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) utimesSync(join(entry.parentPath, entry.name), hourAgo, hourAgo);
  utimesSync(root, hourAgo, hourAgo);
}

describe('incremental collection', () => {
  it('re-parses only the pair whose files changed and keeps every other line byte-identical', async () => {
    const root = copyRuns(['nano_control_1', 'flash_solo_3', 'nano_msg_13']);
    const first = await collectInto(root, REAL_MAPPING);
    expect(first.reparsed).toBe(22);

    const pair = 'nano_control_1/coop/llama_index_task/18813/f1_f3';
    const evalFile = join(root, pair, 'eval.json');
    const ev = JSON.parse(readFileSync(evalFile, 'utf8'));
    ev.both_passed = !ev.both_passed;
    writeFileSync(evalFile, JSON.stringify(ev));
    const second = await collectInto(root, REAL_MAPPING, { out: first.out });
    expect([second.reparsed, second.reused]).toEqual([1, 21]);
    const changed = [...second.records.keys()].filter((id) => JSON.stringify(second.records.get(id)) !== JSON.stringify(first.records.get(id)));
    expect(changed).toEqual([pair]);
    expect(second.records.get(pair)!.both_passed).toBe(ev.both_passed);
  });

  it('re-parses a whole run when its arm mapping changes, and everything when the index is damaged', async () => {
    const root = copyRuns(['nano_control_1', 'flash_solo_3']);
    const mappingDir = tempDir();
    const mapping = JSON.parse(readFileSync(REAL_MAPPING, 'utf8'));
    const mappingFile = writeFile(mappingDir, 'arms.json', mapping);
    const first = await collectInto(root, mappingFile);
    // A mapping change invalidates by content hash of the whole mapping file: every run is re-read.
    mapping.runs.find((r: { match: string }) => r.match === 'flash_solo_3').seed = 4;
    writeFile(mappingDir, 'arms.json', mapping);
    const second = await collectInto(root, mappingFile, { out: first.out });
    expect(second.reparsed).toBe(21);
    expect(second.records.get('flash_solo_3/solo/dottxt_ai_outlines_task/1655/f7_f10')!.seed).toBe(4);
    writeFileSync(join(first.out, 'collect-index.json'), '{"truncated');
    const third = await collectInto(root, mappingFile, { out: first.out });
    expect(third.reparsed).toBe(21);
    expect(third.storeText).toBe(second.storeText);
  });

  it('does not trust an index whose store was edited by hand', async () => {
    const root = copyRuns(['flash_solo_3']);
    const first = await collectInto(root, REAL_MAPPING);
    writeFileSync(join(first.out, 'results.jsonl'), first.storeText.replace('"seed":3', '"seed":99'));
    const second = await collectInto(root, REAL_MAPPING, { out: first.out });
    expect(second.reparsed).toBe(1);
    expect(second.storeText).toBe(first.storeText);
  });

  it('leaves an unchanged store untouched (same inode and mtime), imported records included', async () => {
    const root = copyRuns(['nano_control_1', 'flash_solo_3']);
    const importedDir = tempDir();
    const first = await collectInto(root, REAL_MAPPING);
    // The first store, imported as if it came from elsewhere, beside the logs of a third run.
    const records = first.storeText.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { record_id: string });
    writeFileSync(join(importedDir, 'other.jsonl'), `${records.map((r) => JSON.stringify({ ...r, record_id: `imported/${r.record_id}` })).join('\n')}\n`);
    const second = await collectInto(root, REAL_MAPPING, { out: first.out, importedDir });
    const store = join(first.out, 'results.jsonl');
    const before = statSync(store);
    const third = await collectInto(root, REAL_MAPPING, { out: first.out, importedDir });
    expect([third.reparsed, third.reused]).toEqual([0, 21]);
    expect(third.storeText).toBe(second.storeText);
    expect(third.report.counts.imported_records).toBe(21);
    const after = statSync(store);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('trusts a store replaced by a byte-identical copy (new stat) by its sha256', async () => {
    const root = copyRuns(['flash_solo_3', 'nano_msg_13']);
    const first = await collectInto(root, REAL_MAPPING);
    const store = join(first.out, 'results.jsonl');
    copyFileSync(store, `${store}.copy`);
    renameSync(`${store}.copy`, store);
    const second = await collectInto(root, REAL_MAPPING, { out: first.out });
    expect([second.reparsed, second.reused]).toEqual([0, 2]);
    expect(second.storeText).toBe(first.storeText);
  });

  it('with the earlier listings trusted (an old tree), finds a file rewritten in place and a file added, and rewrites nothing when nothing changed', async () => {
    const root = copyRuns(['nano_control_1', 'flash_solo_3']);
    backdate(root);
    const first = await collectInto(root, REAL_MAPPING);
    // As if the first collection had begun a minute after the logs were written (a ctime cannot be set back).
    const indexFile = join(first.out, 'collect-index.json');
    writeFileSync(indexFile, readFileSync(indexFile, 'utf8').replace(/"started_at":\d+/, `"started_at":${Date.now() + 60_000}`));
    const rewritten = 'nano_control_1/coop/llama_index_task/18813/f1_f3';
    const evalFile = join(root, rewritten, 'eval.json');
    const ev = JSON.parse(readFileSync(evalFile, 'utf8'));
    ev.both_passed = !ev.both_passed;
    writeFileSync(evalFile, JSON.stringify(ev)); // in place: the directory itself does not change
    const added = 'flash_solo_3/solo/dottxt_ai_outlines_task/1655/f7_f10';
    writeFileSync(join(root, added, 'solo_full_traj.json'), '[]'); // listed as provenance, so the record changes
    backdate(join(root, added)); // a copy that keeps mtimes (cp -p): only the ctime tells the directory changed
    const second = await collectInto(root, REAL_MAPPING, { out: first.out });
    expect([second.reparsed, second.reused]).toEqual([2, 19]);
    expect(second.records.get(rewritten)!.both_passed).toBe(ev.both_passed);
    expect(second.records.get(added)!.sources.files).toContain(`${added}/solo_full_traj.json`);

    const files = ['results.jsonl', 'collect-index.json', 'collect-report.json'].map((f) => join(first.out, f));
    const before = files.map((f) => [statSync(f).ino, statSync(f).mtimeMs]);
    const third = await collectInto(root, REAL_MAPPING, { out: first.out });
    expect([third.reparsed, third.reused]).toEqual([0, 21]);
    expect(files.map((f) => [statSync(f).ino, statSync(f).mtimeMs])).toEqual(before);
  });

  it('believes a trusted listing, and with relist lists every pair directory again', async () => {
    const root = copyRuns(['flash_solo_3']);
    backdate(root);
    const first = await collectInto(root, REAL_MAPPING);
    const pair = 'flash_solo_3/solo/dottxt_ai_outlines_task/1655/f7_f10';
    const indexFile = join(first.out, 'collect-index.json');
    const index = JSON.parse(readFileSync(indexFile, 'utf8'));
    index.started_at = Date.now() + 60_000; // as if it had begun a minute after the logs were written
    index.pairs[pair].names = index.pairs[pair].names.replace('solo.patch/', ''); // a listing that leaves a file out
    expect(index.pairs[pair].names).not.toContain('solo.patch');
    writeFileSync(indexFile, JSON.stringify(index));
    const trusted = await collectInto(root, REAL_MAPPING, { out: first.out });
    expect(trusted.records.get(pair)!.sources.files).not.toContain(`${pair}/solo.patch`);
    // The bad listing is in the index again (the pair was parsed with it), and would be trusted again.
    writeFileSync(indexFile, readFileSync(indexFile, 'utf8').replace(/"started_at":\d+/, `"started_at":${Date.now() + 60_000}`));
    const relisted = await collectInto(root, REAL_MAPPING, { out: first.out, relist: true });
    expect(relisted.records.get(pair)).toEqual(first.records.get(pair));
  });
});
