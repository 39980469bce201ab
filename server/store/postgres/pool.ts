import pg from 'pg';
import { migrations } from './migrations.js';

export type Queryable = Pick<pg.PoolClient, 'query'>;

const INT8_OID = 20;
/** Millisecond timestamps and seqs fit a double exactly; reading them as numbers matches the SQLite store. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : (pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown)) as typeof pg.types.getTypeParser,
};

/** Ends a query that hangs on an unreachable server, so a command fails with an error instead of waiting forever. */
const QUERY_TIMEOUT_MS = 5000;
/** Also bounds the wait for a free pooled connection, which a burst of commands can make long on a busy machine. */
const CONNECT_TIMEOUT_MS = 10_000;

export function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
  });
  // An idle connection that drops (a PostgreSQL restart) is discarded; the next query opens a new one.
  pool.on('error', () => {});
  return pool;
}

/**
 * Whether PostgreSQL answers, on a connection of its own: a pool busy with a burst of commands is not
 * an unreachable database, and must not look like one to the availability guard.
 */
export function createProbe(url: string): { ping(): Promise<void>; close(): Promise<void> } {
  let client: pg.Client | null = null;
  const drop = () => {
    const old = client;
    client = null;
    void old?.end().catch(() => {});
  };
  return {
    async ping() {
      try {
        if (!client) {
          client = new pg.Client({
            connectionString: url,
            connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
            query_timeout: QUERY_TIMEOUT_MS,
          });
          client.on('error', drop);
          await client.connect();
        }
        await client.query('SELECT 1');
      } catch (err) {
        drop();
        throw err;
      }
    },
    async close() {
      await client?.end().catch(() => {});
      client = null;
    },
  };
}

/** Deadlock and serialization failures: the transaction did nothing and can simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const TX_ATTEMPTS = 3;

/**
 * One transaction on one connection. It resolves only after COMMIT has returned, which with the default
 * `synchronous_commit = on` means the commit is flushed to PostgreSQL's WAL: an ack sent after it is honest.
 */
export async function transaction<T>(pool: pg.Pool, work: (client: Queryable) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackErr: Error) => (broken = rollbackErr));
      const code = (err as { code?: string }).code;
      if (!broken && code && RETRYABLE.has(code) && attempt < TX_ATTEMPTS) continue;
      throw err;
    } finally {
      client.release(broken);
    }
  }
}

/**
 * Applies the migrations this database has not seen, each in its own transaction. A session-level
 * advisory lock (keyed by the schema, so separate schemas migrate independently) makes a second
 * process starting at the same moment wait, then find nothing left to do.
 */
export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext(current_schema() || '.breather_migrations'))`);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
      );
      const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
      for (let version = rows[0]?.v ?? 0; version < migrations.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(migrations[version]!);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
            version + 1,
            Date.now(),
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext(current_schema() || '.breather_migrations'))`);
    }
  } finally {
    client.release();
  }
}
