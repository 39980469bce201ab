import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { noBrowser, openTwoPhones, screenshot, type Phone } from '../support/browser.js';
import { acceptAgreement, pairThroughUi } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * Safety in the browser: quick exit (button and keyboard) that Back cannot undo, the safety page before
 * pairing and with the server gone, export of one's own entries only, and delete everything.
 */

const PARTNER = 'Sam';
const ME = 'Alex';

async function bodyText(page: Page): Promise<string> {
  return (
    (await page
      .locator('body')
      .innerText()
      .catch(() => '')) ?? ''
  );
}

/** After an exit, nothing of the app is readable: no names, no app words. */
async function expectNothingReadable(page: Page): Promise<void> {
  // Wherever Back lands, the app bounces on to the neutral page (or there is nothing before it).
  await page.waitForURL((url) => url.pathname === '/weather.html' || url.protocol === 'about:');
  await page.waitForLoadState('load');
  const text = await bodyText(page);
  for (const word of [PARTNER, ME, 'Breather', 'Linked with', 'pausing', 'Settings']) expect(text).not.toContain(word);
  expect(await page.title()).not.toContain('Breather');
}

describe.skipIf(noBrowser)('safety: quick exit, the safety page, export and delete everything', () => {
  let server: TestServer;
  let browser: Browser;
  let a: Phone;
  let b: Phone;

  beforeAll(async () => {
    server = await startServer();
    ({ browser, a, b } = await openTwoPhones(server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop().catch(() => undefined);
    server?.cleanup();
  });

  it('shows Quick exit and the safety page before pairing', async () => {
    await a.page.goto('/');
    await a.page.getByText('This phone is not linked.').waitFor();
    const exit = a.page.getByRole('button', { name: /^Quick exit/ });
    await exit.waitFor();
    // Fixed in the bottom corner, within a thumb's reach, and big enough to hit.
    const box = (await exit.boundingBox())!;
    expect(box.y + box.height).toBeGreaterThan(844 - 80);
    expect(box.x + box.width).toBeGreaterThan(390 - 60);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await screenshot(a.page, 'safety-welcome');

    await a.page.getByRole('link', { name: 'Safety and help' }).click();
    await a.page.getByRole('heading', { name: 'Safety and help' }).waitFor();
    await a.page.getByText('This app is not for relationships with violence or fear').waitFor();
    for (const dial of ['988', '18007997233', '08082000247', '116123', '1800737732', '911', '112', '999']) {
      expect(await a.page.locator(`a[href="tel:${dial}"]`).count(), dial).toBe(1);
    }
    await a.page.getByText(/These are examples/).waitFor();
    await screenshot(a.page, 'safety-page');
    await a.page.getByRole('link', { name: '← Back' }).click();
    await a.page.getByText('This phone is not linked.').waitFor();
  });

  it('serves the app shell with no-store and a Permissions-Policy that denies sensors', async () => {
    const res = await fetch(`${server.url}/settings`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const policy = res.headers.get('permissions-policy') ?? '';
    for (const feature of ['geolocation=()', 'camera=()', 'microphone=()', 'payment=()', 'usb=()'])
      expect(policy).toContain(feature);
    const neutral = await fetch(`${server.url}/weather.html`);
    expect(neutral.status).toBe(200);
    expect(neutral.headers.get('cache-control')).toBe('no-store');
    const html = await neutral.text();
    expect(html).not.toMatch(/breather|<script|href="\/"/i);
  });

  it('quick exit blanks the app and Back does not bring it back', async () => {
    await pairThroughUi(a.page, b.page, { a: ME, b: PARTNER });
    await acceptAgreement(a.page);
    await acceptAgreement(b.page);
    await a.page.getByText(`Linked with ${PARTNER}`).waitFor();
    await screenshot(a.page, 'safety-home');

    // A few entries of the app in this tab's history.
    await a.page.getByRole('link', { name: 'Settings' }).click();
    await a.page.getByText('(this phone)').waitFor();
    await a.page.getByRole('button', { name: /^Quick exit/ }).click();
    await a.page.waitForURL(/\/weather\.html$/);
    await a.page.getByRole('heading', { name: 'Weather' }).waitFor();
    await expectNothingReadable(a.page);
    await screenshot(a.page, 'safety-exit');

    // Back, and Back again: never the app (a fresh load bounces on; a cached page would be blank).
    for (let i = 0; i < 3; i++) {
      await a.page.goBack().catch(() => null);
      await expectNothingReadable(a.page);
    }
    await screenshot(a.page, 'safety-exit-back');
  });

  it('opening the app again on purpose works, and Escape twice exits too', async () => {
    await a.page.goto('/');
    await a.page.getByText(`Linked with ${PARTNER}`).waitFor();
    await a.page.keyboard.press('Escape');
    // An exit blanks the page inside the key handler, before navigating: one Escape leaves it as it was.
    expect(await bodyText(a.page)).toContain(`Linked with ${PARTNER}`);
    expect(a.page.url()).not.toMatch(/weather/);
    await a.page.keyboard.press('Escape');
    await a.page.waitForURL(/\/weather\.html$/);
    await a.page.goBack().catch(() => null);
    await expectNothingReadable(a.page);

    // Shift+Escape: one press.
    await b.page.getByText(`Linked with ${ME}`).waitFor();
    await b.page.keyboard.press('Shift+Escape');
    await b.page.waitForURL(/\/weather\.html$/);
    await expectNothingReadable(b.page);
    await b.page.goto('/');
    await b.page.getByText(`Linked with ${ME}`).waitFor();
  });

  it('exports my own entries and none of my partner’s', async () => {
    await a.page.goto('/');
    await a.page.getByText(`Linked with ${PARTNER}`).waitFor();
    const partnerId = await a.page.evaluate<string>(() => {
      const me = JSON.parse(localStorage.getItem('breather.deviceId') ?? 'null') as string;
      const snap = JSON.parse(localStorage.getItem('breather.snapshot') ?? 'null') as { devices: { id: string }[] };
      return snap.devices.find((d) => d.id !== me)!.id;
    });
    // What this phone would hold after a break and a reconnect: my notes, my draft, a message from my
    // partner and the shared history (which carries both people's lines).
    await a.page.evaluate(
      ({ partnerId, me, partner }) => {
        const now = Date.now();
        localStorage.setItem(
          'breather.break.journal.pause-export-1',
          JSON.stringify({ pauseId: 'pause-export-1', notes: 'MyNoteCanary: walk first, talk later', updatedAt: now }),
        );
        localStorage.setItem(
          'breather.held.draft',
          JSON.stringify({ pauseId: 'pause-export-1', text: 'MyDraftCanary', editing: null }),
        );
        localStorage.setItem(
          'breather.held.received',
          JSON.stringify([
            {
              id: 'msg-export-1',
              authorId: partnerId,
              text: 'PartnerHeldCanary',
              createdAt: now,
              receivedAt: now,
              archived: true,
            },
          ]),
        );
        localStorage.setItem(
          'breather.history',
          JSON.stringify([
            {
              id: 'pause-export-1',
              startedAt: now - 3_600_000,
              talkStartedAt: now - 1_800_000,
              endedAt: now,
              before: 8,
              after: 3,
              reachedSummary: true,
              summary: {
                heard: [
                  { speaker: partner, listener: me, paraphrase: 'MyParaphraseCanary', validation: null },
                  {
                    speaker: me,
                    listener: partner,
                    paraphrase: 'PartnerParaphraseCanary',
                    validation: 'PartnerValidationCanary',
                  },
                ],
                plans: [
                  { name: me, regret: 'MyRegretCanary', sorry: null, willDo: null, asked: null, answer: null },
                  {
                    name: partner,
                    regret: 'PartnerRegretCanary',
                    sorry: null,
                    willDo: null,
                    asked: 'PartnerAskCanary',
                    answer: { by: me, status: 'adjusted', adjustment: 'MyAdjustmentCanary' },
                  },
                ],
              },
            },
          ]),
        );
      },
      { partnerId, me: ME, partner: PARTNER },
    );

    await a.page.getByRole('link', { name: 'Settings' }).click();
    await a.page.getByText('(this phone)').waitFor();
    const exportButton = a.page.getByRole('button', { name: 'Export my data' });
    await exportButton.scrollIntoViewIfNeeded();
    await screenshot(a.page, 'safety-settings');
    const [download] = await Promise.all([a.page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^breather-export-\d{4}-\d{2}-\d{2}\.json$/);
    const text = readFileSync(await download.path(), 'utf8');
    const data = JSON.parse(text) as { settings: { name: string; reassurance: string | null } };
    for (const mine of [
      'MyNoteCanary',
      'MyDraftCanary',
      'MyParaphraseCanary',
      'MyRegretCanary',
      'MyAdjustmentCanary',
    ]) {
      expect(text, mine).toContain(mine);
    }
    expect(text).not.toContain('Partner');
    expect(text).not.toContain(PARTNER);
    expect(data.settings.name).toBe(ME);
    expect(data.settings.reassurance).toEqual(expect.any(String));
    expect(text).not.toContain('credential');
  });

  it('delete everything clears this phone and the server; the partner shows not linked', async () => {
    await b.page.goto('/settings');
    await b.page.getByText('(this phone)').waitFor();
    const stored = await b.page.evaluate(() => Object.keys(localStorage));
    expect(stored.filter((k) => k.startsWith('breather.')).length).toBeGreaterThan(0);
    await b.page.getByRole('button', { name: 'Delete everything' }).click();
    await b.page.getByRole('button', { name: 'Yes, delete everything' }).scrollIntoViewIfNeeded();
    await screenshot(b.page, 'safety-delete-confirm');
    await b.page.getByRole('button', { name: 'Yes, delete everything' }).click();

    await b.page.getByText('This phone is not linked.').waitFor();
    await a.page.getByText('This phone is not linked.').waitFor();
    await screenshot(b.page, 'safety-deleted-b');
    await screenshot(a.page, 'safety-deleted-a');
    // The fresh start writes a few things again, none personal: the clock offset, the service worker's
    // precache of the app shell, an empty key store for this (now unlinked) phone.
    const left = await b.page.evaluate(async () => {
      return {
        local: Object.keys(localStorage).filter((k) => k.startsWith('breather.') && k !== 'breather.offset'),
        session: Object.keys(sessionStorage).filter((k) => k.startsWith('breather.')),
        databases: (await indexedDB.databases()).map((d) => d.name),
      };
    });
    expect(left.local).toEqual([]);
    expect(left.session).toEqual([]);
    expect(left.databases.filter((n) => n !== 'breather-e2e')).toEqual([]);
    for (const phone of [a, b]) {
      expect(await bodyText(phone.page)).not.toContain(ME);
      expect(await bodyText(phone.page)).not.toContain(PARTNER);
    }
  });

  it('the safety page opens with the server gone', async () => {
    await b.context.close();
    await server.stop();
    await a.page.getByRole('link', { name: 'Safety and help' }).click();
    await a.page.getByRole('heading', { name: 'Safety and help' }).waitFor();
    expect(await a.page.locator('a[href="tel:18007997233"]').count()).toBe(1);
    await screenshot(a.page, 'safety-offline');
  });
});
