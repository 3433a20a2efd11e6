import { expect } from 'vitest';
import type { Heuristic } from '../heuristics/heuristic.js';
import type { Transcript } from '../transcript.js';

/** How many of the transcripts a detector fires on. */
export function detectedCount(all: readonly Transcript[], heuristic: Heuristic): number {
  return all.filter((t) => heuristic.run(t).detected).length;
}

/** The detector fires on `min` to `max` of the transcripts (the range read by hand). */
export function expectDetectedBetween(all: readonly Transcript[], heuristic: Heuristic, min: number, max: number): void {
  const n = detectedCount(all, heuristic);
  expect(n, `${heuristic.name} detections`).toBeGreaterThanOrEqual(min);
  expect(n, `${heuristic.name} detections`).toBeLessThanOrEqual(max);
}

/** The transcript with this record id; a test naming a missing one fails saying which. */
export function transcriptById(all: readonly Transcript[], id: string): Transcript {
  const t = all.find((x) => x.record_id === id);
  if (!t) throw new Error(`no conversation ${id}`);
  return t;
}

/** Expects the detector to fire on the transcript and gives its evidence, for the test to check. */
export function evidenceWhenFired(heuristic: Heuristic, t: Transcript): string[] {
  const r = heuristic.run(t);
  expect(r.detected, `${heuristic.name} on ${t.record_id}`).toBe(true);
  return r.evidence;
}

export type DetectionCounts = Record<string, { detected: number; skipped: number }>;

/** Per detector: on how many transcripts it fired, and how many it skipped; printed so a run shows them. */
export function detectionCounts(label: string, all: readonly Transcript[], heuristics: readonly Heuristic[]): DetectionCounts {
  const counts: DetectionCounts = Object.fromEntries(heuristics.map((h) => [h.name, { detected: 0, skipped: 0 }]));
  for (const t of all) {
    for (const h of heuristics) {
      const r = h.run(t);
      if (r.skipped) counts[h.name]!.skipped++;
      else if (r.detected) counts[h.name]!.detected++;
    }
  }
  process.stdout.write(`\n${label} (${all.length} conversations): ${JSON.stringify(counts)}\n`);
  return counts;
}
