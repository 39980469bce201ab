import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';

/**
 * PostgreSQL and Redis for the scale-out tests. The development and CI machines run both on their
 * default ports; TEST_DATABASE_URL / TEST_REDIS_URL point elsewhere. When one does not answer, the
 * tests that need it are skipped with a loud message, except in CI, where that is a failure.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function redisAnswers(): Promise<boolean> {
  const url = new URL(TEST_REDIS_URL);
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port || 6379), url.hostname);
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * Whether the services this file needs answer. Outside CI a missing one skips the file, loudly;
 * in CI it throws, so a runner without them cannot pass by skipping.
 */
export async function servicesAvailable(needs: { postgres?: boolean; redis?: boolean }): Promise<boolean> {
  const missing: string[] = [];
  if (needs.postgres && !(await postgresAnswers())) missing.push(`PostgreSQL (${TEST_DATABASE_URL})`);
  if (needs.redis && !(await redisAnswers())) missing.push(`Redis (${TEST_REDIS_URL})`);
  if (missing.length === 0) return true;
  const message = `${missing.join(' and ')} not answering: the scale-out tests need them (see README, "Run on several servers").`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n!!! SKIPPED: ${message}\n`);
  return false;
}

/** A schema of its own for one test run, and a DATABASE_URL that uses it. Drop it when done. */
export async function createTestSchema(): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), schema, drop: async () => void (await adminQuery(`DROP SCHEMA ${schema} CASCADE`)) };
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
