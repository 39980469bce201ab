import type Database from 'better-sqlite3';
import type { CoupleState } from '../../../shared/pause/machine.js';
import type { DeviceRecord, Store } from '../store.js';
import type { DeviceRows } from './devices.js';
import { groupCommit } from './group-commit.js';
import type { ReadCache } from './read-cache.js';
import { scrub } from './scrub.js';

/** Moves the couple's seq on by one inside the caller's transaction; returns the new seq. */
export type BumpSeq = (coupleId: string) => number;

type CoupleMethods = Pick<
  Store,
  'createCouple' | 'loadCoupleState' | 'saveCoupleState' | 'deleteCouple' | 'unpairCouple' | 'purgeUnpaired'
>;

/**
 * For a write outside the couple's state that a command must not race (a device changed, a phone
 * joined, an unpair). The stored state carries its own seq too, so the column and the JSON never disagree.
 */
export function coupleSeq(db: Database.Database, cache: ReadCache): BumpSeq {
  const bump = db.prepare<[string], { seq: number; state: string }>(
    'UPDATE couples SET seq = seq + 1 WHERE id = ? RETURNING seq, state',
  );
  const setState = db.prepare('UPDATE couples SET state = ? WHERE id = ?');
  return (coupleId) => {
    const bumped = bump.get(coupleId);
    if (!bumped) throw new Error('couple not found');
    cache.forget(coupleId);
    setState.run(JSON.stringify({ ...(JSON.parse(bumped.state) as CoupleState), seq: bumped.seq }), coupleId);
    return bumped.seq;
  };
}

/**
 * A couple's shared state and its life: created with the first phone, saved by compare-and-set
 * through the group commit, unpaired (kept for the retention period) or deleted at once.
 */
export function coupleMethods(
  db: Database.Database,
  cache: ReadCache,
  devices: DeviceRows,
  bumpSeq: BumpSeq,
): CoupleMethods {
  const states = cache.table<CoupleState | null>();
  const stateWrites = groupCommit(db);
  const q = {
    insertCouple: db.prepare('INSERT INTO couples (id, created_at, seq, state) VALUES (?, ?, ?, ?)'),
    state: db.prepare<[string], { seq: number; state: string }>('SELECT seq, state FROM couples WHERE id = ?'),
    casState: db.prepare('UPDATE couples SET seq = ?, state = ? WHERE id = ? AND seq = ?'),
    deleteCouple: db.prepare('DELETE FROM couples WHERE id = ?'),
    deleteDevicesOf: db.prepare<[string]>('DELETE FROM devices WHERE couple_id = ?'),
    deleteInvitesOf: db.prepare<[string]>('DELETE FROM invites WHERE couple_id = ?'),
    deleteHeldOf: db.prepare<[string]>('DELETE FROM held_messages WHERE couple_id = ?'),
    markUnpaired: db.prepare<[number, string]>('UPDATE couples SET unpaired_at = ? WHERE id = ?'),
    purgeUnpaired: db.prepare<[number]>('DELETE FROM couples WHERE unpaired_at IS NOT NULL AND unpaired_at <= ?'),
  };

  const createCouple = db.transaction((coupleId: string, device: DeviceRecord, state: CoupleState) => {
    cache.forget(coupleId);
    q.insertCouple.run(coupleId, device.linkedAt, state.seq, JSON.stringify(state));
    devices.insert(device);
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

  return {
    async createCouple(coupleId, device, state) {
      createCouple(coupleId, device, state);
    },
    async loadCoupleState(coupleId) {
      return states.get(coupleId, () => {
        const row = q.state.get(coupleId);
        if (!row) return null;
        const stored = JSON.parse(row.state) as Omit<CoupleState, 'conversation'> &
          Partial<Pick<CoupleState, 'conversation'>>;
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
    async deleteCouple(coupleId) {
      q.deleteCouple.run(coupleId);
      cache.forget(coupleId);
      scrub(db);
    },
    async unpairCouple(coupleId, now) {
      unpairCouple(coupleId, now);
      scrub(db);
    },
    async purgeUnpaired(unpairedBefore) {
      const { changes } = q.purgeUnpaired.run(unpairedBefore);
      if (changes > 0) {
        cache.clear();
        scrub(db);
      }
      return changes;
    },
  };
}
