import type Database from 'better-sqlite3';

/**
 * Group commit: state writes that arrive in the same turn of the event loop share one transaction,
 * so a burst of pauses costs one fsync instead of one each. Each write still resolves only after
 * the commit is on disk, and each keeps its own compare-and-set result, which `committed` hears
 * first (before anyone awaiting the write runs).
 */
export function groupCommit(db: Database.Database) {
  interface PendingWrite {
    write: () => boolean;
    committed: (ok: boolean) => void;
    resolve: (ok: boolean) => void;
    reject: (err: unknown) => void;
  }
  let pending: PendingWrite[] = [];
  const commit = db.transaction((writes: PendingWrite[]) => writes.map((w) => w.write()));
  const flush = () => {
    const batch = pending;
    pending = [];
    let results: boolean[];
    try {
      results = commit(batch);
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    batch.forEach((w, i) => (w.committed(results[i]!), w.resolve(results[i]!)));
  };
  return {
    add(write: () => boolean, committed: (ok: boolean) => void): Promise<boolean> {
      return new Promise((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ write, committed, resolve, reject });
      });
    },
  };
}
