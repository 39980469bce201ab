import type Database from 'better-sqlite3';

/** One kind of cached read, keyed by couple id. */
export interface CachedReads<T> {
  /** The cached value, or `load()`'s, which is kept. */
  get(coupleId: string, load: () => T): T;
  /** Keeps a value just committed (unless another connection has written since). */
  set(coupleId: string, value: T): void;
}

export interface ReadCache {
  table<T>(): CachedReads<T>;
  /** Drops every table's entry for the couple; called by every write that touches it. */
  forget(coupleId: string): void;
  clear(): void;
}

/**
 * Write-through memo of the reads on the hot path (a couple's state, devices and push
 * subscriptions), so a pause costs no row lookups or JSON parsing. SQLite stays the source of truth:
 * every write goes to the file first and then updates or drops the entry, and `PRAGMA data_version`
 * (which changes only when another connection commits) empties everything once another process or
 * connection has written the file. Values are shared, so callers must treat them as read-only.
 * Entries beyond `maxEntries` per table are evicted oldest first.
 */
export function createReadCache(db: Database.Database, maxEntries: number): ReadCache {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  let version = dataVersion.get();
  const tables: Array<Map<string, unknown>> = [];

  let lookedThisTurn = false;
  const nextTurn = () => {
    lookedThisTurn = false;
  };
  /**
   * Empties every table if another connection has committed since the last look; says whether it did.
   * It looks once per turn of the event loop (a pause reads three tables), so another process's
   * write is noticed within a turn; a compare-and-set against a stale read fails and re-reads anyway.
   */
  const outdated = (): boolean => {
    if (lookedThisTurn) return false;
    lookedThisTurn = true;
    setImmediate(nextTurn);
    const now = dataVersion.get();
    if (now === version) return false;
    version = now;
    for (const t of tables) t.clear();
    return true;
  };

  const put = (entries: Map<string, unknown>, key: string, value: unknown) => {
    entries.delete(key);
    entries.set(key, value);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };

  return {
    table<T>(): CachedReads<T> {
      const entries = new Map<string, T>();
      tables.push(entries);
      return {
        get(coupleId, load) {
          outdated();
          if (entries.has(coupleId)) return entries.get(coupleId)!;
          const value = load();
          put(entries, coupleId, value);
          return value;
        },
        set(coupleId, value) {
          // Another connection wrote meanwhile, perhaps after this value: read it afresh next time.
          if (!outdated()) put(entries, coupleId, value);
        },
      };
    },
    forget(coupleId) {
      for (const t of tables) t.delete(coupleId);
    },
    clear() {
      for (const t of tables) t.clear();
    },
  };
}
