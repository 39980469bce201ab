import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CoupleState } from '../../../shared/pause/machine.js';
import type { DeviceRecord, DeviceSettings, InviteRecord, JoinOutcome, Store } from '../store.js';
import { heldMessageMethods } from './held-messages.js';
import { migrations } from './migrations.js';
import { pushMethods } from './push.js';
import { createReadCache } from './read-cache.js';
import { groupCommit } from './group-commit.js';

interface DeviceRow {
  id: string;
  couple_id: string;
  name: string;
  secret_hash: Buffer;
  linked_at: number;
  default_minutes: number;
  reassurance: string;
  tends_to_withdraw: number | null;
  public_key: string | null;
  agreed_terms: string | null;
}

interface InviteRow {
  id: string;
  couple_id: string;
  lookup: string;
  secret_hash: Buffer;
  token_hash: Buffer;
  created_at: number;
  expires_at: number;
  wrong_guesses: number;
  used_at: number | null;
}

const MAX_DEVICES = 2;
/** Couples whose hot reads stay in memory; a few KB each. */
const CACHED_COUPLES = 20_000;

export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before better-sqlite3 returns, so the ack that follows is honest.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros instead of lingering in free space; see `scrub` for the WAL.
  db.pragma('secure_delete = ON');
  migrate(db);

  const q = {
    insertCouple: db.prepare('INSERT INTO couples (id, created_at, seq, state) VALUES (?, ?, ?, ?)'),
    insertDevice: db.prepare(
      `INSERT INTO devices (id, couple_id, name, secret_hash, linked_at, default_minutes, reassurance, tends_to_withdraw)
       VALUES (@id, @couple_id, @name, @secret_hash, @linked_at, @default_minutes, @reassurance, @tends_to_withdraw)`,
    ),
    device: db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE id = ?'),
    devices: db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE couple_id = ? ORDER BY linked_at, rowid'),
    countDevices: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM devices WHERE couple_id = ?'),
    bumpSeq: db.prepare<[string], { seq: number; state: string }>(
      'UPDATE couples SET seq = seq + 1 WHERE id = ? RETURNING seq, state',
    ),
    setState: db.prepare('UPDATE couples SET state = ? WHERE id = ?'),
    deleteCouple: db.prepare('DELETE FROM couples WHERE id = ?'),
    deleteDevicesOf: db.prepare<[string]>('DELETE FROM devices WHERE couple_id = ?'),
    deleteInvitesOf: db.prepare<[string]>('DELETE FROM invites WHERE couple_id = ?'),
    deleteHeldOf: db.prepare<[string]>('DELETE FROM held_messages WHERE couple_id = ?'),
    markUnpaired: db.prepare<[number, string]>('UPDATE couples SET unpaired_at = ? WHERE id = ?'),
    purgeUnpaired: db.prepare<[number]>('DELETE FROM couples WHERE unpaired_at IS NOT NULL AND unpaired_at <= ?'),
    insertInvite: db.prepare(
      `INSERT INTO invites (id, couple_id, lookup, secret_hash, token_hash, created_at, expires_at, wrong_guesses, used_at)
       VALUES (@id, @couple_id, @lookup, @secret_hash, @token_hash, @created_at, @expires_at, @wrong_guesses, @used_at)`,
    ),
    inviteByLookup: db.prepare<[string], InviteRow>(
      'SELECT * FROM invites WHERE lookup = ? AND used_at IS NULL ORDER BY created_at DESC LIMIT 1',
    ),
    inviteByToken: db.prepare<[Buffer], InviteRow>('SELECT * FROM invites WHERE token_hash = ?'),
    lookupInUse: db.prepare<[string, number], { n: number }>(
      'SELECT count(*) AS n FROM invites WHERE lookup = ? AND used_at IS NULL AND expires_at > ?',
    ),
    wrongGuess: db.prepare<[string], { wrong_guesses: number }>(
      'UPDATE invites SET wrong_guesses = wrong_guesses + 1 WHERE id = ? RETURNING wrong_guesses',
    ),
    useInvite: db.prepare('UPDATE invites SET used_at = ? WHERE id = ? AND used_at IS NULL'),
    inviteCouple: db.prepare<[string], { couple_id: string }>('SELECT couple_id FROM invites WHERE id = ?'),
    hit: db.prepare<[{ key: string; ws: number; we: number }], { hits: number }>(
      `INSERT INTO rate_limits (key, window_start, hits, window_end) VALUES (@key, @ws, 1, @we)
       ON CONFLICT(key) DO UPDATE SET
         hits = CASE WHEN window_start = @ws THEN hits + 1 ELSE 1 END,
         window_start = @ws,
         window_end = @we
       RETURNING hits`,
    ),
    purgeRateLimits: db.prepare<[number]>('DELETE FROM rate_limits WHERE window_end <= ?'),
    // Nobody ever joined: only the maker's device, no invite used, none still open. Found through the
    // expired unused invites, so the hourly purge reads only those.
    purgeLoneCouples: db.prepare<{ before: number }>(
      `DELETE FROM couples WHERE unpaired_at IS NULL
         AND id IN (SELECT couple_id FROM invites WHERE used_at IS NULL AND expires_at <= @before)
         AND (SELECT count(*) FROM devices WHERE couple_id = couples.id) < 2
         AND NOT EXISTS (SELECT 1 FROM invites WHERE couple_id = couples.id AND (used_at IS NOT NULL OR expires_at > @before))`,
    ),
    purgeExpiredInvites: db.prepare<{ before: number }>('DELETE FROM invites WHERE used_at IS NULL AND expires_at <= @before'),
    state: db.prepare<[string], { seq: number; state: string }>('SELECT seq, state FROM couples WHERE id = ?'),
    casState: db.prepare('UPDATE couples SET seq = ?, state = ? WHERE id = ? AND seq = ?'),
    setPublicKey: db.prepare<[string, string], { couple_id: string }>(
      'UPDATE devices SET public_key = ? WHERE id = ? RETURNING couple_id',
    ),
  };

  const stateWrites = groupCommit(db);
  const cache = createReadCache(db, CACHED_COUPLES);
  const states = cache.table<CoupleState | null>();
  const devicesOf = cache.table<DeviceRecord[]>();

  const updateSettings = db.transaction((deviceId: string, patch: Partial<DeviceSettings>): number => {
    const row = q.device.get(deviceId);
    if (!row) throw new Error('device not found');
    const sets: string[] = [];
    const values: Record<string, unknown> = { id: deviceId };
    if (patch.name !== undefined) {
      sets.push('name = @name');
      values.name = patch.name;
    }
    if (patch.defaultMinutes !== undefined) {
      sets.push('default_minutes = @dm');
      values.dm = patch.defaultMinutes;
    }
    if (patch.reassurance !== undefined) {
      sets.push('reassurance = @r');
      values.r = patch.reassurance;
    }
    if (patch.tendsToWithdraw !== undefined) {
      sets.push('tends_to_withdraw = @w');
      values.w = patch.tendsToWithdraw === null ? null : Number(patch.tendsToWithdraw);
    }
    if (patch.agreedTerms !== undefined) {
      sets.push('agreed_terms = @at');
      values.at = patch.agreedTerms;
    }
    if (sets.length) db.prepare(`UPDATE devices SET ${sets.join(', ')} WHERE id = @id`).run(values);
    return bumpSeq(row.couple_id);
  });

  /** The stored state carries its own seq too, so the column and the JSON never disagree. */
  function bumpSeq(coupleId: string): number {
    const bumped = q.bumpSeq.get(coupleId);
    if (!bumped) throw new Error('couple not found');
    cache.forget(coupleId);
    q.setState.run(JSON.stringify({ ...(JSON.parse(bumped.state) as CoupleState), seq: bumped.seq }), coupleId);
    return bumped.seq;
  }

  const setPublicKey = db.transaction((deviceId: string, publicKey: string): number => {
    const row = q.setPublicKey.get(publicKey, deviceId);
    if (!row) throw new Error('device not found');
    return bumpSeq(row.couple_id);
  });

  const join = db.transaction((inviteId: string, device: DeviceRecord, now: number): JoinOutcome => {
    const invite = q.inviteCouple.get(inviteId);
    if (!invite || q.useInvite.run(now, inviteId).changes === 0) return 'used';
    if (q.countDevices.get(invite.couple_id)!.n >= MAX_DEVICES) return 'full';
    q.insertDevice.run(deviceRow({ ...device, coupleId: invite.couple_id }));
    bumpSeq(invite.couple_id);
    return 'joined';
  });

  const unpairCouple = db.transaction((coupleId: string, now: number) => {
    cache.forget(coupleId);
    q.deleteDevicesOf.run(coupleId);
    q.deleteInvitesOf.run(coupleId);
    // Undelivered messages can never reach anyone now; they are personal text, so they go at once.
    q.deleteHeldOf.run(coupleId);
    q.markUnpaired.run(now, coupleId);
    // A command that read the state before this point must lose its compare-and-set.
    bumpSeq(coupleId);
  });

  /**
   * With secure_delete the database pages hold zeros where deleted rows were, but older copies of those
   * pages can still sit in the WAL: copy the WAL back and truncate it to nothing.
   */
  function scrub(): void {
    db.pragma('wal_checkpoint(TRUNCATE)');
  }

  const purgeAbandoned = db.transaction((before: number): { couples: number; invites: number } => {
    const couples = q.purgeLoneCouples.run({ before }).changes;
    return { couples, invites: q.purgeExpiredInvites.run({ before }).changes };
  });

  const createCouple = db.transaction((coupleId: string, device: DeviceRecord, state: CoupleState) => {
    cache.forget(coupleId);
    q.insertCouple.run(coupleId, device.linkedAt, state.seq, JSON.stringify(state));
    q.insertDevice.run(deviceRow(device));
  });

  return {
    ...heldMessageMethods(db),
    ...pushMethods(db, cache),
    async health() {
      db.prepare('SELECT 1').get();
      return { ok: true, kind: 'sqlite' };
    },
    async close() {
      db.close();
    },
    async createCouple(coupleId, device, state) {
      createCouple(coupleId, device, state);
    },
    async findDevice(deviceId) {
      const row = q.device.get(deviceId);
      return row ? toDevice(row) : null;
    },
    async listDevices(coupleId) {
      return devicesOf.get(coupleId, () => q.devices.all(coupleId).map(toDevice));
    },
    async updateDeviceSettings(deviceId, patch) {
      return updateSettings(deviceId, patch);
    },
    async setDevicePublicKey(deviceId, publicKey) {
      return setPublicKey(deviceId, publicKey);
    },
    async deleteCouple(coupleId) {
      q.deleteCouple.run(coupleId);
      cache.forget(coupleId);
      scrub();
    },
    async unpairCouple(coupleId, now) {
      unpairCouple(coupleId, now);
      scrub();
    },
    async purgeUnpaired(unpairedBefore) {
      const { changes } = q.purgeUnpaired.run(unpairedBefore);
      if (changes > 0) {
        cache.clear();
        scrub();
      }
      return changes;
    },
    async purgeAbandonedInvites(expiredBefore) {
      const { couples, invites } = purgeAbandoned(expiredBefore);
      if (couples > 0) cache.clear();
      if (couples + invites > 0) scrub();
      return couples;
    },
    async createInvite(invite) {
      q.insertInvite.run({
        id: invite.id,
        couple_id: invite.coupleId,
        lookup: invite.lookup,
        secret_hash: invite.secretHash,
        token_hash: invite.tokenHash,
        created_at: invite.createdAt,
        expires_at: invite.expiresAt,
        wrong_guesses: invite.wrongGuesses,
        used_at: invite.usedAt,
      });
    },
    async findInviteByLookup(lookup) {
      const row = q.inviteByLookup.get(lookup);
      return row ? toInvite(row) : null;
    },
    async findInviteByTokenHash(tokenHash) {
      const row = q.inviteByToken.get(tokenHash);
      return row ? toInvite(row) : null;
    },
    async recordWrongGuess(inviteId) {
      return q.wrongGuess.get(inviteId)?.wrong_guesses ?? 0;
    },
    async joinWithInvite(inviteId, device, now) {
      return join(inviteId, device, now);
    },
    async lookupInUse(lookup, now) {
      return q.lookupInUse.get(lookup, now)!.n > 0;
    },
    async hitRateLimit(key, now, windowMs) {
      const ws = now - (now % windowMs);
      return q.hit.get({ key, ws, we: ws + windowMs })!.hits;
    },
    async purgeRateLimits(now) {
      return q.purgeRateLimits.run(now).changes;
    },
    async loadCoupleState(coupleId) {
      return states.get(coupleId, () => {
        const row = q.state.get(coupleId);
        if (!row) return null;
        const stored = JSON.parse(row.state) as Omit<CoupleState, 'conversation'> & Partial<Pick<CoupleState, 'conversation'>>;
        // Rows written before the reconnect conversation existed have no `conversation`: none.
        return { ...stored, conversation: stored.conversation ?? null, seq: row.seq };
      });
    },
    saveCoupleState(coupleId, expectedSeq, next) {
      return stateWrites.add(
        () => q.casState.run(next.seq, JSON.stringify(next), coupleId, expectedSeq).changes === 1,
        // A lost compare-and-set means the cached state is behind: the retry reads the file.
        (saved) => (saved ? states.set(coupleId, next) : cache.forget(coupleId)),
      );
    },
  };
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

function deviceRow(d: DeviceRecord) {
  return {
    id: d.id,
    couple_id: d.coupleId,
    name: d.name,
    secret_hash: d.secretHash,
    linked_at: d.linkedAt,
    default_minutes: d.defaultMinutes,
    reassurance: d.reassurance,
    tends_to_withdraw: d.tendsToWithdraw === null ? null : Number(d.tendsToWithdraw),
  };
}

function toDevice(r: DeviceRow): DeviceRecord {
  return {
    id: r.id,
    coupleId: r.couple_id,
    name: r.name,
    secretHash: r.secret_hash,
    linkedAt: r.linked_at,
    defaultMinutes: r.default_minutes,
    reassurance: r.reassurance,
    tendsToWithdraw: r.tends_to_withdraw === null ? null : r.tends_to_withdraw === 1,
    publicKey: r.public_key,
    agreedTerms: r.agreed_terms,
  };
}

function toInvite(r: InviteRow): InviteRecord {
  return {
    id: r.id,
    coupleId: r.couple_id,
    lookup: r.lookup,
    secretHash: r.secret_hash,
    tokenHash: r.token_hash,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    wrongGuesses: r.wrong_guesses,
    usedAt: r.used_at,
  };
}
