import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closeBrowserAndServer, noBrowser, openTwoPhones, screenshot, type Phone } from '../support/browser.js';
import { linkedThroughUi } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * The connection badge follows the browser's own offline/online events, not only the socket (whose
 * ping would take about half a minute to notice): "Offline" within a couple of seconds, and back.
 */

const OFFLINE_WITHIN_MS = 2000;

describe.skipIf(noBrowser)('connection badge', () => {
  let server: TestServer;
  let browser: Browser;
  let a: Phone;
  let b: Phone;

  beforeAll(async () => {
    server = await startServer();
    ({ browser, a, b } = await openTwoPhones(server.url));
    for (const phone of [a, b]) phone.page.setDefaultTimeout(10_000);
    await linkedThroughUi(a.page, b.page);
  });

  afterAll(() => closeBrowserAndServer(browser, server));

  it('says Offline within 2 s of the network going, and a pause tapped then waits to be sent', async () => {
    const badge = a.page.getByTestId('connection-badge');
    await badge.getByText('Connected').waitFor();

    const wentAt = Date.now();
    await a.context.setOffline(true);
    await badge.getByText('Offline').waitFor({ timeout: OFFLINE_WITHIN_MS });
    expect(Date.now() - wentAt).toBeLessThan(OFFLINE_WITHIN_MS);
    expect(await badge.getAttribute('aria-label')).toBe('Connection: Offline');

    // Known offline, the pause is queued at once instead of waiting on a dead socket.
    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).click();
    await a.page.getByText('Pausing… (will send when back online)').waitFor({ timeout: OFFLINE_WITHIN_MS });
    await screenshot(a.page, 'badge-offline');
    await b.page.getByTestId('connection-badge').getByText('Connected').waitFor();
  });

  it('says Connected again once the network is back, and the queued pause reaches the partner', async () => {
    await a.context.setOffline(false);
    await a.page.getByTestId('connection-badge').getByText('Connected').waitFor({ timeout: 5000 });
    await b.page.getByText('Alex is taking a break to calm down.').waitFor();
    await a.page.getByText('You’re taking a break').waitFor();
    await screenshot(a.page, 'badge-back-online');
  });
});
