// repeat_open_ms: a linked phone opens the installed app again with the network off and the CPU
// throttled 4×; how long from navigation until the pause button is on screen, served by the service
// worker alone. Phones link through the real UI, as in the browser tests.
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium.js';
import { linkedThroughUi } from '../../tests/support/pairing-flow.js';
import { median, round } from './stats.js';

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
    () =>
      (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker
        .controller !== null,
    undefined,
    { timeout: 20_000 },
  );
}

/** The little of the page read here (this file is type-checked without the DOM library). */
interface PageGlobals {
  document: { querySelectorAll(selector: string): Iterable<{ textContent: string | null }> };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { childList: boolean; subtree: boolean }): void;
    disconnect(): void;
  };
  requestAnimationFrame(callback: () => void): void;
}

/** What the page prints, followed by the time, once the pause button is painted. */
const SHOWN = 'breather-bench:pause-button-shown@';

/**
 * Before any script of the page runs: watch the DOM, and print the time of the animation frame that first
 * paints the pause button. Timed in the page, because asking from outside would add the test driver's
 * own delays (tens to hundreds of milliseconds on a busy machine) to what is measured; printed rather
 * than polled for, because polling runs the driver's script in the page every frame, on the throttled
 * CPU that the app is being timed on.
 */
function watchForPauseButton({ pattern, shown }: { pattern: string; shown: string }): void {
  const page = globalThis as unknown as PageGlobals;
  const observer = new page.MutationObserver(() => {
    const button = [...page.document.querySelectorAll('button')].find((b) =>
      new RegExp(pattern).test(b.textContent ?? ''),
    );
    if (!button) return;
    observer.disconnect();
    page.requestAnimationFrame(() => console.debug(`${shown}${performance.now()}`));
  });
  observer.observe(page.document, { childList: true, subtree: true });
}

/** Milliseconds from the start of navigation until the pause button is on screen. */
async function openOnce(page: Page): Promise<number> {
  const shown = page.waitForEvent('console', { predicate: (m) => m.text().startsWith(SHOWN), timeout: 20_000 });
  await page.goto('/', { waitUntil: 'commit' });
  return Number((await shown).text().slice(SHOWN.length));
}

export async function measureRepeatOpen(baseURL: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const a = await (await browser.newContext({ baseURL, ...PHONE })).newPage();
    const b = await (await browser.newContext({ baseURL, ...PHONE })).newPage();
    await linkedThroughUi(a, b);
    await serviceWorkerInControl(a);
    await a.addInitScript(watchForPauseButton, { pattern: PAUSE_BUTTON.source, shown: SHOWN });
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
