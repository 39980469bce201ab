import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { JumpingClock, noBrowser, openTwoPhones, screenshot, tool, type Phone } from '../support/browser.js';
import { linkedThroughUi } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

const SW_TIMEOUT_MS = 15_000;

describe.skipIf(noBrowser)('offline: the installed app opens without the server', () => {
  let server: TestServer<JumpingClock>;
  let browser: Browser;
  let a: Phone;
  let b: Phone;
  let stopped = false;

  beforeAll(async () => {
    server = await startServer({ clock: new JumpingClock() });
    ({ browser, a, b } = await openTwoPhones(server.url));
    await linkedThroughUi(a.page, b.page);
  });

  afterAll(async () => {
    await browser?.close();
    if (!stopped) await server?.stop();
    server?.cleanup();
  });

  it('the service worker takes control and precaches the shell', async () => {
    for (const phone of [a, b]) {
      // Functions, not strings: the page's CSP allows no eval.
      await phone.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
        timeout: SW_TIMEOUT_MS,
      });
      // Installed means every precached file is in the cache, the lazy break companion included.
      const cached = await phone.page.evaluate(async () => {
        let n = 0;
        for (const name of await caches.keys()) n += (await (await caches.open(name)).keys()).length;
        return n;
      });
      expect(cached).toBeGreaterThan(10);
    }
  });

  it('links the web app manifest once the first screen is up, and the browser reads it without errors', async () => {
    // index.html ships without the link (it would share the network with the entry script).
    const cdp = await a.page.context().newCDPSession(a.page);
    await a.page.waitForFunction(() => document.querySelector('link[rel="manifest"]') !== null);
    const manifest = await cdp.send('Page.getAppManifest', {});
    expect(manifest.url).toBe(`${server.url}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data ?? '{}')).toMatchObject({ name: 'Breather', display: 'standalone' });
    await cdp.detach();
  });

  it('with the server stopped, a reload still shows the app and the break tools', async () => {
    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).click();
    await a.page.getByText('You’re taking a break').waitFor();
    await b.page.getByText('Alex is taking a break to calm down.').waitFor();

    await server.stop();
    stopped = true;
    await expect(fetch(`${server.url}/`)).rejects.toThrow();

    for (const [name, phone] of [
      ['a', a],
      ['b', b],
    ] as const) {
      await phone.page.reload();
      await phone.page.getByTestId('countdown').first().waitFor();
      // The check-in comes first; skipping it opens the tools, all from the cache.
      const skip = phone.page.getByRole('button', { name: 'Skip' });
      if (await skip.isVisible().catch(() => false)) await skip.click();
      await phone.page.getByText('Breathe with the circle').waitFor();
      await tool(phone.page, /Calm the body fast/).waitFor();
      await screenshot(phone.page, `offline-${name}`);
    }
    await a.page.getByText('You’re taking a break').waitFor();
    await b.page.getByText('Alex is taking a break to calm down.').waitFor();

    // Another route loads the same cached shell.
    await a.page.goto('/settings').catch(() => undefined);
    await a.page
      .getByRole('button', { name: /I’m activated, pausing|I’m calm now/ })
      .or(a.page.getByRole('heading', { level: 1 }))
      .first()
      .waitFor();
  });
});
