import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from '../../server/log.js';
import type { RedisClient } from '../../server/realtime/adapter.js';
import { JumpingClock, launchBrowser, noBrowser, openPhone, resync, screenshot } from '../support/browser.js';
import { pairThroughUi } from '../support/pairing-flow.js';
import { startScaledServer } from '../support/scaled-server.js';
import { adminQuery, createTestSchema, servicesAvailable, TEST_REDIS_URL } from '../support/services.js';

/**
 * The end-to-end canary on two servers sharing PostgreSQL and Redis, each phone on its own server:
 * a marker typed into the free-text fields reaches the partner through Redis, yet appears nowhere
 * on the server side — not in any PostgreSQL table, not in the Redis stream, keys or pub/sub traffic
 * that carried it, not in either server's logs. (tests/browser/e2e-canary.test.ts covers every
 * free-text field on one SQLite server.)
 */

const MINUTE_MS = 60_000;
const up = await servicesAvailable({ postgres: true, redis: true });

async function agree(page: Page, reassurance: string): Promise<void> {
  await page.getByText('Compare this with your partner’s screen.').waitFor();
  await page.getByLabel('What your partner sees when you pause').fill(reassurance);
  await page.getByRole('button', { name: 'No', exact: true }).click();
  await page.getByRole('button', { name: 'We agree' }).click();
  await page.getByRole('button', { name: /I’m activated, pausing/ }).waitFor();
}

/** Every row of every table in the schema, as text. */
async function databaseText(schema: string): Promise<string> {
  const tables = await adminQuery<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
    [schema],
  );
  const rows: string[] = [];
  for (const { table_name } of tables) {
    for (const r of await adminQuery<{ row: string }>(`SELECT t::text AS row FROM ${schema}.${table_name} t`))
      rows.push(r.row);
  }
  return rows.join('\n');
}

describe.skipIf(noBrowser || !up)(
  'end-to-end encryption on two servers (PostgreSQL + Redis)',
  { timeout: 120_000 },
  () => {
    let browser: Browser;
    let watcher: RedisClient;
    const pubsub: Buffer[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      // Everything published on Redis while the test runs (the adapter's requests and responses).
      watcher = createClient({ url: TEST_REDIS_URL });
      await watcher.connect();
      await watcher.pSubscribe('*', (message) => pubsub.push(message), true);
    });
    afterAll(async () => {
      await browser?.close();
      await watcher?.quit();
    });

    it('canary: the marker reaches the partner across servers and is stored or logged nowhere', async () => {
      const MARK = `CANARY-${randomBytes(8).toString('hex')}`;
      const logs: string[] = [];
      const clock = new JumpingClock();
      const schema = await createTestSchema();
      const opts = { databaseUrl: schema.url, redisUrl: TEST_REDIS_URL, clock, log: jsonLogger((l) => logs.push(l)) };
      const [s1, s2] = await Promise.all([startScaledServer(opts), startScaledServer(opts)]);
      const a = await openPhone(browser, s1.url);
      const b = await openPhone(browser, s2.url);
      const [pa, pb] = [a.page, b.page];
      for (const page of [pa, pb]) page.setDefaultTimeout(10_000);
      const streamFrom = `${Date.now() - 1000}-0`;
      let stored: string;
      let redisBytes: Buffer[];
      try {
        await pairThroughUi(pa, pb, { a: 'Alex', b: 'Sam' });
        await agree(pa, `I need a break. ${MARK} reassurance-alex Back at {time}.`);
        await agree(pb, `Taking some air. Back at {time}.`);

        await pa.getByRole('button', { name: /I’m activated, pausing/ }).click();
        await pb.getByText('Alex is taking a break to calm down.').waitFor();
        await expect.poll(() => pb.getByTestId('reassurance').textContent()).toContain(`${MARK} reassurance-alex`);
        await pa.getByRole('button', { name: '7 out of 10' }).click();
        await pb.getByRole('button', { name: '6 out of 10' }).click();

        await pb
          .getByRole('navigation')
          .getByRole('button', { name: /Write to Alex/ })
          .click();
        await pb.getByLabel('Your message').fill(`${MARK} held`);
        await pb.getByRole('button', { name: 'Keep it for later' }).click();
        await pb.getByText('Saved. You’ll see it again when you reconnect.').waitFor();

        clock.advance(20 * MINUTE_MS + 1000);
        await Promise.all([resync(pa), resync(pb)]);
        for (const page of [pa, pb]) await page.getByText('Ready to reconnect?').waitFor();
        await pa.getByRole('button', { name: '4 out of 10' }).click();
        await pa.getByRole('button', { name: 'I’m ready' }).click();
        await pb.getByRole('button', { name: 'I’m ready' }).click();
        // Sam reviews the held note and sends it; it opens on Alex's phone, on the other server.
        await pb.getByTestId('held-review').getByRole('button', { name: 'Send to Alex' }).click();
        await pa.getByText(`${MARK} held`).waitFor();
        await screenshot(pa, 'e2e-canary-scaled-held');

        stored = await databaseText(schema.schema);
        const stream = (await watcher.xRange('breather:socket.io', streamFrom, '+')) ?? [];
        const keys = await watcher.keys('breather:*');
        const values = await Promise.all(
          keys.filter((k) => k.startsWith('breather:sio-session:')).map((k) => watcher.get(k)),
        );
        redisBytes = [Buffer.from(JSON.stringify(stream)), Buffer.from(JSON.stringify(values)), ...pubsub];
        expect(stream.length).toBeGreaterThan(3);
      } catch (err) {
        await screenshot(pa, 'e2e-canary-scaled-failed-a');
        await screenshot(pb, 'e2e-canary-scaled-failed-b');
        throw err;
      } finally {
        await a.context.close();
        await b.context.close();
        for (const s of [s1, s2]) {
          await s.stop();
          s.cleanup();
        }
        await schema.drop();
      }

      // Positive controls: the scans do find what the server keeps or relays in plaintext (names, by design).
      expect(stored).toContain('Alex');
      expect(Buffer.concat(redisBytes).includes('Alex')).toBe(true);
      expect(logs.length).toBeGreaterThan(10);
      expect(stored).not.toContain(MARK);
      for (const bytes of redisBytes) expect(bytes.includes(MARK), 'Redis carried the marker').toBe(false);
      expect(logs.join('\n')).not.toContain(MARK);
    });
  },
);
