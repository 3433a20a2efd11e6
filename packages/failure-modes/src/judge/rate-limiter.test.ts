import { describe, expect, it } from 'vitest';
import { RequestRateLimiter } from './rate-limiter.js';

describe('RequestRateLimiter', () => {
  it('spaces requests 60/rpm seconds apart, in call order, with no initial burst', () => {
    let now = 10_000;
    const limiter = new RequestRateLimiter(600, () => now);
    expect([limiter.reserve(), limiter.reserve(), limiter.reserve()]).toEqual([0, 100, 200]);
    now += 1_000; // idle time is not banked as a burst
    expect([limiter.reserve(), limiter.reserve()]).toEqual([0, 100]);
  });

  it('after deferUntil (a 429 Retry-After) nobody gets a slot before that time', () => {
    const now = 0;
    const limiter = new RequestRateLimiter(60, () => now);
    expect(limiter.reserve()).toBe(0);
    limiter.deferUntil(5_000);
    expect(limiter.reserve()).toBe(5_000);
    expect(limiter.reserve()).toBe(6_000);
  });

  it('0 means unlimited, and a negative or NaN rate is refused', () => {
    const limiter = new RequestRateLimiter(0, () => 0);
    expect([limiter.reserve(), limiter.reserve()]).toEqual([0, 0]);
    expect(() => new RequestRateLimiter(-1)).toThrow(/requestsPerMinute/);
    expect(() => new RequestRateLimiter(Number.NaN)).toThrow(/requestsPerMinute/);
  });
});
