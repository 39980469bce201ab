import type pg from 'pg';
import type { HeldMessageRecord, Store } from '../store.js';
import { transaction, type Queryable } from './pool.js';

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

  const get = async (db: Queryable, id: string) =>
    (await db.query<HeldRow>('SELECT * FROM held_messages WHERE id = $1 FOR UPDATE', [id])).rows[0];

  return {
    saveHeldMessage(input, maxPerPause) {
      return transaction(pool, async (db) => {
        const pauseId = await runningPause(db, input.coupleId);
        const existing = await get(db, input.id);
        if (existing) {
          if (existing.couple_id !== input.coupleId || existing.author_id !== input.authorId) {
            return { ok: false, reason: 'not_yours' };
          }
          // Once its pause is over the message is on its way (perhaps already on the partner's phone).
          if (existing.delivered_at !== null || existing.pause_id !== pauseId) return { ok: false, reason: 'already_delivered' };
          await db.query('UPDATE held_messages SET payload = $1, updated_at = $2 WHERE id = $3', [input.payload, input.now, input.id]);
          return { ok: true, message: { ...toRecord(existing), payload: input.payload, updatedAt: input.now } };
        }
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
          delivered_at: null,
        };
        await db.query(
          `INSERT INTO held_messages (id, couple_id, author_id, pause_id, payload, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [row.id, row.couple_id, row.author_id, row.pause_id, row.payload, row.created_at, row.updated_at],
        );
        return { ok: true, message: { ...toRecord(row), payload: input.payload } };
      });
    },
    discardHeldMessage(input) {
      return transaction(pool, async (db) => {
        const running = await runningPause(db, input.coupleId);
        const existing = await get(db, input.id);
        if (!existing) return { ok: true };
        if (existing.couple_id !== input.coupleId || existing.author_id !== input.authorId) return { ok: false, reason: 'not_yours' };
        if (existing.delivered_at !== null || existing.pause_id !== running) return { ok: false, reason: 'already_delivered' };
        await db.query('DELETE FROM held_messages WHERE id = $1', [input.id]);
        return { ok: true };
      });
    },
    async listHeldByAuthor(coupleId, authorId) {
      const { rows } = await pool.query<HeldRow>(
        `SELECT * FROM held_messages WHERE couple_id = $1 AND author_id = $2 AND delivered_at IS NULL ORDER BY created_at, ord`,
        [coupleId, authorId],
      );
      return rows.map(withPayload);
    },
    async listHeldFor(coupleId, recipientId) {
      const { rows } = await pool.query<HeldRow>(
        `SELECT * FROM held_messages WHERE couple_id = $1 AND author_id != $2 AND delivered_at IS NULL ORDER BY created_at, ord`,
        [coupleId, recipientId],
      );
      return rows.map(withPayload);
    },
    markHeldDelivered(coupleId, recipientId, ids, now) {
      return transaction(pool, async (db) => {
        const running = await runningPause(db, coupleId);
        const done: string[] = [];
        for (const id of new Set(ids)) {
          const row = await get(db, id);
          if (!row || row.couple_id !== coupleId || row.author_id === recipientId) continue;
          if (row.delivered_at === null) {
            // A message still held was never sent: a guessed id must not erase it.
            if (row.pause_id === running) continue;
            // The payload goes as soon as the recipient has it: only a tombstone stays.
            await db.query('UPDATE held_messages SET delivered_at = $1, payload = NULL WHERE id = $2', [now, id]);
          }
          done.push(id);
        }
        return done;
      });
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
