import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultConfig } from '../../server/config.js';
import { MINUTE_MS } from '../../shared/pause/limits.js';
import { sequentialIds } from '../support/ids.js';
import { record, settle } from '../support/record.js';
import { createTestSchema, servicesAvailable, TEST_REDIS_URL } from '../support/services.js';
import { startScaledServer } from '../support/scaled-server.js';
import {
  call,
  closeSockets,
  connectClient,
  connected,
  nextEvent,
  ok,
  ManualClock,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

/**
 * Two servers sharing PostgreSQL and Redis, phone A on one and phone B on the other: everything one
 * phone does reaches the other, concurrent commands settle by compare-and-set, and a time-up notice
 * goes out once for the deployment, not once per server.
 */

const up = await servicesAvailable({ postgres: true, redis: true });
const cid = sequentialIds();

describe.skipIf(!up)('two servers on PostgreSQL and Redis', () => {
  const clock = new ManualClock();
  const sockets: TestSocket[] = [];
  const pushed: string[] = [];
  let pushService: Server;
  let s1: TestServer;
  let s2: TestServer;
  let dropSchema: () => Promise<void>;

  beforeAll(async () => {
    pushService = createServer((req, res) => {
      pushed.push(req.url ?? '');
      req.resume().on('end', () => res.writeHead(201).end());
    });
    await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
    const schema = await createTestSchema();
    dropSchema = schema.drop;
    // Every process of a deployment signs pushes with the same VAPID keys (README).
    const push = {
      ...defaultConfig().push,
      vapid: webpush.generateVAPIDKeys(),
      allowLoopbackHttp: true,
      sweepIntervalMs: 3_600_000,
    };
    const opts = { databaseUrl: schema.url, redisUrl: TEST_REDIS_URL, clock, config: { push, eventLimits: null } };
    [s1, s2] = await Promise.all([startScaledServer(opts), startScaledServer(opts)]);
  });

  afterAll(async () => {
    closeSockets(sockets);
    for (const s of [s1, s2]) {
      await s?.stop();
      s?.cleanup();
    }
    await dropSchema?.();
    await new Promise((resolve) => pushService?.close(resolve));
  });

  /** A links on server 1, B joins on server 2. */
  async function pairAcross() {
    const a = connectClient(s1.url);
    const b = connectClient(s2.url);
    sockets.push(a, b);
    await Promise.all([connected(a), connected(b)]);
    const invite = await ok(a, 'invite:create', { name: 'Alex' });
    const joined = await ok(b, 'invite:join', { code: invite.code, name: 'Sam' });
    await settle(a, b);
    return { a, b, ra: record(a), rb: record(b), aId: invite.deviceId, bId: joined.deviceId };
  }

  test('pause, extend, end, held messages and the reconnect conversation reach the partner on the other server', async () => {
    const { a, b, ra, rb, aId, bId } = await pairAcross();
    const started = await ok(a, 'pause:start', { commandId: cid('c'), minutes: 20 });
    expect(await rb.seq(started.seq)).toEqual(started);
    const extended = await ok(a, 'pause:extend', { commandId: cid('c'), seq: started.seq, minutes: 20 });
    expect(await rb.seq(extended.seq)).toEqual(extended);
    expect(extended.pause!.endsAt).toBe(started.pause!.endsAt + 20 * MINUTE_MS);

    const held = await ok(b, 'held:save', { messageId: cid('m'), payload: 'CIPHERTEXT-held' });
    const ended = await ok(a, 'pause:end', { commandId: cid('c'), seq: extended.seq, rating: 2 });
    expect(await rb.seq(ended.seq)).toEqual(ended);
    const readyA = await ok(a, 'pause:ready', { commandId: cid('c'), seq: ended.seq });
    expect(await rb.seq(readyA.seq)).toEqual(readyA);
    const both = await ok(b, 'pause:ready', { commandId: cid('c'), seq: readyA.seq });
    expect(both.phase).toBe('reconnect');
    expect(await ra.seq(both.seq)).toEqual(both);
    // The author reviews the note after the break and sends it: it reaches A on the other server.
    const delivered = nextEvent(a, 'held:deliver', 5000);
    await ok(b, 'held:send', { messageId: held.message.id });
    const [batch] = await delivered;
    expect(batch.messages).toEqual([
      { id: held.message.id, authorId: bId, payload: 'CIPHERTEXT-held', createdAt: held.message.createdAt },
    ]);

    const rated = await ok(a, 'conversation:rate', { commandId: cid('c'), seq: both.seq, rating: 3 });
    expect(await rb.seq(rated.seq)).toEqual(rated);
    const ratedB = await ok(b, 'conversation:rate', { commandId: cid('c'), seq: rated.seq, rating: 2 });
    expect(await ra.seq(ratedB.seq)).toEqual(ratedB);
    expect(ratedB.conversation).not.toBeNull();
    expect(ratedB.conversation).toEqual((await ok(a, 'state:get', {})).conversation);
    expect(ratedB.devices.map((d) => d.id)[0]).toBe(aId);
  });

  test('commands sent to both servers at the same moment settle by compare-and-set, and nothing acknowledged is lost', async () => {
    const { a, b, ra, rb } = await pairAcross();
    let state = await ok(a, 'pause:start', { commandId: cid('c'), minutes: 20 });
    let endsAt = state.pause!.endsAt;
    let acked = 0;
    for (let round = 0; round < 12; round++) {
      // A extends against the seq it sees while B changes a setting on the other server: both move seq.
      const [extend, settings] = await Promise.all([
        call(a, 'pause:extend', { commandId: cid('c'), seq: state.seq, minutes: 20 }),
        call(b, 'settings:update', { defaultMinutes: 20 + round }),
      ]);
      expect('data' in settings).toBe(true);
      if ('data' in extend) {
        acked++;
        endsAt += 20 * MINUTE_MS;
      } else {
        expect(extend.error.code).toBe('stale_seq');
      }
      const [onA, onB] = await Promise.all([ok(a, 'state:get', {}), ok(b, 'state:get', {})]);
      expect(onA).toEqual({ ...onB, serverNow: onA.serverNow });
      expect(onA.seq).toBe(state.seq + 1 + ('data' in extend ? 1 : 0));
      expect(onA.pause!.endsAt).toBe(endsAt);
      expect(onA.devices[1]!.defaultMinutes).toBe(20 + round);
      state = onA;
    }
    expect(acked).toBeGreaterThan(0);
    // Each phone was sent every state it did not cause itself, the last one included.
    await settle(a, b);
    expect(ra.seen.at(-1)?.seq === state.seq || rb.seen.at(-1)?.seq === state.seq).toBe(true);
  });

  test('a time-up notice is pushed once, however many servers sweep', async () => {
    const { a } = await pairAcross();
    const sub = {
      endpoint: `http://127.0.0.1:${(pushService.address() as AddressInfo).port}/sub-a`,
      expirationTime: null,
      keys: { p256dh: webpush.generateVAPIDKeys().publicKey, auth: 'AAAAAAAAAAAAAAAAAAAAAA' },
    };
    expect(await call(a, 'push:subscribe', sub)).toEqual({ data: expect.anything() });
    await ok(a, 'pause:start', { commandId: cid('c'), minutes: 20 });
    pushed.length = 0;
    clock.advance(20 * MINUTE_MS + 1000);
    const counts = await Promise.all([s1.app.push!.sweep(), s2.app.push!.sweep()]);
    await Promise.all([s1.app.push!.sweep(), s2.app.push!.sweep()]);
    expect(counts[0] + counts[1]).toBe(1);
    expect(pushed).toEqual(['/sub-a']);
  });

  test('the pairing limit counts tries on both servers together', async () => {
    const schema = await createTestSchema();
    const invite = { ...defaultConfig().invite, joinLimit: { max: 4, windowMs: 10 * MINUTE_MS } };
    const opts = { databaseUrl: schema.url, redisUrl: TEST_REDIS_URL, clock, config: { invite, eventLimits: null } };
    const servers = await Promise.all([startScaledServer(opts), startScaledServer(opts)]);
    try {
      const codes: string[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        const phone = connectClient(servers[attempt % 2]!.url);
        sockets.push(phone);
        await connected(phone);
        const res = await call(phone, 'invite:join', { code: 'ZZZZ-ZZZZ', name: 'Sam' });
        codes.push('error' in res ? res.error.code : 'joined');
      }
      expect(codes).toEqual([
        'invite_not_found',
        'invite_not_found',
        'invite_not_found',
        'invite_not_found',
        'rate_limited',
        'rate_limited',
      ]);
    } finally {
      for (const s of servers) {
        await s.stop();
        s.cleanup();
      }
      await schema.drop();
    }
  });
});
