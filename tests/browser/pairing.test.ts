import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { errorText } from '../../client/content/errors.js';
import {
  closeBrowserAndServer,
  noBrowser,
  openPhone,
  openTwoPhones,
  resync,
  screenshot,
  type Phone,
} from '../support/browser.js';
import { acceptAgreement, pairThroughUi, passScreening } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

describe.skipIf(noBrowser)('pairing in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let a: Phone;
  let b: Phone;

  beforeAll(async () => {
    server = await startServer();
    ({ browser, a, b } = await openTwoPhones(server.url));
  });

  afterAll(async () => {
    await closeBrowserAndServer(browser, server);
  });

  it('links two phones with a typed code and shows each the other’s name', async () => {
    await pairThroughUi(a.page, b.page, { a: 'Alex', b: 'Sam' }, 'pairing');
    await screenshot(a.page, 'pairing-a-linked');
    await screenshot(b.page, 'pairing-b-linked');
    expect(a.page.url()).toMatch(/\/agreement$/);
  });

  it('saves the agreement and shows the pause button on both phones', async () => {
    await acceptAgreement(a.page);
    await acceptAgreement(b.page);
    await expect(a.page.getByText('Linked with Sam').isVisible()).resolves.toBe(true);
    await screenshot(a.page, 'pairing-a-home');
  });

  it('keeps the link after a reload', async () => {
    await b.page.reload();
    await b.page.getByText('Linked with Alex').waitFor();
    await b.page.getByText('Connected').waitFor();
  });

  it('unpairs from settings and leaves both phones in a neutral state', async () => {
    await a.page.getByRole('link', { name: 'Settings' }).click();
    await a.page.getByText('(this phone)').waitFor();
    await screenshot(a.page, 'pairing-settings');
    await a.page.getByRole('button', { name: 'Unpair' }).click();
    await a.page.getByRole('button', { name: 'Yes, unpair now' }).click();
    for (const phone of [a, b]) {
      await phone.page.getByText('This phone is not linked.').waitFor();
      await expect(phone.page.getByText('Alex').count()).resolves.toBe(0);
      await expect(phone.page.getByText('Sam').count()).resolves.toBe(0);
    }
    await screenshot(b.page, 'pairing-b-unlinked');
  });

  it('offers a new code once the old one expired, and links through the QR link', async () => {
    await a.page.getByRole('link', { name: 'Link with my partner' }).click();
    await a.page.getByLabel('Your first name').fill('Alex');
    await a.page.getByRole('button', { name: 'Make a code' }).click();
    const firstCode = await a.page.getByTestId('invite-code').textContent();

    server.clock.advance(11 * 60_000);
    await resync(a.page);
    await a.page.getByText('This code has expired.').waitFor();
    await screenshot(a.page, 'pairing-a-expired');
    await a.page.getByRole('button', { name: 'New code' }).click();
    await a.page.getByTestId('invite-code').waitFor();
    expect(await a.page.getByTestId('invite-code').textContent()).not.toBe(firstCode);

    const invite = JSON.parse((await a.page.evaluate(() => localStorage.getItem('breather.invite')))!) as {
      token: string;
    };
    await b.page.goto(`/join#t=${invite.token}`);
    await expect(b.page.getByLabel('Code from your partner’s phone').count()).resolves.toBe(0);
    await b.page.getByLabel('Your first name').fill('Sam');
    await screenshot(b.page, 'pairing-b-token');
    await b.page.getByRole('button', { name: 'Link', exact: true }).click();
    await b.page.getByText('Linked with Alex').waitFor();
    await a.page.getByText('Linked with Sam').waitFor();
  });

  it('words the server’s refusal when a code is wrong', async () => {
    const c = await openPhone(browser, server.url);
    await c.page.goto('/join');
    await passScreening(c.page);
    await c.page.getByLabel('Code from your partner’s phone').fill('zzzz-zzzz');
    await c.page.getByLabel('Your first name').fill('Kim');
    await c.page.getByRole('button', { name: 'Link', exact: true }).click();
    await c.page.getByRole('alert').waitFor();
    expect((await c.page.getByRole('alert').textContent())?.trim()).toBe(errorText({ code: 'invite_not_found' }));
    await screenshot(c.page, 'pairing-wrong-code');
    await c.context.close();
  });
});
