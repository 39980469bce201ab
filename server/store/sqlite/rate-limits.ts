import type Database from 'better-sqlite3';
import type { Store } from '../store.js';

type RateLimitMethods = Pick<Store, 'hitRateLimit' | 'purgeRateLimits'>;

/** Fixed-window hit counters, one row per key, shared by every process on the file. */
export function rateLimitMethods(db: Database.Database): RateLimitMethods {
  const q = {
    hit: db.prepare<[{ key: string; ws: number; we: number }], { hits: number }>(
      `INSERT INTO rate_limits (key, window_start, hits, window_end) VALUES (@key, @ws, 1, @we)
       ON CONFLICT(key) DO UPDATE SET
         hits = CASE WHEN window_start = @ws THEN hits + 1 ELSE 1 END,
         window_start = @ws,
         window_end = @we
       RETURNING hits`,
    ),
    purge: db.prepare<[number]>('DELETE FROM rate_limits WHERE window_end <= ?'),
  };
  return {
    async hitRateLimit(key, now, windowMs) {
      const ws = now - (now % windowMs);
      return q.hit.get({ key, ws, we: ws + windowMs })!.hits;
    },
    async purgeRateLimits(now) {
      return q.purge.run(now).changes;
    },
  };
}
