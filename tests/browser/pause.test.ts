import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  closeBrowserAndServer,
  countdownSeconds,
  JumpingClock,
  noBrowser,
  openTwoPhones,
  resync,
  screenshot,
  type Phone,
} from '../support/browser.js';
import { linkedThroughUi } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

const MINUTE_MS = 60_000;

describe.skipIf(noBrowser)('a break in the browser', () => {
  let server: TestServer;
  let clock: JumpingClock;
  let browser: Browser;
  let a: Phone;
  let b: Phone;

  beforeAll(async () => {
    clock = new JumpingClock();
    server = await startServer({ clock });
    ({ browser, a, b } = await openTwoPhones(server.url));
    await linkedThroughUi(a.page, b.page);
  });

  afterAll(async () => {
    await closeBrowserAndServer(browser, server);
  });

  it('shows the same countdown on both phones, with the partner’s own words', async () => {
    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).click();
    await a.page.getByText('You’re taking a break').waitFor();
    await b.page.getByText('Alex is taking a break to calm down.').waitFor();
    await b.page.getByText('This is a pause, not leaving.').waitFor();
    await expect(b.page.getByTestId('reassurance').textContent()).resolves.toMatch(
      /^I'm flooded and need a break\. I'm not leaving us\. I'll be back at \d{1,2}:\d{2}\s?[AP]M\.$/,
    );
    expect(await b.page.getByRole('button', { name: /cancel|end|stop/i }).count()).toBe(0);

    const [onA, onB] = await Promise.all([countdownSeconds(a.page), countdownSeconds(b.page)]);
    expect(onA).toBeGreaterThan(19 * 60);
    expect(Math.abs(onA - onB)).toBeLessThanOrEqual(1);
    await screenshot(a.page, 'pause-a');
    await screenshot(b.page, 'pause-b');
    await b.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(b.page, 'pause-b-dark');
    await b.page.emulateMedia({ colorScheme: 'light' });
  });

  it('asks both to check in once the time is up', async () => {
    clock.advance(20 * MINUTE_MS + 1000);
    await Promise.all([resync(a.page), resync(b.page)]);
    await a.page.getByText('Ready to reconnect?').waitFor();
    await b.page.getByText('Ready to reconnect?').waitFor();
    await screenshot(a.page, 'pause-checkin-a');
    await screenshot(b.page, 'pause-checkin-b');
  });

  it('waits for both to be ready, then goes back to normal', async () => {
    await a.page.getByRole('button', { name: 'I’m ready' }).click();
    await a.page.getByText('Waiting for Sam…').waitFor();
    await screenshot(a.page, 'pause-waiting-a');

    await b.page.getByRole('button', { name: 'I’m ready' }).click();
    await a.page.getByText('You’re both ready.').waitFor();
    await b.page.getByText('You’re both ready.').waitFor();
    await screenshot(b.page, 'pause-reconnect-b');

    // Back to normal without talking takes both: Sam asks, Alex agrees.
    await b.page.getByRole('button', { name: 'Back to normal without talking' }).click();
    await a.page.getByRole('button', { name: 'Yes, back to normal' }).click();
    for (const phone of [a, b]) await phone.page.getByRole('button', { name: /I’m activated, pausing/ }).waitFor();
  });

  it('lets the partner pause too, and shows both breaks', async () => {
    await b.page.getByRole('button', { name: 'Pause for another length' }).click();
    await b.page.getByRole('button', { name: '30 min' }).click();
    await a.page.getByText('Sam is taking a break to calm down.').waitFor();
    await a.page.getByRole('button', { name: 'I need a pause too' }).click();
    await a.page.getByText('You’re taking a break').waitFor();
    await a.page.getByText(/Sam is taking a break too/).waitFor();
    await screenshot(a.page, 'pause-both-a');

    // A minute in, "I'm calm now" asks for a fresh rating first, then a second tap.
    await a.page.getByRole('button', { name: 'I’m calm now' }).click();
    await a.page.getByTestId('early-end').getByRole('button', { name: '2 out of 10' }).click();
    await a.page.getByRole('button', { name: 'End my break now' }).click();
    await a.page.getByText('Sam is taking a break to calm down.').waitFor();
  });

  it('queues a pause tapped offline and sends it on reconnect', async () => {
    clock.advance(31 * MINUTE_MS);
    await Promise.all([resync(a.page), resync(b.page)]);
    for (const phone of [a, b]) await phone.page.getByRole('button', { name: 'I’m ready' }).click();
    await b.page.getByRole('button', { name: 'Back to normal without talking' }).click();
    await a.page.getByRole('button', { name: 'Yes, back to normal' }).click();
    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).waitFor();

    await a.context.setOffline(true);
    server.app.io.disconnectSockets();
    await a.page.getByTestId('connection-badge').getByText('Offline').waitFor();
    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).click();
    await a.page.getByText('Pausing… (will send when back online)').waitFor();
    await screenshot(a.page, 'pause-queued-a');

    await a.context.setOffline(false);
    await a.page.getByText('You’re taking a break').waitFor({ timeout: 15_000 });
    await b.page.getByText('Alex is taking a break to calm down.').waitFor({ timeout: 15_000 });
  });
});
