import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { configFromEnv, DAY_MS, DEFAULT_RETENTION_DAYS } from '../../server/config.js';
import { RETENTION_RULES } from '../../server/store/sqlite/retention-rules.js';
import {
  connectClient,
  connected,
  linkedPair,
  nextEvent,
  ok,
  refusedHandshake,
  startServer,
  tearDown,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

/**
 * Unpairing takes credentials away at once; what is left of the couple on the server goes after the
 * retention period (RETENTION_DAYS, 30 by default), counted on the server's clock.
 */

function rows(file: string, sql: string, ...params: unknown[]): unknown[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
}

describe('retention after unpairing', () => {
  let server: TestServer | undefined;
  const sockets: TestSocket[] = [];

  afterEach(async () => {
    await tearDown(sockets, server);
    server = undefined;
  });

  async function unpairedCouple(s: TestServer) {
    const pair = await linkedPair(s);
    sockets.push(pair.a, pair.b);
    const coupleId = pair.invite.snapshot.coupleId;
    await ok(pair.a, 'pause:start', { commandId: 'cmd-retention-1', minutes: 20 });
    await ok(pair.b, 'held:save', {
      messageId: 'msg-retention-1',
      payload: 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA',
    });
    const told = nextEvent(pair.b, 'couple:unlinked');
    expect(await ok(pair.a, 'couple:unpair', {})).toEqual({ unlinked: true });
    await told;
    return { ...pair, coupleId };
  }

  test('credentials stop at once; the couple’s data is there at 29 days and gone after 30', async () => {
    server = await startServer();
    const { coupleId, aCredential, bCredential } = await unpairedCouple(server);
    const unpairedAt = server.clock.now();

    // At once: no device, invite or held message is left, and neither credential opens a session.
    expect(rows(server.dbFile, 'SELECT id FROM devices WHERE couple_id = ?', coupleId)).toEqual([]);
    expect(rows(server.dbFile, 'SELECT id FROM invites WHERE couple_id = ?', coupleId)).toEqual([]);
    expect(rows(server.dbFile, 'SELECT id FROM held_messages WHERE couple_id = ?', coupleId)).toEqual([]);
    for (const credential of [aCredential, bCredential]) {
      const s = connectClient(server.url, credential);
      sockets.push(s);
      expect(await refusedHandshake(s, 'a revoked credential')).toBe('not_linked');
    }
    expect(rows(server.dbFile, 'SELECT id, unpaired_at FROM couples WHERE id = ?', coupleId)).toEqual([
      { id: coupleId, unpaired_at: unpairedAt },
    ]);

    server.clock.advance(29 * DAY_MS);
    expect(await server.app.purgeExpired()).toBe(0);
    expect(rows(server.dbFile, 'SELECT id FROM couples WHERE id = ?', coupleId)).toHaveLength(1);

    server.clock.advance(1 * DAY_MS);
    expect(await server.app.purgeExpired()).toBe(1);
    expect(rows(server.dbFile, 'SELECT id FROM couples WHERE id = ?', coupleId)).toEqual([]);
  });

  test('a linked couple is never purged, however old', async () => {
    server = await startServer();
    const pair = await linkedPair(server);
    sockets.push(pair.a, pair.b);
    server.clock.advance(400 * DAY_MS);
    expect(await server.app.purgeExpired()).toBe(0);
    expect((await ok(pair.a, 'state:get', {})).devices).toHaveLength(2);
  });

  test('the purge runs at start, so a server that was down on the day still deletes', async () => {
    server = await startServer();
    const { coupleId } = await unpairedCouple(server);
    await server.stop();
    server.clock.advance(31 * DAY_MS);
    server = await server.restart();
    expect(rows(server.dbFile, 'SELECT id FROM couples WHERE id = ?', coupleId)).toEqual([]);
  });

  test('and it runs on an interval while the server is up', async () => {
    server = await startServer({ config: { retention: { afterUnpairMs: 2 * DAY_MS, purgeEveryMs: 50 } } });
    const { coupleId } = await unpairedCouple(server);
    server.clock.advance(2 * DAY_MS);
    const deadline = Date.now() + 3000;
    while (rows(server.dbFile, 'SELECT id FROM couples WHERE id = ?', coupleId).length > 0) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });

  test('RETENTION_DAYS sets the period; a bad value stops the server instead of keeping data', () => {
    expect(configFromEnv({}).retention.afterUnpairMs).toBe(DEFAULT_RETENTION_DAYS * DAY_MS);
    expect(DEFAULT_RETENTION_DAYS).toBe(30);
    expect(configFromEnv({ RETENTION_DAYS: '7' }).retention.afterUnpairMs).toBe(7 * DAY_MS);
    expect(configFromEnv({ RETENTION_DAYS: '0' }).retention.afterUnpairMs).toBe(0);
    expect(() => configFromEnv({ RETENTION_DAYS: 'thirty' })).toThrow(/RETENTION_DAYS/);
    expect(() => configFromEnv({ RETENTION_DAYS: '-1' })).toThrow(/RETENTION_DAYS/);
  });
});

describe('retention of what nobody finished', () => {
  let server: TestServer | undefined;
  const sockets: TestSocket[] = [];

  afterEach(async () => {
    await tearDown(sockets, server);
    server = undefined;
  });

  test('an invite nobody joined goes a day after it expired, with its lone couple and its maker’s name', async () => {
    server = await startServer();
    const a = connectClient(server.url);
    sockets.push(a);
    await connected(a);
    const invite = await ok(a, 'invite:create', { name: 'Robin' });
    const coupleId = invite.snapshot.coupleId;
    a.close();

    server.clock.t = invite.expiresAt + DAY_MS - 1;
    expect(await server.app.purgeExpired()).toBe(0);
    expect(rows(server.dbFile, 'SELECT name FROM devices WHERE couple_id = ?', coupleId)).toEqual([{ name: 'Robin' }]);

    server.clock.advance(1);
    expect(await server.app.purgeExpired()).toBe(1);
    for (const table of ['couples', 'devices', 'invites']) {
      const column = table === 'couples' ? 'id' : 'couple_id';
      expect(rows(server.dbFile, `SELECT 1 FROM ${table} WHERE ${column} = ?`, coupleId), table).toEqual([]);
    }
    const again = connectClient(server.url, invite.credential);
    sockets.push(again);
    expect(await refusedHandshake(again, 'a purged credential')).toBe('not_linked');
  });

  test('a couple that was joined keeps its used invite; only unused ones expire', async () => {
    server = await startServer();
    const pair = await linkedPair(server);
    sockets.push(pair.a, pair.b);
    server.clock.advance(400 * DAY_MS);
    expect(await server.app.purgeExpired()).toBe(0);
    expect(
      rows(server.dbFile, 'SELECT used_at FROM invites WHERE couple_id = ?', pair.invite.snapshot.coupleId),
    ).toHaveLength(1);
  });

  test('rate-limit counts go once their window has passed', async () => {
    server = await startServer();
    const a = connectClient(server.url);
    sockets.push(a);
    await connected(a);
    await ok(a, 'invite:create', { name: 'Robin' });
    const counts = () => rows(server!.dbFile, "SELECT key FROM rate_limits WHERE key LIKE 'invite:%'");
    expect(counts()).toHaveLength(1);
    const windowMs = server.config.invite.createLimit.windowMs;
    const windowEnd = server.clock.now() - (server.clock.now() % windowMs) + windowMs;
    server.clock.t = windowEnd - 1;
    await server.app.purgeExpired();
    expect(counts()).toHaveLength(1);
    server.clock.t = windowEnd;
    await server.app.purgeExpired();
    expect(counts()).toEqual([]);
  });

  test('every table in the schema has a purge rule', async () => {
    server = await startServer();
    const tables = (
      rows(server.dbFile, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") as Array<{
        name: string;
      }>
    )
      .map((t) => t.name)
      .sort();
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(RETENTION_RULES[table], `no purge rule for table ${table}`).toBeTruthy();
    // And no rule for a table that is gone.
    expect(Object.keys(RETENTION_RULES).sort()).toEqual(tables);
  });
});
