/** Versioned schema changes, applied in order at start; `user_version` records how far a file has come. */
export const migrations: readonly string[] = [
  `
  CREATE TABLE couples (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    state TEXT NOT NULL
  ) STRICT;
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    secret_hash BLOB NOT NULL,
    linked_at INTEGER NOT NULL,
    default_minutes INTEGER NOT NULL,
    reassurance TEXT NOT NULL,
    tends_to_withdraw INTEGER
  ) STRICT;
  CREATE INDEX devices_by_couple ON devices(couple_id);
  CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    lookup TEXT NOT NULL,
    secret_hash BLOB NOT NULL,
    token_hash BLOB NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    wrong_guesses INTEGER NOT NULL DEFAULT 0,
    used_at INTEGER
  ) STRICT;
  CREATE INDEX invites_by_lookup ON invites(lookup, created_at);
  CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    hits INTEGER NOT NULL
  ) STRICT;
  `,
  // 2: held messages. The payload is opaque (ciphertext) and is dropped once the recipient confirms
  // it; the row stays as a tombstone so a late edit or a re-sent id can never bring it back.
  `
  CREATE TABLE held_messages (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL,
    pause_id TEXT NOT NULL,
    payload TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    delivered_at INTEGER
  ) STRICT;
  CREATE INDEX held_messages_by_couple ON held_messages(couple_id, delivered_at, created_at);
  CREATE INDEX held_messages_by_author ON held_messages(author_id, pause_id);
  `,
];
