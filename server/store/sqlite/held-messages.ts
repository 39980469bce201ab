import type Database from 'better-sqlite3';
import type { CoupleState } from '../../../shared/pause/machine.js';
import type { HeldDiscardOutcome, HeldMessageRecord, HeldSaveOutcome, Store } from '../store.js';

interface HeldRow {
  id: string;
  couple_id: string;
  author_id: string;
  pause_id: string;
  payload: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

type HeldMethods = Pick<
  Store,
  'saveHeldMessage' | 'discardHeldMessage' | 'listHeldByAuthor' | 'listHeldFor' | 'markHeldDelivered'
>;

/**
 * Held messages on SQLite. Each method is one synchronous transaction on the shared connection
 * (synchronous=FULL), so it is on disk before its promise resolves, and it cannot interleave with
 * a couple-state commit: the "is this pause still running?" check and the write see the same state.
 * Payloads are opaque and never logged or inspected here.
 */
export function heldMessageMethods(db: Database.Database): HeldMethods {
  const q = {
    state: db.prepare<[string], { state: string }>('SELECT state FROM couples WHERE id = ?'),
    get: db.prepare<[string], HeldRow>('SELECT * FROM held_messages WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO held_messages (id, couple_id, author_id, pause_id, payload, created_at, updated_at, delivered_at)
       VALUES (@id, @couple_id, @author_id, @pause_id, @payload, @created_at, @updated_at, NULL)`,
    ),
    edit: db.prepare<[string, number, string]>('UPDATE held_messages SET payload = ?, updated_at = ? WHERE id = ?'),
    remove: db.prepare<[string]>('DELETE FROM held_messages WHERE id = ?'),
    countInPause: db.prepare<[string, string, string], { n: number }>(
      'SELECT count(*) AS n FROM held_messages WHERE couple_id = ? AND author_id = ? AND pause_id = ?',
    ),
    byAuthor: db.prepare<[string, string], HeldRow>(
      `SELECT * FROM held_messages WHERE couple_id = ? AND author_id = ? AND delivered_at IS NULL
       ORDER BY created_at, rowid`,
    ),
    forRecipient: db.prepare<[string, string], HeldRow>(
      `SELECT * FROM held_messages WHERE couple_id = ? AND author_id != ? AND delivered_at IS NULL
       ORDER BY created_at, rowid`,
    ),
    // The payload goes as soon as the recipient has it: only a tombstone stays.
    deliver: db.prepare<[number, string]>(
      'UPDATE held_messages SET delivered_at = ?, payload = NULL WHERE id = ? AND delivered_at IS NULL',
    ),
  };

  /** The id of the pause that is running right now, or null (calm, reconnect, or no such couple). */
  function runningPause(coupleId: string): string | null {
    const row = q.state.get(coupleId);
    if (!row) return null;
    const state = JSON.parse(row.state) as Pick<CoupleState, 'phase' | 'pause'>;
    return state.phase === 'paused' && state.pause ? state.pause.id : null;
  }

  const save = db.transaction(
    (input: Parameters<HeldMethods['saveHeldMessage']>[0], maxPerPause: number): HeldSaveOutcome => {
      const pauseId = runningPause(input.coupleId);
      const existing = q.get.get(input.id);
      if (existing) {
        if (existing.couple_id !== input.coupleId || existing.author_id !== input.authorId) {
          return { ok: false, reason: 'not_yours' };
        }
        // Once its pause is over the message is on its way (perhaps already on the partner's phone).
        if (existing.delivered_at !== null || existing.pause_id !== pauseId) {
          return { ok: false, reason: 'already_delivered' };
        }
        q.edit.run(input.payload, input.now, input.id);
        return { ok: true, message: { ...toRecord(existing), payload: input.payload, updatedAt: input.now } };
      }
      if (pauseId === null) return { ok: false, reason: 'wrong_phase' };
      if (q.countInPause.get(input.coupleId, input.authorId, pauseId)!.n >= maxPerPause) {
        return { ok: false, reason: 'over_limit' };
      }
      const row: HeldRow = {
        id: input.id,
        couple_id: input.coupleId,
        author_id: input.authorId,
        pause_id: pauseId,
        payload: input.payload,
        created_at: input.now,
        updated_at: input.now,
        delivered_at: null,
      };
      q.insert.run(row);
      return { ok: true, message: { ...toRecord(row), payload: input.payload } };
    },
  );

  const discard = db.transaction((input: Parameters<HeldMethods['discardHeldMessage']>[0]): HeldDiscardOutcome => {
    const existing = q.get.get(input.id);
    if (!existing) return { ok: true };
    if (existing.couple_id !== input.coupleId || existing.author_id !== input.authorId) {
      return { ok: false, reason: 'not_yours' };
    }
    if (existing.delivered_at !== null || existing.pause_id !== runningPause(input.coupleId)) {
      return { ok: false, reason: 'already_delivered' };
    }
    q.remove.run(input.id);
    return { ok: true };
  });

  const markDelivered = db.transaction(
    (coupleId: string, recipientId: string, ids: readonly string[], now: number): string[] => {
      const running = runningPause(coupleId);
      const done: string[] = [];
      for (const id of new Set(ids)) {
        const row = q.get.get(id);
        if (!row || row.couple_id !== coupleId || row.author_id === recipientId) continue;
        if (row.delivered_at === null) {
          // A message still held was never sent: a guessed id must not erase it.
          if (row.pause_id === running) continue;
          q.deliver.run(now, id);
        }
        done.push(id);
      }
      return done;
    },
  );

  return {
    async saveHeldMessage(input, maxPerPause) {
      return save(input, maxPerPause);
    },
    async discardHeldMessage(input) {
      return discard(input);
    },
    async listHeldByAuthor(coupleId, authorId) {
      return q.byAuthor.all(coupleId, authorId).map(withPayload);
    },
    async listHeldFor(coupleId, recipientId) {
      return q.forRecipient.all(coupleId, recipientId).map(withPayload);
    },
    async markHeldDelivered(coupleId, recipientId, ids, now) {
      return markDelivered(coupleId, recipientId, ids, now);
    },
  };
}

function toRecord(r: HeldRow): HeldMessageRecord {
  return {
    id: r.id,
    coupleId: r.couple_id,
    authorId: r.author_id,
    pauseId: r.pause_id,
    payload: r.payload,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deliveredAt: r.delivered_at,
  };
}

/** Undelivered rows always keep their payload. */
function withPayload(r: HeldRow): HeldMessageRecord & { payload: string } {
  return { ...toRecord(r), payload: r.payload ?? '' };
}
