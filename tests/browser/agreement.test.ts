import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closeBrowserAndServer, noBrowser, openTwoPhones, screenshot, type Phone } from '../support/browser.js';
import { pairThroughUi } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * The time-out agreement on two phones: each writes their part, both see both parts and the promises,
 * both tap "We agree"; a change by one re-asks the other; and pausing works all along.
 */

const ALEX_WORDS = 'Need some air. Not leaving. Back at {time}.';

function status(page: Page) {
  return page.getByTestId('agreement-status');
}

describe.skipIf(noBrowser)('the shared break agreement', () => {
  let server: TestServer;
  let browser: Browser;
  let a: Phone;
  let b: Phone;

  beforeAll(async () => {
    server = await startServer();
    ({ browser, a, b } = await openTwoPhones(server.url));
    for (const phone of [a, b]) phone.page.setDefaultTimeout(10_000);
    await pairThroughUi(a.page, b.page, { a: 'Alex', b: 'Sam' });
  });

  afterAll(() => closeBrowserAndServer(browser, server));

  it('after linking, both phones show the promises and both parts', async () => {
    for (const page of [a.page, b.page]) {
      await page.getByText('We both promise').waitFor();
      await page.getByText('the other will not follow, call or text about the fight').waitFor();
      await status(page).getByText('Read both parts').waitFor();
    }
    await a.page.getByTestId('partner-part').getByText('Usual break: 20 min').waitFor();
    await screenshot(a.page, 'agreement-a-first');
  });

  it('Alex writes their part and agrees; Sam’s phone shows it, opened on the phone, and asks Sam', async () => {
    await a.page.getByText('Compare this with your partner’s screen.').waitFor();
    await a.page.getByRole('button', { name: '30 min' }).click();
    await a.page.getByLabel('What your partner sees when you pause').fill(ALEX_WORDS);
    await a.page.getByRole('button', { name: 'We agree' }).click();

    const missing = a.page.getByTestId('agreement-missing');
    await missing.getByText('You agreed. Sam has not agreed yet.').waitFor();
    // Pausing is not taken away, only out of the spotlight.
    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).waitFor();
    await screenshot(a.page, 'agreement-a-waiting');

    const part = b.page.getByTestId('partner-part');
    await part.getByText('Usual break: 30 min').waitFor();
    await part.getByText('Need some air. Not leaving. Back at (time).').waitFor();
    // Sam had the agreement open: it says what just changed.
    await status(b.page).getByText('Alex changed their part. Read it again, then tap “We agree”.').waitFor();
    await screenshot(b.page, 'agreement-b-asked');

    // The server holds Alex's words only sealed.
    const db = new Database(server.dbFile, { readonly: true });
    const rows = db.prepare('SELECT reassurance FROM devices').all() as Array<{ reassurance: string }>;
    db.close();
    expect(rows.some((r) => r.reassurance.startsWith('v1.'))).toBe(true);
    expect(rows.some((r) => r.reassurance.includes('Need some air'))).toBe(false);
  });

  it('once Sam agrees too, both homes offer the big pause button', async () => {
    await b.page.getByRole('button', { name: 'We agree' }).click();
    for (const page of [a.page, b.page]) {
      await page.getByTestId('agreement-missing').waitFor({ state: 'detached' });
      await page.locator('.btn-huge').getByText('I’m activated, pausing').waitFor();
    }
    await screenshot(b.page, 'agreement-b-home');
  });

  it('a change by Sam re-asks Alex, whose home explains what is missing', async () => {
    await b.page.getByRole('link', { name: 'Settings' }).click();
    await b.page.getByRole('link', { name: 'Our break agreement' }).click();
    await status(b.page).getByText('You both agreed.').waitFor();
    await b.page.getByRole('button', { name: '1 h', exact: true }).click();
    await b.page.getByRole('button', { name: 'We agree' }).click();
    await b.page.getByTestId('agreement-missing').getByText('Alex has not agreed yet.').waitFor();

    const missing = a.page.getByTestId('agreement-missing');
    await missing.getByText('Your break agreement needs you').waitFor();
    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).waitFor();
    expect(await a.page.locator('.btn-huge').count()).toBe(0);
    await screenshot(a.page, 'agreement-a-reasked');

    await missing.getByRole('link', { name: 'Open our agreement' }).click();
    await a.page.getByTestId('partner-part').getByText('Usual break: 1 h').waitFor();
    await status(a.page).getByText('Sam agreed. Read it, then tap “We agree” too.').waitFor();
    await screenshot(a.page, 'agreement-a-reread');
    await a.page.getByRole('button', { name: 'We agree' }).click();
    for (const page of [a.page, b.page]) await page.locator('.btn-huge').waitFor();
  });

  it('while a change waits for the other, either can still pause', async () => {
    await a.page.getByRole('link', { name: 'Settings' }).click();
    await a.page.getByRole('link', { name: 'Our break agreement' }).click();
    await a.page.getByRole('button', { name: '2 h', exact: true }).click();
    await a.page.getByRole('button', { name: 'We agree' }).click();
    await b.page.getByTestId('agreement-missing').getByText('Your break agreement needs you').waitFor();

    await b.page.getByRole('button', { name: /I’m activated, pausing/ }).click();
    await b.page.getByText('You’re taking a break').waitFor();
    await a.page.getByText('Sam is taking a break to calm down.').waitFor();
    await screenshot(a.page, 'agreement-a-partner-paused');
  });
});
