import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Compares two results stores record by record (by record_id), to show what a re-collect changed. */

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function storeLines(file: string): Map<string, { line: string; run: string; outcome: string }> {
  const out = new Map<string, { line: string; run: string; outcome: string }>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as { record_id: string; run: string; outcome: string };
    out.set(r.record_id, { line, run: r.run, outcome: r.outcome });
  }
  return out;
}

export interface StoreDiff {
  changed: string[];
  added: string[];
  removed: string[];
  /** Changed/added/removed records that belong to another run than the expected one. */
  outside: string[];
  outcomeFlips: number;
  recordsInRun: number;
}

export function diffStores(before: ReturnType<typeof storeLines>, after: ReturnType<typeof storeLines>, run: string): StoreDiff {
  const changed: string[] = [];
  const added: string[] = [];
  const removed = [...before.keys()].filter((id) => !after.has(id));
  let outcomeFlips = 0;
  for (const [id, rec] of after) {
    const old = before.get(id);
    if (!old) added.push(id);
    else if (old.line !== rec.line) {
      changed.push(id);
      if (old.outcome !== rec.outcome) outcomeFlips++;
    }
  }
  const outside = [...changed, ...added, ...removed].filter((id) => (after.get(id) ?? before.get(id))!.run !== run);
  const recordsInRun = [...after.values()].filter((r) => r.run === run).length;
  return { changed, added, removed, outside, outcomeFlips, recordsInRun };
}
