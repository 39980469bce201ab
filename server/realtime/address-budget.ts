import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from './adapter.js';

/**
 * The per-address event budget shared by every process (REDIS_URL), so an address cannot get N times
 * its allowance by spreading its connections over N processes. Each process still runs its own
 * per-connection and per-address token buckets; this adds the deployment-wide count on top.
 *
 * The check runs on every inbound frame, so it answers from memory: `count` only adds to a local
 * tally, which goes to Redis (rate-limiter-flexible, fixed one-minute windows) every `flushMs`, and
 * the answer marks the address exhausted here until its window ends. An address can overshoot by what
 * it sends during one flush interval. If Redis does not answer, nothing is refused on its account.
 */
export interface SharedAddressBudget {
  count(address: string): void;
  /** Whether the address has used its budget, all processes together, for the current window. */
  exhausted(address: string): boolean;
  /** Refuses the address on every process for `ms` (from the next flush on for the others). */
  penalise(address: string, ms: number): Promise<void>;
  /** Sends what is tallied now; the interval does this by itself. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const WINDOW_SECONDS = 60;

export function createSharedAddressBudget(client: RedisClient, perMinute: number, flushMs = 200): SharedAddressBudget {
  const limiter = new RateLimiterRedis({
    storeClient: client,
    useRedisPackage: true,
    // While Redis reconnects the client would queue the counts; a tally (and a shutdown's last flush)
    // fails at once instead, and nothing is refused on its account.
    rejectIfRedisNotReady: true,
    keyPrefix: 'breather:address-events',
    points: perMinute,
    duration: WINDOW_SECONDS,
  });
  const tally = new Map<string, number>();
  /** Address → when its refusal ends (this process's monotonic clock). */
  const refusedUntil = new Map<string, number>();

  async function flush(): Promise<void> {
    const batch = [...tally];
    tally.clear();
    await Promise.all(
      batch.map(async ([address, n]) => {
        try {
          await limiter.consume(address, n);
        } catch (res) {
          if (res instanceof RateLimiterRes) refusedUntil.set(address, performance.now() + res.msBeforeNext);
        }
      }),
    );
  }

  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  return {
    count(address) {
      tally.set(address, (tally.get(address) ?? 0) + 1);
    },
    exhausted(address) {
      const until = refusedUntil.get(address);
      if (until === undefined) return false;
      if (until > performance.now()) return true;
      refusedUntil.delete(address);
      return false;
    },
    async penalise(address, ms) {
      refusedUntil.set(address, performance.now() + ms);
      await limiter.block(address, Math.ceil(ms / 1000));
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
