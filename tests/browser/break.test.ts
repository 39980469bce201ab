import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  closeBrowserAndServer,
  countdownSeconds,
  JumpingClock,
  noBrowser,
  openPhone,
  openTwoPhones,
  resync,
  screenshot,
  tool,
  type Phone,
} from '../support/browser.js';
import { linkedThroughUi } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

const MINUTE_MS = 60_000;
const RECONNECT_MS = 20_000;

const FIRST_DRAFT = 'I want to understand what happened tonight.';
const EDITED = 'I love you. I want to understand what happened tonight, when we are both calm.';
const OFFLINE_NOTE = 'Can we take a walk tomorrow morning?';

describe.skipIf(noBrowser)('the break companion on both phones', () => {
  let server: TestServer<JumpingClock>;
  let clock: JumpingClock;
  let browser: Browser;
  let a: Phone;
  let b: Phone;
  const stopped: TestServer<JumpingClock>[] = [];

  beforeAll(async () => {
    clock = new JumpingClock();
    server = await startServer({ clock });
    ({ browser, a, b } = await openTwoPhones(server.url));
    await linkedThroughUi(a.page, b.page);
  });

  afterAll(async () => {
    await closeBrowserAndServer(browser, server);
    for (const s of stopped) s.cleanup();
  });

  it('opens the companion on both phones, check-in first, breathing by default', async () => {
    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).click();
    await a.page.getByText('You’re taking a break').waitFor();
    await b.page.getByText('Alex is taking a break to calm down.').waitFor();

    // The 0–10 check-in comes first on each phone, and can be skipped.
    await a.page.getByText('How activated are you?').waitFor();
    await b.page.getByText('How activated are you?').waitFor();
    await screenshot(a.page, 'break-a-checkin');
    await a.page.getByRole('button', { name: '7 out of 10' }).click();
    await b.page.getByRole('button', { name: 'Skip' }).click();

    for (const phone of [a, b]) {
      await phone.page.getByText('Breathe with the circle').waitFor();
      await tool(phone.page, /Calm the body fast/).waitFor();
      await tool(phone.page, /Write to/).waitFor();
    }
    await tool(a.page, /Write to Sam/).waitFor();
    await tool(b.page, /Write to Alex/).waitFor();
    // The pauser keeps their choices; the partner keeps the pauser's own words and cannot end the break.
    await a.page.getByRole('button', { name: 'I’m calm now' }).waitFor();
    await b.page.getByTestId('reassurance').waitFor();
    await b.page.getByRole('button', { name: 'I need a pause too' }).waitFor();
    expect(await b.page.getByRole('button', { name: /I’m calm now|cancel|end break/i }).count()).toBe(0);

    await screenshot(a.page, 'break-a');
    await screenshot(b.page, 'break-b');
    await b.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(b.page, 'break-b-dark');
    await b.page.emulateMedia({ colorScheme: 'light' });
  });

  it('opens each tool in one tap and comes back to breathing', async () => {
    await tool(b.page, /Calm the body fast/).click();
    await b.page.getByRole('heading', { name: 'Cool water' }).waitFor();
    await screenshot(b.page, 'break-b-tool-tipp');

    await tool(b.page, /5-4-3-2-1/).click();
    await b.page.getByText('Name 5 things you can see.').waitFor();
    await screenshot(b.page, 'break-b-tool-grounding');

    await tool(b.page, /Be kind to the part that hurts/).click();
    await b.page.getByText('Can I hear a “no” without taking it personally?').waitFor();
    await screenshot(b.page, 'break-b-tool-witness');

    await b.page.getByRole('button', { name: 'Back to breathing' }).first().click();
    await b.page.getByText('Breathe with the circle').waitFor();
  });

  it('shows a still circle and written pacing when the phone asks for reduced motion', async () => {
    // Sam's phone again, with "reduce motion" switched on in the system settings.
    const still = await openPhone(browser, server.url, {
      reducedMotion: 'reduce',
      storageState: await b.context.storageState(),
    });
    try {
      await still.page.goto('/');
      await still.page.getByText('Breathe with the circle').waitFor();
      await still.page.getByText(/Breathe in for \d+\. Breathe out for \d+\./).waitFor();
      await expect.poll(() => still.page.locator('.circle.still').count()).toBe(1);
      // Strings, not functions: this file is type-checked without the DOM library.
      const transforms = () =>
        still.page.evaluate<string>(`getComputedStyle(document.querySelector('.circle')).transform`);
      const first = await transforms();
      await still.page.waitForTimeout(1200);
      expect(await transforms()).toBe(first);
      expect(await still.page.evaluate<number>('document.getAnimations().length')).toBe(0);
      await screenshot(still.page, 'break-reduced-motion');
    } finally {
      await still.context.close();
    }
  });

  it('lets the partner write a held message, and change it, without it reaching the pauser', async () => {
    await tool(b.page, /Write to Alex/).click();
    await b.page.getByText('When you reconnect, you’ll see it again and choose whether to send it.').waitFor();
    await b.page.getByLabel('Your message').fill(FIRST_DRAFT);
    await b.page.getByRole('button', { name: 'Keep it for later' }).click();
    await b.page.getByText('Saved. You’ll see it again when you reconnect.').waitFor();
    await expect.poll(() => b.page.getByTestId('held-mine').textContent()).toContain(FIRST_DRAFT);
    await expect.poll(() => b.page.getByTestId('held-mine').textContent()).toMatch(/Written at/);

    await b.page.getByTestId('held-mine').getByRole('button', { name: 'Change' }).click();
    await b.page.getByLabel('Your message').fill(EDITED);
    await b.page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => b.page.getByTestId('held-mine').textContent()).toContain(EDITED);
    await expect.poll(() => b.page.getByTestId('held-mine').textContent()).toMatch(/Written at/);
    expect(await b.page.getByTestId('held-mine').count()).toBe(1);

    // A message can be taken back before the break ends.
    await b.page.getByLabel('Your message').fill('Never mind.');
    await b.page.getByRole('button', { name: 'Keep it for later' }).click();
    await expect.poll(() => b.page.getByTestId('held-mine').count()).toBe(2);
    const second = b.page.getByTestId('held-mine').filter({ hasText: 'Never mind.' });
    await second.getByRole('button', { name: 'Delete' }).click();
    await second.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => b.page.getByTestId('held-mine').count()).toBe(1);
    await screenshot(b.page, 'break-held-write');

    // No typing indicator, no "a message is waiting": Alex's phone shows nothing of it.
    expect(await a.page.getByText(/wrote|message from Sam/i).count()).toBe(0);
  });

  it('keeps the countdown and the tools working while the server is gone, then catches up', async () => {
    const port = Number(new URL(server.url).port);
    const before = await countdownSeconds(a.page);
    await server.stop();
    stopped.push(server);
    for (const phone of [a, b]) await phone.page.getByText('Reconnecting…').waitFor({ timeout: 10_000 });

    // The countdown runs from the last known deadline.
    await expect.poll(() => countdownSeconds(a.page), { timeout: 5000 }).toBeLessThan(before - 1);
    await expect.poll(() => countdownSeconds(b.page), { timeout: 5000 }).toBeLessThan(before - 1);

    // Tools open without the network.
    await tool(a.page, /Check a thought/).click();
    await a.page.getByText('Feeling like the innocent one').waitFor();
    await screenshot(a.page, 'break-offline-a');

    // Writing offline keeps the words on the phone, to be saved when the network is back.
    await b.page.getByText(/You’re offline/).waitFor();
    await b.page.getByLabel('Your message').fill(OFFLINE_NOTE);
    await b.page.getByRole('button', { name: 'Keep it for later' }).click();
    await b.page.getByText('Kept on this phone for now. It will be saved when you’re back online.').waitFor();
    await a.page.getByText('No connection right now. The timer and everything below still work.').waitFor();
    await screenshot(b.page, 'break-offline-b');

    // While the phones are cut off, the server's time moves on by five minutes.
    clock.advance(5 * MINUTE_MS);
    server = await startServer({ clock, dataDir: stopped[0]!.dataDir, port });
    for (const phone of [a, b]) await phone.page.getByText('Connected').waitFor({ timeout: RECONNECT_MS });

    // Caught up: the clock re-measured (five minutes gone), the same countdown on both phones.
    await expect.poll(() => countdownSeconds(a.page), { timeout: 10_000 }).toBeLessThan(before - 5 * 60);
    await expect.poll(() => countdownSeconds(b.page), { timeout: 10_000 }).toBeLessThan(before - 5 * 60);
    const [onA, onB] = await Promise.all([countdownSeconds(a.page), countdownSeconds(b.page)]);
    expect(Math.abs(onA - onB)).toBeLessThanOrEqual(1);
    // The message written offline reached the server.
    await expect
      .poll(() => b.page.getByText('Kept on this phone for now. It will be saved when you’re back online.').count(), {
        timeout: 10_000,
      })
      .toBe(0);
    expect(await b.page.getByTestId('held-mine').count()).toBe(2);
  });

  it('asks again when the time is up and suggests more time above 4', async () => {
    clock.advance(20 * MINUTE_MS);
    await Promise.all([resync(a.page), resync(b.page)]);
    for (const phone of [a, b]) {
      await phone.page.getByText('Ready to reconnect?').waitFor();
      await phone.page.getByText('Time is up. How activated are you now?').waitFor();
    }
    await a.page.getByRole('button', { name: '6 out of 10' }).click();
    await a.page.getByText('Your body is still on alert. That is okay.').waitFor();
    await a.page.locator('.choices.suggested').getByText('A kind choice right now.').waitFor();
    await a.page.getByText('From 7 to 6. The break is working.').waitFor();
    await screenshot(a.page, 'break-checkin-after');

    await b.page.getByRole('button', { name: '3 out of 10' }).click();
    await b.page.getByText('Your body is settling. That is a good sign.').waitFor();
    expect(await b.page.locator('.choices.suggested').count()).toBe(0);
    await screenshot(b.page, 'break-checkin-after-b');
  });

  it('shows Sam the held messages again once both are ready, and delivers the ones Sam sends, exactly once', async () => {
    await a.page.getByRole('button', { name: 'I’m ready' }).click();
    await b.page.getByRole('button', { name: 'I’m ready' }).click();
    for (const phone of [a, b]) await phone.page.getByText('You’re both ready.').waitFor();

    // Nothing is delivered by itself: Sam reviews each message and sends it.
    const review = b.page.getByTestId('held-review');
    await expect.poll(() => review.count()).toBe(2);
    expect(await a.page.getByTestId('held-received').count()).toBe(0);
    await screenshot(b.page, 'break-reconnect-review-b');
    for (let left = 2; left > 0; left--) {
      await review.first().getByRole('button', { name: 'Send to Alex' }).click();
      await expect.poll(() => review.count()).toBe(left - 1);
    }

    await a.page.getByText('Sam wrote to you during the break').waitFor();
    await expect.poll(() => a.page.getByTestId('held-received').count()).toBe(2);
    expect(await a.page.getByText(EDITED, { exact: true }).count()).toBe(1);
    expect(await a.page.getByText(OFFLINE_NOTE, { exact: true }).count()).toBe(1);
    expect(await a.page.getByText(FIRST_DRAFT, { exact: true }).count()).toBe(0);
    expect(await a.page.getByText('Never mind.', { exact: true }).count()).toBe(0);
    // Nothing is waiting for Sam, and Sam's phone does not show its own messages as received.
    expect(await b.page.getByTestId('held-received').count()).toBe(0);
    await screenshot(a.page, 'break-reconnect-held');

    // A reload (and the server's redelivery on reconnect, if any) still shows each message once.
    await a.page.reload();
    await a.page.getByText('Sam wrote to you during the break').waitFor();
    await a.page.getByText('Connected').waitFor({ timeout: RECONNECT_MS });
    await expect.poll(() => a.page.getByTestId('held-received').count()).toBe(2);
    expect(await a.page.getByText(EDITED, { exact: true }).count()).toBe(1);

    await a.page.getByRole('button', { name: 'Back to normal without talking' }).click();
    await b.page.getByRole('button', { name: 'Yes, back to normal' }).click();
    for (const phone of [a, b]) await phone.page.getByRole('button', { name: /I’m activated, pausing/ }).waitFor();
    expect(await a.page.getByTestId('held-received').count()).toBe(0);
  });
});
