import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closeBrowserAndServer, noBrowser, openTwoPhones, screenshot, type Phone } from '../support/browser.js';
import { linkedThroughUi } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * The screening question: asked before linking ("Do you ever feel afraid of your partner?"); yes leads
 * to the safety page and its plain statement, not to pairing; asked again, privately, in Settings. The
 * answer is never sent and a yes leaves no trace on the phone.
 */

const QUESTION = 'Do you ever feel afraid of your partner?';

/** Every frame this page sends on its socket from now on. */
function sentFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => frames.push(String(f.payload))));
  return frames;
}

/** Everything this phone keeps in local storage, as one string to search. */
function storedKeys(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
}

describe.skipIf(noBrowser)('the screening question', () => {
  let server: TestServer;
  let browser: Browser;
  let a: Phone;
  let b: Phone;

  beforeAll(async () => {
    server = await startServer();
    ({ browser, a, b } = await openTwoPhones(server.url));
    for (const phone of [a, b]) phone.page.setDefaultTimeout(10_000);
  });

  afterAll(() => closeBrowserAndServer(browser, server));

  it('comes before linking; yes opens the safety page with a plain statement', async () => {
    const page = a.page;
    await page.goto('/');
    await page.getByRole('link', { name: 'Link with my partner' }).click();
    await page.getByText(QUESTION).waitFor();
    await page.getByText('Only you see this. Your answer stays on this phone.').waitFor();
    expect(await page.getByLabel('Your first name').count()).toBe(0);
    await screenshot(page, 'screening-question');

    await page.getByRole('button', { name: 'Yes', exact: true }).click();
    const afraid = page.getByTestId('afraid');
    await afraid.getByRole('heading', { name: 'Breather is not made for this' }).waitFor();
    await afraid
      .getByText('If you are afraid of your partner, a pause button cannot keep you safe.', { exact: false })
      .waitFor();
    await page.getByRole('heading', { name: 'Crisis and domestic-violence lines' }).waitFor();
    // Said where attention goes, and nowhere a partner could read it later.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('afraid-title');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/safety');
    expect(await storedKeys(page)).not.toMatch(/screen|afraid/);
    await screenshot(page, 'screening-yes-safety');
  });

  it('is asked again after a yes; no goes on to linking, and is not asked again on this phone', async () => {
    const page = a.page;
    await page.goto('/');
    await page.getByRole('link', { name: 'Link with my partner' }).click();
    await page.getByText(QUESTION).waitFor();
    await page.getByRole('button', { name: 'No', exact: true }).click();
    await page.getByLabel('Your first name').waitFor();

    await page.goto('/join');
    await page.getByLabel('Code from your partner’s phone').waitFor();
    expect(await page.getByText(QUESTION).count()).toBe(0);
  });

  it('the safety page statement is not shown to someone who just opens the safety page', async () => {
    await b.page.goto('/safety');
    await b.page.getByRole('heading', { name: 'Safety and help' }).waitFor();
    expect(await b.page.getByTestId('afraid').count()).toBe(0);
  });

  it('is asked again, privately, in Settings; nothing about the answer is sent', async () => {
    await linkedThroughUi(a.page, b.page);
    const page = b.page;
    await page.getByRole('link', { name: 'Settings' }).click();
    const box = page.getByTestId('screening');
    await box.getByText(QUESTION).waitFor();
    await box.getByText('Your answer is not saved and not sent.').waitFor();
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'screening-settings');

    const frames = sentFrames(page);
    await box.getByRole('button', { name: 'No', exact: true }).click();
    await box.getByRole('status').getByText('Thank you.', { exact: false }).waitFor();
    await box.getByRole('button', { name: 'I’m not sure' }).click();
    await page.getByTestId('afraid').waitFor();
    expect(frames.filter((f) => /afraid|screen|not sure/i.test(f))).toEqual([]);
    expect(await storedKeys(page)).not.toMatch(/afraid/);
  });
});
