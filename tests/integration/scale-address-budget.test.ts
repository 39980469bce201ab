import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSharedAddressBudget, type SharedAddressBudget } from '../../server/realtime/address-budget.js';
import type { RedisClient } from '../../server/realtime/adapter.js';
import { createSharedAddressLimiter, type SharedAddressLimiter } from '../../server/security/shared-address-limiter.js';
import { servicesAvailable, TEST_REDIS_URL } from '../support/services.js';

/** Two budgets on their own Redis connections stand for two server processes. */

const up = await servicesAvailable({ redis: true });

describe.skipIf(!up)('the per-address event budget shared through Redis', () => {
  const clients: RedisClient[] = [];
  const budgets: SharedAddressBudget[] = [];
  let one: SharedAddressBudget;
  let two: SharedAddressBudget;

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const client: RedisClient = createClient({ url: TEST_REDIS_URL });
      await client.connect();
      clients.push(client);
      // Flushed by hand below; the interval is out of the way.
      budgets.push(createSharedAddressBudget(client, 10, 3_600_000));
    }
    [one, two] = budgets as [SharedAddressBudget, SharedAddressBudget];
  });
  afterAll(async () => {
    for (const b of budgets) await b.close();
    for (const c of clients) await c.quit();
  });

  const address = () => `203.0.113.${randomBytes(3).toString('hex')}`;
  const send = (budget: SharedAddressBudget, from: string, n: number) => {
    for (let i = 0; i < n; i++) budget.count(from);
  };

  test('an address spreading its events over two processes is held to one budget', async () => {
    const from = address();
    const other = address();
    send(one, from, 6);
    send(two, from, 6);
    send(two, other, 6);
    await one.flush();
    expect(one.exhausted(from)).toBe(false);
    await two.flush();
    // 12 events against a budget of 10: the process that went over knows at once, the other at its next flush.
    expect(two.exhausted(from)).toBe(true);
    expect(two.exhausted(other)).toBe(false);
    send(one, from, 1);
    await one.flush();
    expect(one.exhausted(from)).toBe(true);
  });

  test('a penalty given on one process holds on the other', async () => {
    const from = address();
    await one.penalise(from, 30_000);
    expect(one.exhausted(from)).toBe(true);
    send(two, from, 1);
    await two.flush();
    expect(two.exhausted(from)).toBe(true);
  });
});

describe.skipIf(!up)('the address limiter of a process in a deployment (REDIS_URL)', () => {
  const clients: RedisClient[] = [];
  const limiters: SharedAddressLimiter[] = [];
  let one: SharedAddressLimiter;
  let two: SharedAddressLimiter;
  // Each process alone would let 100 frames through at once; the deployment allows 10 a minute.
  const limits = {
    events: { perSocket: { capacity: 50, perMinute: 50 }, perAddress: { capacity: 100, perMinute: 10 } },
    connections: {
      maxSocketsPerAddress: 5,
      handshakes: { capacity: 10, perMinute: 10 },
      refusalsBeforeCut: 2,
      penaltyMs: 30_000,
    },
  };

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const client: RedisClient = createClient({ url: TEST_REDIS_URL });
      await client.connect();
      clients.push(client);
      limiters.push(createSharedAddressLimiter(client, limits, 3_600_000));
    }
    [one, two] = limiters as [SharedAddressLimiter, SharedAddressLimiter];
  });
  afterAll(async () => {
    for (const l of limiters) await l.close();
    for (const c of clients) await c.quit();
  });

  const address = () => `198.51.100.${randomBytes(3).toString('hex')}`;
  const frames = (limiter: SharedAddressLimiter, connection: object, from: string, n: number) =>
    Array.from({ length: n }, () => limiter.packet(connection, from).kind);

  test('an address spreading its frames over two processes is refused once the deployment budget is spent, warned once', async () => {
    const from = address();
    const neighbour = address();
    const [c1, c2] = [{}, {}];
    expect(frames(one, c1, from, 6)).toEqual(Array(6).fill('pass'));
    expect(frames(two, c2, from, 6)).toEqual(Array(6).fill('pass'));
    expect(frames(two, {}, neighbour, 6)).toEqual(Array(6).fill('pass'));
    await one.flush();
    await two.flush();
    // 12 frames against 10 a minute: the process that went over refuses at once, as the address's limit.
    expect(two.packet(c2, from)).toEqual({ kind: 'refuse', scope: 'address', first: true });
    expect(two.packet(c2, from)).toEqual({ kind: 'refuse', scope: 'address', first: false });
    expect(two.packet({}, neighbour)).toEqual({ kind: 'pass' });
    // The other learns at its next flush.
    expect(one.packet(c1, from)).toEqual({ kind: 'pass' });
    await one.flush();
    expect(one.packet(c1, from)).toMatchObject({ kind: 'refuse', scope: 'address', first: true });
  });

  test("this process's own limits still hold before the shared one", () => {
    const from = address();
    const connection = {};
    // The connection's bucket holds 50: the 51st frame is its own refusal, not the address's.
    expect(frames(one, connection, from, 50).every((k) => k === 'pass')).toBe(true);
    expect(one.packet(connection, from)).toEqual({ kind: 'refuse', scope: 'socket', first: true });
  });

  test('a penalty given on one process refuses the address on the other', async () => {
    const from = address();
    one.penalise(from);
    expect(one.isPenalised(from)).toBe(true);
    expect(one.admit(from)).toBe('penalised');
    await one.flush();
    // The other process learns it with its next tally: one frame, far under the budget, is refused.
    expect(two.packet({}, from)).toEqual({ kind: 'pass' });
    await two.flush();
    expect(two.packet({}, from)).toEqual({ kind: 'refuse', scope: 'address', first: true });
  });
});
