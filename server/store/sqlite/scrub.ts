import type Database from 'better-sqlite3';

/**
 * With secure_delete the database pages hold zeros where deleted rows were, but older copies of those
 * pages can still sit in the WAL: copy the WAL back and truncate it to nothing.
 */
export function scrub(db: Database.Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
