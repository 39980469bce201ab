import type { EventLimit } from '../config.js';

/**
 * Token buckets for inbound socket events: one per connection and one per client address.
 * A bucket holds up to `capacity` tokens and refills at `perMinute`; each event takes one.
 * Short bursts (a reconnect, a clock sync) pass; a sustained flood is refused before any handler
 * runs, so it costs almost nothing and other couples are not slowed down.
 *
 * Time is the process's monotonic clock, not the app's Clock: tests move the app's clock by days,
 * and a limit must follow real seconds.
 */

export class TokenBucket {
  private tokens: number;
  private last: number;
  /** True from the first refusal until the next accepted event: one log line per flood, not one per event. */
  limited = false;

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

/** `first`: the first refusal since this bucket last let an event through (log once per flood). */
export type LimitVerdict = { ok: true } | { ok: false; scope: 'socket' | 'address'; first: boolean };

export interface EventLimiter {
  /** Takes a token from the connection's and the address's bucket, or says which one is empty. */
  check(connection: object, address: string): LimitVerdict;
}

const OK: LimitVerdict = { ok: true };

function refused(bucket: TokenBucket, scope: 'socket' | 'address'): LimitVerdict {
  const first = !bucket.limited;
  bucket.limited = true;
  return { ok: false, scope, first };
}

const SWEEP_EVERY_MS = 60_000;

export function createEventLimiter(
  limits: { perSocket: EventLimit; perAddress: EventLimit } | null,
  now: () => number = () => performance.now(),
): EventLimiter {
  if (!limits) return { check: () => OK };
  // Per connection: gone with the socket object.
  const bySocket = new WeakMap<object, TokenBucket>();
  const byAddress = new Map<string, TokenBucket>();
  let lastSweep = now();

  function sweep(t: number): void {
    if (t - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = t;
    for (const [address, bucket] of byAddress) if (bucket.full(t)) byAddress.delete(address);
  }

  return {
    check(connection, address) {
      const t = now();
      sweep(t);
      let socketBucket = bySocket.get(connection);
      if (!socketBucket) bySocket.set(connection, (socketBucket = new TokenBucket(limits.perSocket, t)));
      let addressBucket = byAddress.get(address);
      if (!addressBucket) byAddress.set(address, (addressBucket = new TokenBucket(limits.perAddress, t)));
      // A connection over its own limit does not also drain its neighbours' shared allowance.
      if (!socketBucket.has(t)) return refused(socketBucket, 'socket');
      if (!addressBucket.take(t)) return refused(addressBucket, 'address');
      socketBucket.take(t);
      socketBucket.limited = addressBucket.limited = false;
      return OK;
    },
  };
}
