import type pg from 'pg';
import type { Store } from '../store.js';
import { transaction, type Queryable } from './pool.js';
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
 * Held messages on PostgreSQL. Each write is one transaction that first takes a share lock on the
 * couple's row: a state compare-and-set (an UPDATE of that row) waits for it, so "is this pause still
 * running?" and the write see the same state, as on SQLite. Payloads are opaque and never logged.
 */
export function heldMessageMethods(pool: pg.Pool): HeldMethods {
  /** The id of the pause that is running right now, or null; locks the couple's row until commit. */
  async function runningPause(db: Queryable, coupleId: string): Promise<string | null> {
    const { rows } = await db.query<{ pause_id: string | null }>(
      `SELECT CASE WHEN state->>'phase' = 'paused' THEN state->'pause'->>'id' END AS pause_id
         FROM couples WHERE id = $1 FOR SHARE`,
      [coupleId],
    );
    return rows[0]?.pause_id ?? null;
  }

  // Every lookup is within one author's own ids: someone else's id reads exactly like an unknown one.
  const get = async (db: Queryable, authorId: string, id: string) =>
    (await db.query<HeldRow>('SELECT * FROM held_messages WHERE author_id = $1 AND id = $2 FOR UPDATE', [authorId, id]))
      .rows[0];

  return {
    saveHeldMessage(input, maxPerPause) {
      return transaction(pool, async (db) => {
        const pauseId = await runningPause(db, input.coupleId);
        const existing = await get(db, input.authorId, input.id);
        if (existing && existing.couple_id === input.coupleId) {
          // Sent: it is the partner's now (perhaps already on their phone).
          if (existing.sent_at !== null) return { ok: false, reason: 'already_delivered' };
          await db.query('UPDATE held_messages SET payload = $1, updated_at = $2 WHERE author_id = $3 AND id = $4', [
            input.payload,
            input.now,
            input.authorId,
            input.id,
          ]);
          return { ok: true, message: { ...toHeld(existing), payload: input.payload, updatedAt: input.now } };
        }
        // An id this author used in an earlier couple is simply taken: a fresh phone makes fresh ids.
        if (existing) return { ok: false, reason: 'already_delivered' };
        if (pauseId === null) return { ok: false, reason: 'wrong_phase' };
        const { rows } = await db.query<{ n: number }>(
          'SELECT count(*)::integer AS n FROM held_messages WHERE couple_id = $1 AND author_id = $2 AND pause_id = $3',
          [input.coupleId, input.authorId, pauseId],
        );
        if (rows[0]!.n >= maxPerPause) return { ok: false, reason: 'over_limit' };
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
        // Two saves of one new id at once: the second waits on the key, then finds it taken.
        const inserted = await db.query(
          `INSERT INTO held_messages (id, couple_id, author_id, pause_id, payload, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (author_id, id) DO NOTHING`,
          [row.id, row.couple_id, row.author_id, row.pause_id, row.payload, row.created_at, row.updated_at],
        );
        if (inserted.rowCount === 0)
          throw Object.assign(new Error('held message saved concurrently'), { code: '40001' });
        return { ok: true, message: { ...toHeld(row), payload: input.payload } };
      });
    },
    discardHeldMessage(input) {
      return transaction(pool, async (db) => {
        const existing = await get(db, input.authorId, input.id);
        if (!existing || existing.couple_id !== input.coupleId) return { ok: true };
        if (existing.sent_at !== null) return { ok: false, reason: 'already_delivered' };
        await db.query('DELETE FROM held_messages WHERE author_id = $1 AND id = $2', [input.authorId, input.id]);
        return { ok: true };
      });
    },
    sendHeldMessage(input) {
      return transaction(pool, async (db) => {
        const running = await runningPause(db, input.coupleId);
        const existing = await get(db, input.authorId, input.id);
        if (!existing || existing.couple_id !== input.coupleId || existing.delivered_at !== null)
          return { ok: false, reason: 'not_found' };
        if (existing.sent_at !== null) return { ok: true, message: toHeldWithPayload(existing), fresh: false };
        // No contact during a break: a note is reviewed and sent only once its own pause is over.
        if (existing.pause_id === running) return { ok: false, reason: 'wrong_phase' };
        const payload = input.payload ?? existing.payload ?? '';
        const updatedAt =
          input.payload !== undefined && input.payload !== existing.payload ? input.now : existing.updated_at;
        await db.query(
          'UPDATE held_messages SET payload = $1, updated_at = $2, sent_at = $3 WHERE author_id = $4 AND id = $5',
          [payload, updatedAt, input.now, input.authorId, input.id],
        );
        return { ok: true, message: { ...toHeld(existing), payload, updatedAt, sentAt: input.now }, fresh: true };
      });
    },
    async listHeldByAuthor(coupleId, authorId) {
      const { rows } = await pool.query<HeldRow>(
        'SELECT * FROM held_messages WHERE couple_id = $1 AND author_id = $2 AND delivered_at IS NULL ORDER BY created_at, ord',
        [coupleId, authorId],
      );
      return rows.map(toHeldWithPayload);
    },
    async listHeldFor(coupleId, recipientId) {
      const { rows } = await pool.query<HeldRow>(
        `SELECT * FROM held_messages WHERE couple_id = $1 AND author_id != $2 AND sent_at IS NOT NULL AND delivered_at IS NULL
         ORDER BY sent_at, created_at, ord`,
        [coupleId, recipientId],
      );
      return rows.map(toHeldWithPayload);
    },
    markHeldDelivered(coupleId, recipientId, ids, now) {
      return transaction(pool, async (db) => {
        const done: string[] = [];
        for (const id of new Set(ids)) {
          const { rows } = await db.query<HeldRow>(
            'SELECT * FROM held_messages WHERE couple_id = $1 AND id = $2 AND author_id != $3 FOR UPDATE',
            [coupleId, id, recipientId],
          );
          const row = rows[0];
          // A message its author has not sent is not the recipient's: a guessed id must not erase it.
          if (!row || row.sent_at === null) continue;
          if (row.delivered_at === null) {
            // The payload goes as soon as the recipient has it: only a tombstone stays.
            await db.query(
              'UPDATE held_messages SET delivered_at = $1, payload = NULL WHERE author_id = $2 AND id = $3',
              [now, row.author_id, id],
            );
          }
          done.push(id);
        }
        return done;
      });
    },
  };
}
