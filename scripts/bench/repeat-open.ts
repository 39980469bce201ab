// repeat_open_ms: a linked phone opens the installed app again with the network off and the CPU
// throttled 4×; how long from navigation until the pause button is on screen, served by the service
// worker alone. Phones link through the real UI, as in the browser tests.
import { chromium, type Page } from 'playwright-core';
import { linkedThroughUi } from '../../tests/support/pairing-flow.js';
import { median, round } from './stats.js';

const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const PAUSE_BUTTON = /I’m activated, pausing/;
const OPENS = 5;
const CPU_SLOWDOWN = 4;

const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'en-US',
} as const;

async function serviceWorkerInControl(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker.controller !== null,
    undefined,
    { timeout: 20_000 },
  );
}

/** Milliseconds from the start of navigation until the pause button is rendered. */
async function openOnce(page: Page): Promise<number> {
  await page.goto('/', { waitUntil: 'commit' });
  await page.getByRole('button', { name: PAUSE_BUTTON }).waitFor({ state: 'visible' });
  return page.evaluate(() => performance.now());
}

export async function measureRepeatOpen(baseURL: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROME_ARGS });
  try {
    const a = await (await browser.newContext({ baseURL, ...PHONE })).newPage();
    const b = await (await browser.newContext({ baseURL, ...PHONE })).newPage();
    await linkedThroughUi(a, b);
    await serviceWorkerInControl(a);
    // One warm open online, so the cache holds what the service worker serves.
    await openOnce(a);
    const cdp = await a.context().newCDPSession(a);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await a.context().setOffline(true);
    const times: number[] = [];
    for (let i = 0; i < OPENS; i++) times.push(await openOnce(a));
    return round(median(times), 0);
  } finally {
    await browser.close();
  }
}
