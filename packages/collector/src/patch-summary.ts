import type { PatchSummary } from '@cooperbench-repro/contracts';

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Summarises a unified diff (as upstream writes `solo.patch` / `agent<fid>.patch`): lines added and
 * removed, and per file the hunk ranges, which later stages use to find overlapping edits.
 */
export function summarisePatch(text: string, file: string, featureId: number | null): PatchSummary {
  const files: PatchSummary['files'] = [];
  let current: PatchSummary['files'][number] | null = null;
  let added = 0;
  let removed = 0;
  // Lines still expected in the current hunk; the hunk header's counts tell where it ends.
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      const m = / b\/(.+)$/.exec(line);
      current = { path: m ? m[1]! : line.slice('diff --git '.length), hunks: [] };
      files.push(current);
      oldLeft = newLeft = 0;
      continue;
    }
    const inHunk = oldLeft > 0 || newLeft > 0;
    if (!inHunk && line.startsWith('+++ ')) {
      // Plain `diff -u` output has no `diff --git` line: the `+++` header names the file.
      const path = line.slice(4).replace(/^b\//, '').replace(/\t.*$/, '');
      if (!current || current.hunks.length > 0) {
        current = { path, hunks: [] };
        files.push(current);
      } else if (path !== '/dev/null' && current.path !== path) {
        current.path = path;
      }
      continue;
    }
    const hunk = HUNK_HEADER.exec(line);
    if (hunk) {
      if (!current) {
        current = { path: '(unknown)', hunks: [] };
        files.push(current);
      }
      const h = {
        old_start: Number(hunk[1]),
        old_lines: hunk[2] === undefined ? 1 : Number(hunk[2]),
        new_start: Number(hunk[3]),
        new_lines: hunk[4] === undefined ? 1 : Number(hunk[4]),
      };
      current.hunks.push(h);
      oldLeft = h.old_lines;
      newLeft = h.new_lines;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith('+')) {
      added++;
      newLeft--;
    } else if (line.startsWith('-')) {
      removed++;
      oldLeft--;
    } else if (line.startsWith(' ') || line === '') {
      oldLeft--;
      newLeft--;
    }
    // `\ No newline at end of file` belongs to the previous line and counts for neither side.
  }
  return { feature_id: featureId, file, lines_added: added, lines_removed: removed, files };
}
