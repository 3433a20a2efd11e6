import type { Transcript, TranscriptPatch } from '../transcript.js';

/**
 * Small transcripts for tests and the benchmark: messages as [from, text] pairs (to = the other
 * agent), optional timestamps, patches from unified-diff texts (hunk ranges parsed from the headers).
 */

export interface BuildOptions {
  recordId?: string;
  features?: readonly [number, number];
  /** false: no timestamps (order across agents unknown). */
  timed?: boolean;
  patches?: { feature_id: number; text: string | null; files?: TranscriptPatch['files'] }[];
}

export function buildTranscript(messages: readonly (readonly [string, string])[], opts: BuildOptions = {}): Transcript {
  const timed = opts.timed ?? true;
  const features = opts.features ?? [1, 2];
  return {
    record_id: opts.recordId ?? 'test/coop/repo_task/1/f1_f2',
    model: 'test-model',
    arm: 'coop-msg',
    synthetic: true,
    repo: 'repo_task',
    task_id: 1,
    features,
    timed: timed && messages.length > 0,
    messages: messages.map(([from, text], index) => ({ index, from, to: from === 'agent1' ? 'agent2' : 'agent1', text, timestamp: timed ? 1_700_000_000 + index : null })),
    patches: (opts.patches ?? []).map((p) => ({
      feature_id: p.feature_id,
      file: `agent${p.feature_id}.patch`,
      text: p.text,
      files: p.files ?? (p.text === null ? [] : hunksOf(p.text)),
      lines_added: p.text?.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).length ?? 0,
      lines_removed: p.text?.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---')).length ?? 0,
    })),
    outcome: 'fail',
    naive_conflict: null,
    merge_outcome: 'none',
    feature_results: [],
  };
}

/** Files and hunk ranges of a unified diff, from its "+++ b/path" and "@@ -a,b +c,d @@" lines. */
export function hunksOf(diff: string): TranscriptPatch['files'] {
  const files: TranscriptPatch['files'] = [];
  for (const line of diff.split('\n')) {
    const file = /^\+\+\+ (?:b\/)?(.+)$/.exec(line);
    if (file) files.push({ path: file[1]!, hunks: [] });
    const h = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (h && files.length) files[files.length - 1]!.hunks.push({ old_start: +h[1]!, old_lines: h[2] === undefined ? 1 : +h[2], new_start: +h[3]!, new_lines: h[4] === undefined ? 1 : +h[4] });
  }
  return files;
}
