import type { CoupleState } from '../../../shared/pause/machine.js';
import type { DeviceRecord, DeviceSettings, Store } from '../store.js';
import { heldMessageMethods } from './held-messages.js';
import { createPool, createProbe, migrate, transaction, type Queryable } from './pool.js';
import { pushMethods } from './push.js';
import { toDevice, toInvite, type DeviceRow, type InviteRow } from '../rows.js';

const MAX_DEVICES = 2;

/**
 * The store on PostgreSQL, for running several server processes against one database
 * (DATABASE_URL). Same contract as the SQLite store; every method resolves after its COMMIT.
 *
 * The queries on every command are named, so each connection parses and plans them once.
 *
 * Unlike the SQLite store it keeps no read cache: another process may change any couple at any
 * moment, and a memo here would need cross-process invalidation to stay honest. Every read goes
 * to the database (primary-key lookups); the compare-and-set on `seq` settles concurrent writers.
 */
export async function openPostgresStore(url: string): Promise<Store> {
  const pool = createPool(url);
  const probe = createProbe(url);
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }

  /** The stored state carries its own seq too, so the column and the JSON never disagree. */
  async function bumpSeq(db: Queryable, coupleId: string): Promise<number> {
    const { rows } = await db.query<{ seq: number }>(
      `UPDATE couples SET seq = seq + 1, state = jsonb_set(state, '{seq}', to_jsonb(seq + 1)) WHERE id = $1 RETURNING seq`,
      [coupleId],
    );
    if (!rows[0]) throw new Error('couple not found');
    return rows[0].seq;
  }

  async function insertDevice(db: Queryable, d: DeviceRecord): Promise<void> {
    await db.query(
      `INSERT INTO devices (id, couple_id, name, secret_hash, linked_at, default_minutes, reassurance, tends_to_withdraw, public_key, agreed_terms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        d.id,
        d.coupleId,
        d.name,
        d.secretHash,
        d.linkedAt,
        d.defaultMinutes,
        d.reassurance,
        d.tendsToWithdraw,
        d.publicKey,
        d.agreedTerms,
      ],
    );
  }

  return {
    ...heldMessageMethods(pool),
    ...pushMethods(pool),
    async health() {
      await probe.ping();
      return { ok: true, kind: 'postgres' };
    },
    async close() {
      await Promise.all([pool.end(), probe.close()]);
    },
    async createCouple(coupleId, device, state) {
      await transaction(pool, async (db) => {
        await db.query('INSERT INTO couples (id, created_at, seq, state) VALUES ($1, $2, $3, $4)', [
          coupleId,
          device.linkedAt,
          state.seq,
          JSON.stringify(state),
        ]);
        await insertDevice(db, device);
      });
    },
    async findDevice(deviceId) {
      const { rows } = await pool.query<DeviceRow>({
        name: 'device',
        text: 'SELECT * FROM devices WHERE id = $1',
        values: [deviceId],
      });
      return rows[0] ? toDevice(rows[0]) : null;
    },
    async listDevices(coupleId) {
      const { rows } = await pool.query<DeviceRow>({
        name: 'devices',
        text: 'SELECT * FROM devices WHERE couple_id = $1 ORDER BY linked_at, ord',
        values: [coupleId],
      });
      return rows.map(toDevice);
    },
    async updateDeviceSettings(deviceId, patch) {
      return transaction(pool, async (db) => {
        const { rows } = await db.query<{ couple_id: string }>(
          `UPDATE devices SET
             name = CASE WHEN $2 THEN $3 ELSE name END,
             default_minutes = CASE WHEN $4 THEN $5::integer ELSE default_minutes END,
             reassurance = CASE WHEN $6 THEN $7 ELSE reassurance END,
             tends_to_withdraw = CASE WHEN $8 THEN $9::boolean ELSE tends_to_withdraw END,
             agreed_terms = CASE WHEN $10 THEN $11 ELSE agreed_terms END
           WHERE id = $1 RETURNING couple_id`,
          [
            deviceId,
            ...setting(patch, 'name'),
            ...setting(patch, 'defaultMinutes'),
            ...setting(patch, 'reassurance'),
            ...setting(patch, 'tendsToWithdraw'),
            ...setting(patch, 'agreedTerms'),
          ],
        );
        if (!rows[0]) throw new Error('device not found');
        return bumpSeq(db, rows[0].couple_id);
      });
    },
    async setDevicePublicKey(deviceId, publicKey) {
      return transaction(pool, async (db) => {
        const { rows } = await db.query<{ couple_id: string }>(
          'UPDATE devices SET public_key = $1 WHERE id = $2 RETURNING couple_id',
          [publicKey, deviceId],
        );
        if (!rows[0]) throw new Error('device not found');
        return bumpSeq(db, rows[0].couple_id);
      });
    },
    async deleteCouple(coupleId) {
      await pool.query('DELETE FROM couples WHERE id = $1', [coupleId]);
    },
    async unpairCouple(coupleId, now) {
      await transaction(pool, async (db) => {
        await db.query('DELETE FROM devices WHERE couple_id = $1', [coupleId]);
        await db.query('DELETE FROM invites WHERE couple_id = $1', [coupleId]);
        // Undelivered messages can never reach anyone now; they are personal text, so they go at once.
        await db.query('DELETE FROM held_messages WHERE couple_id = $1', [coupleId]);
        await db.query('UPDATE couples SET unpaired_at = $1 WHERE id = $2', [now, coupleId]);
        // A command that read the state before this point must lose its compare-and-set.
        await bumpSeq(db, coupleId);
      });
    },
    async purgeUnpaired(unpairedBefore) {
      // Two processes purging at once: the second waits on the first's row locks, then skips the rows it deleted.
      const { rowCount } = await pool.query('DELETE FROM couples WHERE unpaired_at IS NOT NULL AND unpaired_at <= $1', [
        unpairedBefore,
      ]);
      return rowCount ?? 0;
    },
    async purgeAbandonedInvites(expiredBefore) {
      return transaction(pool, async (db) => {
        // The candidates are locked first (in one order, so two purging processes queue rather than
        // deadlock); the DELETE's fresh snapshot then sees any invite or device added before the lock.
        const { rows } = await db.query<{ id: string }>(
          `SELECT id FROM couples WHERE unpaired_at IS NULL
             AND id IN (SELECT couple_id FROM invites WHERE used_at IS NULL AND expires_at <= $1)
           ORDER BY id FOR UPDATE`,
          [expiredBefore],
        );
        // Nobody ever joined: only the maker's device, no invite used, none still open.
        const { rowCount } = await db.query(
          `DELETE FROM couples WHERE id = ANY($2::text[]) AND unpaired_at IS NULL
             AND (SELECT count(*) FROM devices WHERE couple_id = couples.id) < 2
             AND NOT EXISTS (SELECT 1 FROM invites WHERE couple_id = couples.id AND (used_at IS NOT NULL OR expires_at > $1))`,
          [expiredBefore, rows.map((r) => r.id)],
        );
        await db.query('DELETE FROM invites WHERE used_at IS NULL AND expires_at <= $1', [expiredBefore]);
        return rowCount ?? 0;
      });
    },
    async createInvite(i) {
      await pool.query(
        `INSERT INTO invites (id, couple_id, lookup, secret_hash, token_hash, created_at, expires_at, wrong_guesses, used_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [i.id, i.coupleId, i.lookup, i.secretHash, i.tokenHash, i.createdAt, i.expiresAt, i.wrongGuesses, i.usedAt],
      );
    },
    async findInviteByLookup(lookup) {
      const { rows } = await pool.query<InviteRow>(
        'SELECT * FROM invites WHERE lookup = $1 AND used_at IS NULL ORDER BY created_at DESC LIMIT 1',
        [lookup],
      );
      return rows[0] ? toInvite(rows[0]) : null;
    },
    async findInviteByTokenHash(tokenHash) {
      const { rows } = await pool.query<InviteRow>('SELECT * FROM invites WHERE token_hash = $1', [tokenHash]);
      return rows[0] ? toInvite(rows[0]) : null;
    },
    async recordWrongGuess(inviteId) {
      const { rows } = await pool.query<{ wrong_guesses: number }>(
        'UPDATE invites SET wrong_guesses = wrong_guesses + 1 WHERE id = $1 RETURNING wrong_guesses',
        [inviteId],
      );
      return rows[0]?.wrong_guesses ?? 0;
    },
    async joinWithInvite(inviteId, device, now) {
      return transaction(pool, async (db) => {
        const used = await db.query<{ couple_id: string }>(
          'UPDATE invites SET used_at = $1 WHERE id = $2 AND used_at IS NULL RETURNING couple_id',
          [now, inviteId],
        );
        const coupleId = used.rows[0]?.couple_id;
        if (!coupleId) return 'used';
        // Locks the couple, so two invites of one couple used at once cannot both add a device.
        await db.query('SELECT 1 FROM couples WHERE id = $1 FOR UPDATE', [coupleId]);
        const { rows } = await db.query<{ n: number }>(
          'SELECT count(*)::integer AS n FROM devices WHERE couple_id = $1',
          [coupleId],
        );
        if (rows[0]!.n >= MAX_DEVICES) return 'full';
        await insertDevice(db, { ...device, coupleId });
        await bumpSeq(db, coupleId);
        return 'joined';
      });
    },
    async lookupInUse(lookup, now) {
      const { rows } = await pool.query(
        'SELECT 1 FROM invites WHERE lookup = $1 AND used_at IS NULL AND expires_at > $2 LIMIT 1',
        [lookup, now],
      );
      return rows.length > 0;
    },
    async hitRateLimit(key, now, windowMs) {
      // One row per key shared by every process, so a pairing limit holds however many processes serve it.
      const { rows } = await pool.query<{ hits: number }>(
        `INSERT INTO rate_limits (key, window_start, window_end, hits) VALUES ($1, $2, $3, 1)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.hits + 1 ELSE 1 END,
           window_start = excluded.window_start,
           window_end = excluded.window_end
         RETURNING hits`,
        [key, now - (now % windowMs), now - (now % windowMs) + windowMs],
      );
      return rows[0]!.hits;
    },
    async purgeRateLimits(now) {
      const { rowCount } = await pool.query('DELETE FROM rate_limits WHERE window_end <= $1', [now]);
      return rowCount ?? 0;
    },
    async loadCoupleState(coupleId) {
      const { rows } = await pool.query<{ seq: number; state: CoupleState }>({
        name: 'state',
        text: 'SELECT seq, state FROM couples WHERE id = $1',
        values: [coupleId],
      });
      const row = rows[0];
      return row ? { ...row.state, conversation: row.state.conversation ?? null, seq: row.seq } : null;
    },
    async loadCouple(coupleId) {
      // One statement, so one snapshot and one round trip. The state comes as text and is parsed once,
      // not once per device row.
      const { rows } = await pool.query<{ seq: number; state: string } & Partial<DeviceRow>>({
        name: 'couple',
        text: `SELECT c.seq, c.state::text AS state, d.*
                 FROM couples c LEFT JOIN devices d ON d.couple_id = c.id
                WHERE c.id = $1 ORDER BY d.linked_at, d.ord`,
        values: [coupleId],
      });
      const first = rows[0];
      if (!first) return null;
      const stored = JSON.parse(first.state) as CoupleState;
      return {
        state: { ...stored, conversation: stored.conversation ?? null, seq: first.seq },
        devices: first.id ? rows.map((r) => toDevice(r as DeviceRow)) : [],
      };
    },
    async saveCoupleState(coupleId, expectedSeq, next) {
      const { rowCount } = await pool.query({
        name: 'cas-state',
        text: 'UPDATE couples SET seq = $1, state = $2 WHERE id = $3 AND seq = $4',
        values: [next.seq, JSON.stringify(next), coupleId, expectedSeq],
      });
      return rowCount === 1;
    },
  };
}

/** [is it in the patch?, its value]: one pair of parameters per setting, so the UPDATE stays one fixed statement. */
function setting<K extends keyof DeviceSettings>(
  patch: Partial<DeviceSettings>,
  key: K,
): [boolean, DeviceSettings[K] | null] {
  return patch[key] === undefined ? [false, null] : [true, patch[key]];
}
