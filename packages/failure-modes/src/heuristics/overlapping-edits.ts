import type { HeuristicResult } from '@cooperbench-repro/contracts';
import type { Transcript, TranscriptPatch } from '../transcript.js';
import { containsSymbol, parsePatch, type ParsedPatch } from './agents.js';
import { skipped, type Heuristic } from './heuristic.js';
import { claimCollisions, whoClaimed } from './work-overlap-claims.js';

/**
 * Both agents edited the same place: hunks of the two patches on the same file whose base-file
 * ranges (the "-" side, the only coordinates the two patches share) overlap or lie within a few
 * lines of each other. CooperBench pairs are BUILT to conflict (77.3% of gold pairs do), so an overlap
 * alone is the task's design, not the paper's "work overlap" (both agents implementing the same
 * functionality). The detector therefore fires only when the overlap is duplicated work: a code symbol
 * both agents claimed in the conversation (claim collision, work-overlap-claims.ts) that BOTH patches
 * add as new code (in both patches' added lines, in neither's removed or context lines: defined by
 * both, claims.py's ground truth). Editing the same existing function (`encode`) is the task's design
 * and does not fire. The number of overlapping hunk pairs is always reported as the score.
 */

export const OVERLAP = {
  /** Hunks this many base lines apart or closer count as overlapping (git merges need a line between). */
  gap: 3,
} as const;

interface Overlap {
  file: string;
  a: [number, number];
  b: [number, number];
}

const baseRange = (h: { old_start: number; old_lines: number }): [number, number] => [h.old_start, h.old_start + Math.max(h.old_lines, 1) - 1];

export function overlappingHunks(p: TranscriptPatch, q: TranscriptPatch): Overlap[] {
  const out: Overlap[] = [];
  for (const fa of p.files) {
    const fb = q.files.find((f) => f.path === fa.path);
    if (!fb) continue;
    for (const ha of fa.hunks) {
      const a = baseRange(ha);
      for (const hb of fb.hunks) {
        const b = baseRange(hb);
        if (a[0] <= b[1] + OVERLAP.gap && b[0] <= a[1] + OVERLAP.gap) out.push({ file: fa.path, a, b });
      }
    }
  }
  return out;
}

export const overlappingEdits: Heuristic = {
  name: 'overlapping_edits',
  description: 'Hunks of both patches on the same file whose base line ranges overlap or are within 3 lines, confirmed as duplicated work by a code symbol both agents claimed in the conversation and both patches add as new code (pairs are built to conflict, so overlap alone does not fire).',
  estimates: { symptom: 'work_overlap' },
  run(t: Transcript): HeuristicResult {
    if (t.patches.length < 2) return skipped('fewer than two patches');
    const [p, q] = t.patches as [TranscriptPatch, TranscriptPatch];
    const overlaps = overlappingHunks(p, q);
    const evidence = overlaps.map((o) => `${o.file} base lines ${o.a[0]}-${o.a[1]} (feature ${p.feature_id}) and ${o.b[0]}-${o.b[1]} (feature ${q.feature_id})`);
    if (p.text === null || q.text === null) return { detected: false, score: overlaps.length, evidence: cap(evidence), skipped: 'no patch text' };
    let confirmed = false;
    const collisions = overlaps.length > 0 && t.messages.length > 0 ? claimCollisions(t) : [];
    if (collisions.length > 0) {
      const pp = parsePatch(p)!;
      const pq = parsePatch(q)!;
      const newIn = (x: ParsedPatch, sym: string) => containsSymbol(x.addedText, sym) && !containsSymbol(x.baseText, sym);
      for (const c of collisions) {
        if (!newIn(pp, c.symbol) || !newIn(pq, c.symbol)) continue;
        confirmed = true;
        evidence.unshift(`\`${c.symbol}\` claimed by ${whoClaimed(c)} and added by both patches`);
      }
    }
    return { detected: confirmed, score: overlaps.length, evidence: cap(evidence), skipped: null };
  },
};

/** Evidence stays short: at most 12 locators, then a count of the rest. */
function cap(evidence: string[], max = 12): string[] {
  return evidence.length <= max ? evidence : [...evidence.slice(0, max), `... and ${evidence.length - max} more`];
}
