import type pg from 'pg';
import type { Store } from '../store.js';
import { transaction } from './pool.js';
import { toSubscription, type SubscriptionRow } from '../rows.js';

type PushMethods = Pick<
  Store,
  | 'savePushSubscription'
  | 'deletePushSubscriptions'
  | 'deletePushEndpoint'
  | 'listPushSubscriptions'
  | 'claimTimeUpNotices'
>;

/** Push subscriptions and the record of announced deadlines, on PostgreSQL. */
export function pushMethods(pool: pg.Pool): PushMethods {
  return {
    savePushSubscription(sub) {
      return transaction(pool, async (db) => {
        const device = await db.query<{ couple_id: string }>('SELECT couple_id FROM devices WHERE id = $1 FOR SHARE', [
          sub.deviceId,
        ]);
        const coupleId = device.rows[0]?.couple_id;
        if (!coupleId) return false;
        // One subscription per device, and an endpoint belongs to one device only.
        await db.query('DELETE FROM push_subscriptions WHERE device_id = $1 OR endpoint = $2', [
          sub.deviceId,
          sub.endpoint,
        ]);
        await db.query(
          `INSERT INTO push_subscriptions (endpoint, device_id, couple_id, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [sub.endpoint, sub.deviceId, coupleId, sub.p256dh, sub.auth, sub.createdAt],
        );
        return true;
      });
    },
    async deletePushSubscriptions(deviceId) {
      await pool.query('DELETE FROM push_subscriptions WHERE device_id = $1', [deviceId]);
    },
    async deletePushEndpoint(endpoint) {
      await pool.query('DELETE FROM push_subscriptions WHERE endpoint = $1', [endpoint]);
    },
    async listPushSubscriptions(coupleId) {
      // Named like the command's own queries: every pause looks its couple's subscriptions up.
      const { rows } = await pool.query<SubscriptionRow>({
        name: 'push-subscriptions',
        text: 'SELECT * FROM push_subscriptions WHERE couple_id = $1 ORDER BY created_at, ord',
        values: [coupleId],
      });
      return rows.map(toSubscription);
    },
    async claimTimeUpNotices(now) {
      // One statement claims every due deadline. When two processes sweep at once, the second's
      // INSERT waits for the first's row, then its conflict clause finds the deadline already
      // recorded and returns nothing for it: each notice is claimed once.
      const { rows } = await pool.query<{ couple_id: string; pause_id: string; ends_at: number }>(
        `INSERT INTO push_notices (couple_id, pause_id, ends_at, notified_at)
         SELECT c.id, c.state->'pause'->>'id', (c.state->'pause'->>'endsAt')::bigint, $1
           FROM couples c
          WHERE c.state->>'phase' = 'paused'
            AND (c.state->'pause'->>'endsAt')::bigint <= $1
            AND c.state->'pause'->>'id' IS NOT NULL
            AND EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.couple_id = c.id)
         ON CONFLICT (couple_id) DO UPDATE
           SET pause_id = excluded.pause_id, ends_at = excluded.ends_at, notified_at = excluded.notified_at
           WHERE push_notices.pause_id <> excluded.pause_id OR push_notices.ends_at <> excluded.ends_at
         RETURNING couple_id, pause_id, ends_at`,
        [now],
      );
      return rows.map((r) => ({ coupleId: r.couple_id, pauseId: r.pause_id, endsAt: r.ends_at }));
    },
  };
}
