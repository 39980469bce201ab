import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  closeBrowserAndServer,
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
const HOUR_MS = 60 * MINUTE_MS;

/** Records every navigator.vibrate call in the page, so a buzz can be asserted. (Page code, as text: no DOM types here.) */
const RECORD_BUZZES = `
  window.__buzzes = [];
  Object.defineProperty(navigator, 'vibrate', { configurable: true, value: (p) => (window.__buzzes.push(p), true) });
`;

const buzzes = (page: Page) => page.evaluate<number>('window.__buzzes.length');

/** "9:35 PM" (as the phone shows it) → "21:35" (what a time input takes). */
function to24h(shown: string): string {
  const m = /(\d{1,2}):(\d{2})\s?([AP]M)/i.exec(shown);
  if (!m) throw new Error(`not a time: ${shown}`);
  const hour = (Number(m[1]) % 12) + (m[3]!.toUpperCase() === 'PM' ? 12 : 0);
  return `${String(hour).padStart(2, '0')}:${m[2]}`;
}

/** The element's box lies inside the visible viewport (a real layout check, not just "attached"). */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate<boolean>(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  })()`);
}

describe.skipIf(noBrowser)('the break protocol on two phones', { timeout: 90_000 }, () => {
  let server: TestServer<JumpingClock>;
  let clock: JumpingClock;
  let browser: Browser;
  let a: Phone; // Alex
  let b: Phone; // Sam

  beforeAll(async () => {
    clock = new JumpingClock();
    server = await startServer({ clock });
    ({ browser, a, b } = await openTwoPhones(server.url));
    for (const phone of [a, b]) {
      await phone.context.addInitScript(RECORD_BUZZES);
      phone.page.setDefaultTimeout(10_000);
    }
    await linkedThroughUi(a.page, b.page);
  });

  afterAll(async () => {
    await closeBrowserAndServer(browser, server);
  });

  it('ending a break early needs a calm re-rating and a second tap; the partner sees why', async () => {
    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).click();
    await b.page.getByTestId('reassurance').waitFor();
    // Alex's phone knows Sam's phone is showing the message.
    await a.page.getByText('Your message is on Sam’s phone.').waitFor();
    await b.page.getByText(/look after your own body/).waitFor();
    await b.page.getByRole('button', { name: '6 out of 10' }).click();
    await b.page.getByRole('button', { name: 'Open my break tools' }).click();
    await expect.poll(() => inViewport(b.page, '#tools-title')).toBe(true);
    await screenshot(b.page, 'break-protocol-1-partner-waiting-b');

    clock.advance(5 * MINUTE_MS);
    await Promise.all([resync(a.page), resync(b.page)]);
    await a.page.getByRole('button', { name: 'I’m calm now' }).click();
    const early = a.page.getByTestId('early-end');
    await early.getByText('The body usually needs about 20 minutes to settle', { exact: false }).waitFor();
    await early.getByRole('button', { name: '6 out of 10' }).click();
    await early.getByText('Your body is still on alert.').waitFor();
    expect(await early.getByRole('button', { name: 'End my break now' }).count()).toBe(0);
    await screenshot(a.page, 'break-protocol-1-early-still-on-alert-a');
    // Still on the break for both: nothing was sent.
    await b.page.getByText('Alex is taking a break to calm down.').waitFor();

    await early.getByRole('button', { name: '3 out of 10' }).click();
    await early.getByText('Your body has settled.').waitFor();
    await screenshot(a.page, 'break-protocol-1-early-settled-a');
    await early.getByRole('button', { name: 'End my break now' }).click();

    await a.page.getByRole('heading', { name: 'You’re ready.' }).waitFor();
    await a.page.getByText('Waiting for Sam…').waitFor();
    // Rated a moment ago: not asked again now.
    expect(await a.page.getByText('Time is up. How activated are you now?').count()).toBe(0);
    await b.page.getByRole('heading', { name: 'Ready to reconnect?' }).waitFor();
    await b.page.getByTestId('partner-calm').getByText('Alex feels calm now and is ready to talk.').waitFor();
    await screenshot(a.page, 'break-protocol-1-ended-a');
    await screenshot(b.page, 'break-protocol-1-ended-b');
  });

  it('"back to normal without talking" is asked, and can be answered with a time to talk later', async () => {
    await b.page.getByRole('button', { name: 'I’m ready' }).click();
    for (const phone of [a, b]) await phone.page.getByText('Step 1 of 5').waitFor();
    await a.page.getByRole('button', { name: 'Back to normal without talking' }).click();
    await a.page.getByText('Waiting for Sam to answer…').waitFor();
    const request = b.page.getByTestId('close-request');
    await request.getByText('Alex would like to go back to normal without talking now.').waitFor();
    // Nobody is pulled out yet.
    for (const phone of [a, b]) expect(await phone.page.getByText('Step 1 of 5').count()).toBe(1);
    await screenshot(a.page, 'break-protocol-2-asked-a');
    await screenshot(b.page, 'break-protocol-2-asked-b');

    await request.getByRole('button', { name: 'Pick a time to talk later' }).click();
    await request.getByLabel('When shall we talk?').fill('19:00');
    await request.getByRole('button', { name: /Set this time/ }).click();
    for (const phone of [a, b]) {
      await phone.page.getByRole('button', { name: /I’m activated, pausing/ }).waitFor();
      await screenshot(phone.page, `break-protocol-2-calm-${phone === a ? 'a' : 'b'}`);
      await phone.page
        .getByTestId('talk-later')
        .getByText(/You agreed to talk (today|tomorrow) at 7:00\s?PM\./)
        .waitFor();
    }
    await screenshot(a.page, 'break-protocol-2-talk-later-a');
  });

  it('every rung of the ladder shows on the partner’s phone, up to the day’s cap, which says why', async () => {
    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).click();
    await b.page.getByText('Alex is taking a break to calm down.').waitFor();
    await a.page.getByRole('button', { name: 'Add more time' }).click();
    const before = await buzzes(b.page);
    await a.page.getByRole('button', { name: '+20 min' }).click();
    const line = b.page.getByTestId('extended-line');
    await line.getByText(/^Alex added 20 min\. Back at \d{1,2}:\d{2}\s?[AP]M\.$/).waitFor();
    await expect.poll(() => buzzes(b.page)).toBe(before + 1);
    await screenshot(b.page, 'break-protocol-3-extended-b');

    for (const [rung, shown] of [
      ['+1 h', '1 h'],
      ['+2 h', '2 h'],
      ['+6 h', '6 h'],
    ] as const) {
      await a.page.getByRole('button', { name: 'Add more time' }).click();
      await a.page.getByRole('button', { name: rung, exact: true }).click();
      await line.getByText(new RegExp(`^Alex (added ${shown}|moved the break to tomorrow)\\.`)).waitFor();
    }
    expect(await buzzes(b.page)).toBe(before + 4);

    // "Tomorrow": a time past the day's cap is not offered, and the phone says the latest one.
    await a.page.getByRole('button', { name: 'Add more time' }).click();
    await a.page.getByRole('button', { name: 'Tomorrow' }).click();
    const time = a.page.getByLabel('Back at');
    await expect.poll(() => time.inputValue()).toBe('09:00');
    await screenshot(a.page, 'break-protocol-3-tomorrow-a');
    // A minute before the current deadline's clock time is almost a day on: past the cap.
    const deadline = to24h(
      (await a.page
        .getByText(/^Back at /)
        .first()
        .textContent())!,
    );
    const [h, m] = deadline.split(':').map(Number) as [number, number];
    const minuteBefore = (h * 60 + m + 24 * 60 - 1) % (24 * 60);
    await time.fill(
      `${String(Math.floor(minuteBefore / 60)).padStart(2, '0')}:${String(minuteBefore % 60).padStart(2, '0')}`,
    );
    const late = a.page.getByText(/more than a day after the break began\. The latest is/);
    await screenshot(a.page, 'break-protocol-3-tomorrow-too-late-a');
    await time.fill(to24h((await late.textContent())!.split('The latest is ')[1]!));
    await a.page.getByRole('button', { name: /^Back (tomorrow|today) at/ }).click();
    await line.getByText(/^Alex moved the break to tomorrow\. Back at \d{1,2}:\d{2}\s?[AP]M\.$/).waitFor();
    await screenshot(b.page, 'break-protocol-3-tomorrow-b');

    // Within five minutes of the cap: no rung left, and the reason instead of silence.
    await a.page.getByRole('button', { name: 'Add more time' }).click();
    const cap = a.page.getByTestId('extend-cap');
    await cap
      .getByText('A break can’t go on past a day from when it began, so no more time can be added.', { exact: false })
      .waitFor();
    await screenshot(a.page, 'break-protocol-3-cap-a');
  });

  it('when the break ends, both phones bring “Ready to reconnect?” into view, focus it and buzz', async () => {
    for (const phone of [a, b]) {
      // Answering the first question opens the tools below: a long page to scroll down.
      await phone.page.getByRole('button', { name: '5 out of 10' }).click();
      await phone.page.getByRole('navigation').waitFor();
      await phone.page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
      expect(await phone.page.evaluate<number>('window.scrollY')).toBeGreaterThan(300);
    }
    const [buzzA, buzzB] = await Promise.all([buzzes(a.page), buzzes(b.page)]);
    clock.advance(24 * HOUR_MS + MINUTE_MS);
    await Promise.all([resync(a.page), resync(b.page)]);
    for (const phone of [a, b]) {
      await phone.page.getByRole('heading', { name: 'Ready to reconnect?' }).waitFor();
      await expect.poll(() => inViewport(phone.page, '#checkin-title')).toBe(true);
      await expect
        .poll(() => phone.page.evaluate<string | undefined>('document.activeElement?.id'))
        .toBe('checkin-title');
    }
    await expect.poll(() => buzzes(a.page)).toBe(buzzA + 1);
    await expect.poll(() => buzzes(b.page)).toBe(buzzB + 1);
    // What the person sees: the viewport, not the whole page.
    await a.page.screenshot({ path: 'test-results/break-protocol-4-time-up-viewport-a.png' });
    await b.page.screenshot({ path: 'test-results/break-protocol-4-time-up-viewport-b.png' });
  });
});
