/**
 * Versioned schema changes for PostgreSQL, applied in order at start (see `migrate`); the table
 * `schema_migrations` records which have run. Append, never edit: a running database has the old ones.
 * Times are milliseconds since the epoch (BIGINT, read back as numbers); the couple state is JSONB so
 * the time-up sweep can find due deadlines with an index instead of parsing every row.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE couples (
    id TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    state JSONB NOT NULL,
    unpaired_at BIGINT
  );
  CREATE INDEX couples_by_unpaired_at ON couples (unpaired_at) WHERE unpaired_at IS NOT NULL;
  CREATE INDEX couples_paused_by_deadline ON couples (((state->'pause'->>'endsAt')::bigint))
    WHERE state->>'phase' = 'paused';
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    ord BIGINT GENERATED ALWAYS AS IDENTITY,
    name TEXT NOT NULL,
    secret_hash BYTEA NOT NULL,
    linked_at BIGINT NOT NULL,
    default_minutes INTEGER NOT NULL,
    reassurance TEXT NOT NULL,
    tends_to_withdraw BOOLEAN,
    public_key TEXT
  );
  CREATE INDEX devices_by_couple ON devices (couple_id);
  CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    lookup TEXT NOT NULL,
    secret_hash BYTEA NOT NULL,
    token_hash BYTEA NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    wrong_guesses INTEGER NOT NULL DEFAULT 0,
    used_at BIGINT
  );
  CREATE INDEX invites_by_lookup ON invites (lookup, created_at);
  CREATE INDEX invites_by_couple ON invites (couple_id);
  CREATE INDEX invites_unused_by_expiry ON invites (expires_at) WHERE used_at IS NULL;
  CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    window_end BIGINT NOT NULL,
    hits INTEGER NOT NULL
  );
  CREATE INDEX rate_limits_by_window_end ON rate_limits (window_end);
  CREATE TABLE held_messages (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    ord BIGINT GENERATED ALWAYS AS IDENTITY,
    author_id TEXT NOT NULL,
    pause_id TEXT NOT NULL,
    payload TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    delivered_at BIGINT
  );
  CREATE INDEX held_messages_by_couple ON held_messages (couple_id, delivered_at, created_at);
  CREATE INDEX held_messages_by_author ON held_messages (author_id, pause_id);
  CREATE TABLE push_subscriptions (
    endpoint TEXT PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    ord BIGINT GENERATED ALWAYS AS IDENTITY,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX push_subscriptions_by_couple ON push_subscriptions (couple_id);
  CREATE INDEX push_subscriptions_by_device ON push_subscriptions (device_id);
  CREATE TABLE push_notices (
    couple_id TEXT PRIMARY KEY REFERENCES couples(id) ON DELETE CASCADE,
    pause_id TEXT NOT NULL,
    ends_at BIGINT NOT NULL,
    notified_at BIGINT NOT NULL
  );
  `,
  // Held notes are reviewed before they land: the author sends each one (sent_at) after the break, or
  // discards it. Ids are the author's own (primary key author + id), so one person's ids say nothing
  // about anyone else's. Notes of a pause already over were released under the old rule: sent.
  `
  ALTER TABLE held_messages ADD COLUMN sent_at BIGINT;
  UPDATE held_messages h SET sent_at = CASE
      WHEN h.delivered_at IS NOT NULL THEN h.delivered_at
      WHEN EXISTS (
        SELECT 1 FROM couples c WHERE c.id = h.couple_id
          AND c.state->>'phase' = 'paused' AND c.state->'pause'->>'id' = h.pause_id
      ) THEN NULL
      ELSE h.updated_at
    END;
  ALTER TABLE held_messages DROP CONSTRAINT held_messages_pkey;
  ALTER TABLE held_messages ADD PRIMARY KEY (author_id, id);
  ALTER INDEX held_messages_by_author RENAME TO held_messages_by_pause;
  `,
  // The time-out agreement: the digest of the terms each person last accepted (shared/agreement).
  // The terms themselves are the devices' default_minutes and reassurance (ciphertext).
  `
  ALTER TABLE devices ADD COLUMN agreed_terms TEXT;
  `,
];
