import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSharedAddressBudget, type SharedAddressBudget } from '../../server/realtime/address-budget.js';
import type { RedisClient } from '../../server/realtime/adapter.js';
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
