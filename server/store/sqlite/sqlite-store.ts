import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Store } from '../store.js';
import { coupleMethods, coupleSeq } from './couples.js';
import { deviceMethods, deviceRows } from './devices.js';
import { heldMessageMethods } from './held-messages.js';
import { inviteMethods } from './invites.js';
import { migrations } from './migrations.js';
import { pushMethods } from './push.js';
import { rateLimitMethods } from './rate-limits.js';
import { createReadCache } from './read-cache.js';

/** Couples whose hot reads stay in memory; a few KB each. */
const CACHED_COUPLES = 20_000;

/**
 * The store on one SQLite file, one connection. Each concern keeps its own statements; they share
 * the connection (so their transactions never interleave), the read cache and the couple's seq.
 */
export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before better-sqlite3 returns, so the ack that follows is honest.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros instead of lingering in free space; see scrub.ts for the WAL.
  db.pragma('secure_delete = ON');
  migrate(db);

  const cache = createReadCache(db, CACHED_COUPLES);
  const bumpSeq = coupleSeq(db, cache);
  const rows = deviceRows(db);

  const couples = coupleMethods(db, cache, rows, bumpSeq);
  const devices = deviceMethods(db, cache, bumpSeq);

  return {
    ...couples,
    ...devices,
    ...inviteMethods(db, cache, rows, bumpSeq),
    ...rateLimitMethods(db),
    ...heldMessageMethods(db),
    ...pushMethods(db, cache),
    async loadCouple(coupleId) {
      // Both answer synchronously underneath (one connection, cached reads), so nothing runs between them.
      const [state, list] = await Promise.all([couples.loadCoupleState(coupleId), devices.listDevices(coupleId)]);
      return state ? { state, devices: list } : null;
    },
    async health() {
      db.prepare('SELECT 1').get();
      return { ok: true, kind: 'sqlite' };
    },
    async close() {
      db.close();
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
