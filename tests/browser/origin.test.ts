import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, noBrowser, screenshot } from '../support/browser.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * A page on another origin must get nothing from the socket endpoint: not through a JSONP
 * `<script src>` (no Origin header, so engine.io's handshake check never saw it), not through fetch
 * long-polling, with or without CORS. And a page reached through a rebound DNS name (same-origin
 * with itself) is refused by its Host. The app's own page still connects.
 */

const REBOUND = 'rebound.test';

/** The page's globals this test reads, loosely typed: this file compiles without the DOM library. */
interface Probe {
  probe: { jsonpAnswered: boolean; jsonpSettled: boolean; cors: string; noCors: string };
}

function foreignPage(appUrl: string): string {
  const handshake = `${appUrl}/socket.io/?EIO=4&transport=polling`;
  return `<!doctype html><meta charset="utf-8"><title>Another site</title>
<script>
  window.probe = { jsonpAnswered: false, jsonpSettled: false, cors: 'pending', noCors: 'pending' };
  // What engine.io's JSONP answer calls.
  window.___eio = [function () { window.probe.jsonpAnswered = true; }];
  fetch('${handshake}', { mode: 'cors' }).then((r) => r.text()).then((t) => (probe.cors = 'read:' + t), () => (probe.cors = 'blocked'));
  fetch('${handshake}&t=nc', { mode: 'no-cors' }).then(() => (probe.noCors = 'sent'), () => (probe.noCors = 'blocked'));
</script>
<script src="${handshake}&j=0" onload="probe.jsonpSettled = true" onerror="probe.jsonpSettled = true"></script>
<p>Nothing to see here.</p>`;
}

describe.skipIf(noBrowser)('a foreign origin in Chromium', () => {
  let server: TestServer;
  let foreign: Server;
  let foreignUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    // Another origin: "localhost" and another port, against the app on 127.0.0.1.
    foreign = createServer((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(foreignPage(server.url)),
    );
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    foreignUrl = `http://localhost:${(foreign.address() as AddressInfo).port}`;
    // DNS rebinding without a DNS server: the attacker's name resolves to this machine.
    browser = await launchBrowser([`--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`]);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => foreign?.close(resolve));
    await server?.stop();
    server?.cleanup();
  });

  it('gets no session through JSONP or fetch polling', async () => {
    const page = await browser.newPage();
    await page.goto(`${foreignUrl}/`);
    await page.waitForFunction(() => {
      const { probe } = globalThis as unknown as Probe;
      return probe.jsonpSettled && probe.cors !== 'pending' && probe.noCors !== 'pending';
    });
    const probe = await page.evaluate(() => (globalThis as unknown as Probe).probe);
    await screenshot(page, 'origin-foreign-page');
    expect(probe.jsonpAnswered).toBe(false);
    expect(probe.cors).toBe('blocked');
    // Nothing was opened on the server: not by the script tag, not by either fetch.
    expect(server.app.io.engine.clientsCount).toBe(0);
    await page.close();
  });

  it('is refused by its Host when it comes through a rebound name', async () => {
    const page = await browser.newPage();
    const port = new URL(server.url).port;
    const res = await page.goto(`http://${REBOUND}:${port}/`);
    expect(res?.status()).toBe(403);
    expect(await page.locator('body').innerText()).toContain('host_refused');
    await screenshot(page, 'origin-rebound-name');
    expect(server.app.io.engine.clientsCount).toBe(0);
    await page.close();
  });

  it('the app’s own page still connects', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await expect.poll(() => server.app.io.engine.clientsCount, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.close();
  });
});
