import type Database from 'better-sqlite3';
import type { PushSubscriptionRecord, Store, TimeUpNotice } from '../store.js';
import type { ReadCache } from './read-cache.js';
import { toSubscription, type SubscriptionRow } from '../rows.js';

type PushMethods = Pick<
  Store,
  | 'savePushSubscription'
  | 'deletePushSubscriptions'
  | 'deletePushEndpoint'
  | 'listPushSubscriptions'
  | 'claimTimeUpNotices'
>;

/**
 * Push subscriptions and the record of which deadlines were announced, on SQLite. A subscription
 * belongs to a device, so unpairing (which deletes the couple and its devices) removes it too.
 */
export function pushMethods(db: Database.Database, cache: ReadCache): PushMethods {
  const subscriptionsOf = cache.table<PushSubscriptionRecord[]>();
  // Deletes say whose subscriptions they removed, so those couples' cached lists go too.
  const q = {
    device: db.prepare<[string], { couple_id: string }>('SELECT couple_id FROM devices WHERE id = ?'),
    deleteFor: db.prepare<[string, string], { couple_id: string }>(
      'DELETE FROM push_subscriptions WHERE device_id = ? OR endpoint = ? RETURNING couple_id',
    ),
    insert: db.prepare(
      `INSERT INTO push_subscriptions (endpoint, device_id, couple_id, p256dh, auth, created_at)
       VALUES (@endpoint, @device_id, @couple_id, @p256dh, @auth, @created_at)`,
    ),
    deleteDevice: db.prepare<[string], { couple_id: string }>(
      'DELETE FROM push_subscriptions WHERE device_id = ? RETURNING couple_id',
    ),
    deleteEndpoint: db.prepare<[string], { couple_id: string }>(
      'DELETE FROM push_subscriptions WHERE endpoint = ? RETURNING couple_id',
    ),
    list: db.prepare<[string], SubscriptionRow>(
      'SELECT * FROM push_subscriptions WHERE couple_id = ? ORDER BY created_at, rowid',
    ),
    // Couples with a subscription whose shared deadline has passed while they are still paused.
    due: db.prepare<[number], { couple_id: string; pause_id: string; ends_at: number }>(
      `SELECT c.id AS couple_id,
              json_extract(c.state, '$.pause.id') AS pause_id,
              json_extract(c.state, '$.pause.endsAt') AS ends_at
         FROM couples c
        WHERE c.id IN (SELECT couple_id FROM push_subscriptions)
          AND json_extract(c.state, '$.phase') = 'paused'
          AND json_extract(c.state, '$.pause.endsAt') <= ?`,
    ),
    // Claims the notice: inserts or moves the couple's record only if this deadline is new to it.
    claim: db.prepare<[{ couple_id: string; pause_id: string; ends_at: number; now: number }]>(
      `INSERT INTO push_notices (couple_id, pause_id, ends_at, notified_at) VALUES (@couple_id, @pause_id, @ends_at, @now)
       ON CONFLICT(couple_id) DO UPDATE SET pause_id = excluded.pause_id, ends_at = excluded.ends_at, notified_at = excluded.notified_at
       WHERE push_notices.pause_id != excluded.pause_id OR push_notices.ends_at != excluded.ends_at`,
    ),
  };

  const forgetAll = (rows: Array<{ couple_id: string }>) => {
    for (const row of rows) cache.forget(row.couple_id);
  };

  const save = db.transaction((sub: Omit<PushSubscriptionRecord, 'coupleId'>): boolean => {
    const device = q.device.get(sub.deviceId);
    if (!device) return false;
    // One subscription per device, and an endpoint belongs to one device only.
    forgetAll(q.deleteFor.all(sub.deviceId, sub.endpoint));
    cache.forget(device.couple_id);
    q.insert.run({
      endpoint: sub.endpoint,
      device_id: sub.deviceId,
      couple_id: device.couple_id,
      p256dh: sub.p256dh,
      auth: sub.auth,
      created_at: sub.createdAt,
    });
    return true;
  });

  // IMMEDIATE: two processes sweeping the same file cannot both claim one deadline.
  const claim = db.transaction((now: number): TimeUpNotice[] => {
    const claimed: TimeUpNotice[] = [];
    for (const row of q.due.all(now)) {
      if (typeof row.pause_id !== 'string' || typeof row.ends_at !== 'number') continue;
      if (q.claim.run({ ...row, now }).changes === 1) {
        claimed.push({ coupleId: row.couple_id, pauseId: row.pause_id, endsAt: row.ends_at });
      }
    }
    return claimed;
  });

  return {
    async savePushSubscription(sub) {
      return save(sub);
    },
    async deletePushSubscriptions(deviceId) {
      forgetAll(q.deleteDevice.all(deviceId));
    },
    async deletePushEndpoint(endpoint) {
      forgetAll(q.deleteEndpoint.all(endpoint));
    },
    async listPushSubscriptions(coupleId) {
      return subscriptionsOf.get(coupleId, () => q.list.all(coupleId).map(toSubscription));
    },
    async claimTimeUpNotices(now) {
      return claim.immediate(now);
    },
  };
}
