import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultConfig } from '../../server/config.js';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { sequentialIds } from '../support/ids.js';
import { createTestSchema, servicesAvailable, TEST_REDIS_URL } from '../support/services.js';
import { startScaledServer } from '../support/scaled-server.js';
import { tcpProxy, viaProxy } from '../support/tcp-proxy.js';
import {
  call,
  closeSockets,
  connectClient,
  connected,
  ManualClock,
  nextEvent,
  ok,
  refusedHandshake,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

/**
 * PostgreSQL or Redis briefly unreachable (a relay in between is cut): no command is acknowledged
 * that was not committed, phones are sent away with `unavailable` until both answer again, and then
 * they find every acknowledged change.
 */

const up = await servicesAvailable({ postgres: true, redis: true });
const cid = sequentialIds();

describe.skipIf(!up)('PostgreSQL or Redis briefly unreachable', () => {
  const clock = new ManualClock();
  const sockets: TestSocket[] = [];
  let server: TestServer;
  let pgProxy: Awaited<ReturnType<typeof tcpProxy>>;
  let redisProxy: Awaited<ReturnType<typeof tcpProxy>>;
  let dropSchema: () => Promise<void>;

  beforeAll(async () => {
    const schema = await createTestSchema();
    dropSchema = schema.drop;
    const pgUrl = new URL(schema.url);
    pgProxy = await tcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
    const redisUrl = new URL(TEST_REDIS_URL);
    redisProxy = await tcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    server = await startScaledServer({
      databaseUrl: viaProxy(schema.url, pgProxy.port),
      redisUrl: viaProxy(TEST_REDIS_URL, redisProxy.port),
      clock,
      config: { eventLimits: null, push: { ...defaultConfig().push, enabled: false } },
    });
  });

  afterAll(async () => {
    closeSockets(sockets);
    await server?.stop();
    server?.cleanup();
    await pgProxy?.close();
    await redisProxy?.close();
    await dropSchema?.();
  });

  /** Waits until the server sends phones away, then checks a new one is refused with `unavailable`. */
  async function sentAway(phone: TestSocket): Promise<void> {
    await new Promise<void>((resolve) => (phone.connected ? phone.once('disconnect', () => resolve()) : resolve()));
    const probe = connectClient(server.url);
    sockets.push(probe);
    expect(await refusedHandshake(probe, 'a service down')).toBe('unavailable');
  }

  /** Connects until the server takes phones again; resolves with the snapshot it sends. */
  async function backOnline(credential: string): Promise<CoupleSnapshot> {
    for (;;) {
      const phone = connectClient(server.url, credential);
      sockets.push(phone);
      const snapshot = nextEvent(phone, 'couple:state', 5000);
      try {
        await connected(phone);
        return (await snapshot)[0];
      } catch {
        snapshot.catch(() => {});
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  test.each([
    ['PostgreSQL', () => pgProxy],
    ['Redis', () => redisProxy],
  ])(
    '%s: nothing unacknowledged is promised, nothing acknowledged is lost',
    { timeout: 30_000 },
    async (_name, proxy) => {
      const a = connectClient(server.url);
      sockets.push(a);
      await connected(a);
      const invite = await ok(a, 'invite:create', { name: 'Alex' });
      const b = connectClient(server.url);
      sockets.push(b);
      await connected(b);
      await ok(b, 'invite:join', { code: invite.code, name: 'Sam' });
      const acked = await ok(a, 'pause:start', { commandId: cid('c'), minutes: 20 });

      proxy().cut();
      const during = await call(a, 'pause:extend', { commandId: cid('c'), seq: acked.seq, minutes: 20 }).catch(
        () => null,
      );
      await sentAway(a);
      proxy().restore();

      const back = await backOnline(invite.credential);
      if (during && 'data' in during) {
        // Acknowledged: then it was committed, and it is there.
        expect(back.seq).toBe(during.data.seq);
        expect(back.pause).toEqual(during.data.pause);
      } else {
        expect(back.seq).toBeGreaterThanOrEqual(acked.seq);
        expect(back.pause!.id).toBe(acked.pause!.id);
      }
      await ok(sockets.at(-1)!, 'pause:end', { commandId: cid('c'), seq: back.seq, rating: 2 });
    },
  );
});
