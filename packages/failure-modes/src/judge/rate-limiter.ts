/**
 * Requests-per-minute limiter that spaces requests evenly (one every 60/rpm seconds, no burst): the
 * provider counts per minute, and an initial burst of a whole minute's budget would earn 429s when the
 * window straddles it. Under sustained demand the achieved rate equals the configured one.
 * `requestsPerMinute` 0 or Infinity means unlimited.
 */
export class RequestRateLimiter {
  private readonly intervalMs: number;
  private nextSlotAt = 0;

  constructor(
    readonly requestsPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(requestsPerMinute >= 0) || Number.isNaN(requestsPerMinute)) {
      throw new Error(`requestsPerMinute: expected a number >= 0 (0 = unlimited), got ${requestsPerMinute}`);
    }
    this.intervalMs = requestsPerMinute === 0 || requestsPerMinute === Infinity ? 0 : 60_000 / requestsPerMinute;
  }

  /** Resolves when the caller may send one request; slots are handed out in call order. */
  async acquire(): Promise<void> {
    const waitMs = this.reserve();
    if (waitMs > 0) await sleep(waitMs);
  }

  /** Books the next free slot and returns how long to wait for it (ms). */
  reserve(): number {
    const now = this.now();
    const slot = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slot + this.intervalMs;
    return slot - now;
  }

  /** After a 429 with Retry-After: no request from anyone before `epochMs`. */
  deferUntil(epochMs: number): void {
    this.nextSlotAt = Math.max(this.nextSlotAt, epochMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
