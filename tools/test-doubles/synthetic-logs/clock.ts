/**
 * Times as upstream writes them: naive local ISO with microseconds in run/result/eval files
 * (`2026-07-16T10:29:08.553662`), epoch seconds in conversations. Everything is computed from a
 * seeded base time in UTC, never from the wall clock, so trees are reproducible in any time zone.
 */

/** Integer microseconds since the epoch. */
export type Micros = number;

export const SECOND: Micros = 1_000_000;

/** How a writer prints naive times: seeded trees use UTC (reproducible anywhere); the stand-in uses local time like upstream. */
export type NaiveTimeFormat = (t: Micros) => string;

export function naiveIso(t: Micros): string {
  const whole = Math.floor(t / 1000);
  const micros = String(Math.floor(t) % SECOND).padStart(6, '0');
  return `${new Date(whole).toISOString().slice(0, 19)}.${micros}`;
}

/** Full ISO with zone, as the repro tooling writes (`started_at` of the manifest). */
export function zonedIso(t: Micros): string {
  return new Date(Math.floor(t / 1000)).toISOString();
}

export function epochSeconds(t: Micros): number {
  return t / SECOND;
}

/** 2026-06-01T00:00:00Z, the earliest base time a seed can pick. */
export const EPOCH_BASE: Micros = Date.UTC(2026, 5, 1) * 1000;
