import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closeBrowserAndServer, noBrowser, openTwoPhones, screenshot, type Phone } from '../support/browser.js';
import { linkedThroughUi } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

/** "Yes, notify me" when the browser refuses: the card says what happened and how to change it, instead of vanishing. */
describe.skipIf(noBrowser)('notices refused by the browser', () => {
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

  it('says the browser said no, and where to allow notices', async () => {
    const page = a.page;
    // Headless Chromium answers every notification request with "denied", as a browser set to block would.
    await page.getByRole('button', { name: 'Yes, notify me' }).click();
    await page.getByRole('status').getByText('Your browser said no to notices, so they are off.').waitFor();
    await page.getByText('tap the lock or the small icon next to the address', { exact: false }).waitFor();
    await screenshot(page, 'push-refused');
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    await page.getByText('Your browser said no to notices').waitFor({ state: 'detached' });
  });
});
