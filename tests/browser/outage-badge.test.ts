import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { silentLogger } from '../../server/log.js';
import { guardAvailability } from '../../server/realtime/availability.js';
import { copy } from '../../client/content/copy.js';
import { closeBrowserAndServer, noBrowser, openTwoPhones, screenshot, type Phone } from '../support/browser.js';
import { linkedThroughUi } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * A service the server depends on stops answering (PostgreSQL or Redis, in a deployment of several
 * processes): the server hangs up and refuses with `unavailable`. The phone says it cannot reach the
 * server and that a pause is kept on the phone, not just "Reconnecting…"; once the service is back
 * the kept pause reaches the partner.
 */

describe.skipIf(noBrowser)('the outage message', () => {
  let server: TestServer;
  let browser: Browser;
  let a: Phone;
  let b: Phone;
  let serviceUp = true;
  let stopGuard: () => void;

  beforeAll(async () => {
    server = await startServer();
    stopGuard = guardAvailability(
      server.app.io,
      { postgres: () => (serviceUp ? Promise.resolve() : Promise.reject(new Error('down'))) },
      silentLogger,
    );
    ({ browser, a, b } = await openTwoPhones(server.url));
    for (const phone of [a, b]) phone.page.setDefaultTimeout(15_000);
    await linkedThroughUi(a.page, b.page);
  });

  afterAll(async () => {
    stopGuard();
    await closeBrowserAndServer(browser, server);
  });

  it('says the server cannot be reached and the pause is kept, then sends it when the service is back', async () => {
    const badge = a.page.getByTestId('connection-badge');
    await badge.getByText(copy.connection.connected).waitFor();
    serviceUp = false;
    await badge.getByText(copy.connection.unavailable).waitFor();
    await b.page.getByTestId('connection-badge').getByText(copy.connection.unavailable).waitFor();

    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).click();
    await a.page.getByText(copy.home.queued).waitFor();
    await screenshot(a.page, 'outage-unavailable');

    serviceUp = true;
    await badge.getByText(copy.connection.connected).waitFor();
    await b.page.getByText('Alex is taking a break to calm down.').waitFor();
  });
});
