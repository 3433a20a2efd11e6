import type { Micros } from '../synthetic-logs/clock.js';

/**
 * Real time, as upstream records it: naive local ISO (`datetime.now().isoformat()`). Upstream's own
 * resume logic and the runner compare these strings (an eval.json evaluated before the agents ended
 * is stale), so the stand-in must use the wall clock, not seeded times.
 */

/** Microseconds since the epoch; monotonic within the process. */
export function nowMicros(): Micros {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Python's isoformat of a naive local datetime: microseconds only when non-zero. */
export function naiveLocalIso(t: Micros): string {
  const d = new Date(Math.floor(t / 1000));
  const micros = t % 1_000_000;
  const base = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return micros === 0 ? base : `${base}.${pad(micros, 6)}`;
}
