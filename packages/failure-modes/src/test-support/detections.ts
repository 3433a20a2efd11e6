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
