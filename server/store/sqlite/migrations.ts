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
  // 3: end-to-end encryption. Each device's ECDH P-256 public key (raw point, base64url), published by
  // the phone after linking; null until then. Public keys are not secret; private keys never leave the phone.
  `
  ALTER TABLE devices ADD COLUMN public_key TEXT;
  `,
  // Web Push: one subscription per device (gone with the device), and per couple the last pause deadline
  // announced as "time to check in", so the sweep sends each notice once, across restarts.
  `
  CREATE TABLE push_subscriptions (
    endpoint TEXT PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX push_subscriptions_by_couple ON push_subscriptions(couple_id);
  CREATE INDEX push_subscriptions_by_device ON push_subscriptions(device_id);
  CREATE TABLE push_notices (
    couple_id TEXT PRIMARY KEY REFERENCES couples(id) ON DELETE CASCADE,
    pause_id TEXT NOT NULL,
    ends_at INTEGER NOT NULL,
    notified_at INTEGER NOT NULL
  ) STRICT;
  `,
  // Retention. Unpairing deletes devices, invites and held messages at once and stamps the couple;
  // the rest of the couple's row goes once the retention period has passed (see purgeUnpaired).
  `
  ALTER TABLE couples ADD COLUMN unpaired_at INTEGER;
  CREATE INDEX couples_by_unpaired_at ON couples(unpaired_at) WHERE unpaired_at IS NOT NULL;
  `,
  // Retention of what nobody finished: unused invites are found by expiry (and their couple by id), and
  // each rate-limit count knows when its window ends, so both can be purged (see retention-rules.ts).
  // Counts from before this version have no end recorded (0): they are purged at once, a fresh window.
  `
  CREATE INDEX invites_by_couple ON invites(couple_id);
  CREATE INDEX invites_unused_by_expiry ON invites(expires_at) WHERE used_at IS NULL;
  ALTER TABLE rate_limits ADD COLUMN window_end INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX rate_limits_by_window_end ON rate_limits(window_end);
  `,
];
