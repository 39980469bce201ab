import type Database from 'better-sqlite3';
import type { CoupleState } from '../../../shared/pause/machine.js';
import type { HeldDiscardOutcome, HeldSaveOutcome, HeldSendOutcome, Store } from '../store.js';
import { toHeld, toHeldWithPayload, type HeldRow } from '../rows.js';

type HeldMethods = Pick<
  Store,
  | 'saveHeldMessage'
  | 'discardHeldMessage'
  | 'sendHeldMessage'
  | 'listHeldByAuthor'
  | 'listHeldFor'
  | 'markHeldDelivered'
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
    // Every lookup is within one author's own ids: someone else's id reads exactly like an unknown one.
    get: db.prepare<[string, string], HeldRow>('SELECT * FROM held_messages WHERE author_id = ? AND id = ?'),
    insert: db.prepare(
      `INSERT INTO held_messages (id, couple_id, author_id, pause_id, payload, created_at, updated_at, sent_at, delivered_at)
       VALUES (@id, @couple_id, @author_id, @pause_id, @payload, @created_at, @updated_at, NULL, NULL)`,
    ),
    edit: db.prepare<[string, number, string, string]>(
      'UPDATE held_messages SET payload = ?, updated_at = ? WHERE author_id = ? AND id = ?',
    ),
    send: db.prepare<[string, number, number, string, string]>(
      'UPDATE held_messages SET payload = ?, updated_at = ?, sent_at = ? WHERE author_id = ? AND id = ?',
    ),
    remove: db.prepare<[string, string]>('DELETE FROM held_messages WHERE author_id = ? AND id = ?'),
    toRecipient: db.prepare<[string, string, string], HeldRow>(
      'SELECT * FROM held_messages WHERE couple_id = ? AND id = ? AND author_id != ?',
    ),
    countInPause: db.prepare<[string, string, string], { n: number }>(
      'SELECT count(*) AS n FROM held_messages WHERE couple_id = ? AND author_id = ? AND pause_id = ?',
    ),
    byAuthor: db.prepare<[string, string], HeldRow>(
      `SELECT * FROM held_messages WHERE couple_id = ? AND author_id = ? AND delivered_at IS NULL
       ORDER BY created_at, rowid`,
    ),
    forRecipient: db.prepare<[string, string], HeldRow>(
      `SELECT * FROM held_messages WHERE couple_id = ? AND author_id != ? AND sent_at IS NOT NULL AND delivered_at IS NULL
       ORDER BY sent_at, created_at, rowid`,
    ),
    // The payload goes as soon as the recipient has it: only a tombstone stays.
    deliver: db.prepare<[number, string, string]>(
      'UPDATE held_messages SET delivered_at = ?, payload = NULL WHERE author_id = ? AND id = ? AND delivered_at IS NULL',
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
      const existing = q.get.get(input.authorId, input.id);
      if (existing && existing.couple_id === input.coupleId) {
        // Sent: it is the partner's now (perhaps already on their phone).
        if (existing.sent_at !== null) return { ok: false, reason: 'already_delivered' };
        q.edit.run(input.payload, input.now, input.authorId, input.id);
        return { ok: true, message: { ...toHeld(existing), payload: input.payload, updatedAt: input.now } };
      }
      // An id this author used in an earlier couple is simply taken: a fresh phone makes fresh ids.
      if (existing) return { ok: false, reason: 'already_delivered' };
      const pauseId = runningPause(input.coupleId);
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
        sent_at: null,
        delivered_at: null,
      };
      q.insert.run(row);
      return { ok: true, message: { ...toHeld(row), payload: input.payload } };
    },
  );

  const discard = db.transaction((input: Parameters<HeldMethods['discardHeldMessage']>[0]): HeldDiscardOutcome => {
    const existing = q.get.get(input.authorId, input.id);
    if (!existing || existing.couple_id !== input.coupleId) return { ok: true };
    if (existing.sent_at !== null) return { ok: false, reason: 'already_delivered' };
    q.remove.run(input.authorId, input.id);
    return { ok: true };
  });

  const send = db.transaction((input: Parameters<HeldMethods['sendHeldMessage']>[0]): HeldSendOutcome => {
    const existing = q.get.get(input.authorId, input.id);
    if (!existing || existing.couple_id !== input.coupleId || existing.delivered_at !== null)
      return { ok: false, reason: 'not_found' };
    if (existing.sent_at !== null) return { ok: true, message: toHeldWithPayload(existing), fresh: false };
    // No contact during a break: a note is reviewed and sent only once its own pause is over.
    if (existing.pause_id === runningPause(input.coupleId)) return { ok: false, reason: 'wrong_phase' };
    const payload = input.payload ?? existing.payload ?? '';
    const updatedAt =
      input.payload !== undefined && input.payload !== existing.payload ? input.now : existing.updated_at;
    q.send.run(payload, updatedAt, input.now, input.authorId, input.id);
    return { ok: true, message: { ...toHeld(existing), payload, updatedAt, sentAt: input.now }, fresh: true };
  });

  const markDelivered = db.transaction(
    (coupleId: string, recipientId: string, ids: readonly string[], now: number): string[] => {
      const done: string[] = [];
      for (const id of new Set(ids)) {
        const row = q.toRecipient.get(coupleId, id, recipientId);
        // A message its author has not sent is not the recipient's: a guessed id must not erase it.
        if (!row || row.sent_at === null) continue;
        if (row.delivered_at === null) q.deliver.run(now, row.author_id, id);
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
    async sendHeldMessage(input) {
      return send(input);
    },
    async listHeldByAuthor(coupleId, authorId) {
      return q.byAuthor.all(coupleId, authorId).map(toHeldWithPayload);
    },
    async listHeldFor(coupleId, recipientId) {
      return q.forRecipient.all(coupleId, recipientId).map(toHeldWithPayload);
    },
    async markHeldDelivered(coupleId, recipientId, ids, now) {
      return markDelivered(coupleId, recipientId, ids, now);
    },
  };
}
