import type Database from 'better-sqlite3';
import type { DeviceRecord, JoinOutcome, Store } from '../store.js';
import type { BumpSeq } from './couples.js';
import type { DeviceRows } from './devices.js';
import type { ReadCache } from './read-cache.js';
import { scrub } from './scrub.js';
import { toInvite, type InviteRow } from '../rows.js';

type InviteMethods = Pick<
  Store,
  | 'createInvite'
  | 'findInviteByLookup'
  | 'findInviteByTokenHash'
  | 'recordWrongGuess'
  | 'joinWithInvite'
  | 'lookupInUse'
  | 'purgeAbandonedInvites'
>;

const MAX_DEVICES = 2;

/** Invites on SQLite: made by the first phone, used once by the second, purged with their couple when nobody came. */
export function inviteMethods(
  db: Database.Database,
  cache: ReadCache,
  devices: DeviceRows,
  bumpSeq: BumpSeq,
): InviteMethods {
  const q = {
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
    // Nobody ever joined: only the maker's device, no invite used, none still open. Found through the
    // expired unused invites, so the hourly purge reads only those.
    purgeLoneCouples: db.prepare<{ before: number }>(
      `DELETE FROM couples WHERE unpaired_at IS NULL
         AND id IN (SELECT couple_id FROM invites WHERE used_at IS NULL AND expires_at <= @before)
         AND (SELECT count(*) FROM devices WHERE couple_id = couples.id) < 2
         AND NOT EXISTS (SELECT 1 FROM invites WHERE couple_id = couples.id AND (used_at IS NOT NULL OR expires_at > @before))`,
    ),
    purgeExpiredInvites: db.prepare<{ before: number }>(
      'DELETE FROM invites WHERE used_at IS NULL AND expires_at <= @before',
    ),
  };

  const join = db.transaction((inviteId: string, device: DeviceRecord, now: number): JoinOutcome => {
    const invite = q.inviteCouple.get(inviteId);
    if (!invite || q.useInvite.run(now, inviteId).changes === 0) return 'used';
    if (devices.count(invite.couple_id) >= MAX_DEVICES) return 'full';
    devices.insert({ ...device, coupleId: invite.couple_id });
    bumpSeq(invite.couple_id);
    return 'joined';
  });

  const purgeAbandoned = db.transaction((before: number): { couples: number; invites: number } => {
    const couples = q.purgeLoneCouples.run({ before }).changes;
    return { couples, invites: q.purgeExpiredInvites.run({ before }).changes };
  });

  return {
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
    async purgeAbandonedInvites(expiredBefore) {
      const { couples, invites } = purgeAbandoned(expiredBefore);
      if (couples > 0) cache.clear();
      if (couples + invites > 0) scrub(db);
      return couples;
    },
  };
}
