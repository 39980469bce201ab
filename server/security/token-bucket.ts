import type { EventLimit } from '../config.js';

/**
 * A bucket holds up to `capacity` tokens and refills at `perMinute`; each event takes one. Short
 * bursts (a reconnect, a clock sync) pass; a sustained flood runs it dry.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: EventLimit,
    now: number,
  ) {
    this.tokens = limit.capacity;
    this.last = now;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.last);
    this.tokens = Math.min(this.limit.capacity, this.tokens + (elapsed * this.limit.perMinute) / 60_000);
    this.last = now;
  }

  /** Whether one more event may pass now (without taking it). */
  has(now: number): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  take(now: number): boolean {
    if (!this.has(now)) return false;
    this.tokens -= 1;
    return true;
  }

  /** Full again: forgetting it changes nothing. */
  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.limit.capacity;
  }
}
