import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Clock } from '../../server/clock.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { ManualClock, type TestServer } from './server.js';

export { CHROMIUM_PATH };
export const SCREENSHOT_DIR = 'test-results';

/** Browser tests need Debian's chromium; CI must have it, a laptop without it skips them out loud. */
export const noBrowser = !existsSync(CHROMIUM_PATH);
if (noBrowser) {
  if (process.env.CI) throw new Error(`Browser tests need ${CHROMIUM_PATH} (CI is set)`);
  console.warn(`\n  Skipping browser tests: ${CHROMIUM_PATH} is not installed.\n`);
}

/** `extraArgs`: e.g. host resolver rules for a test that needs a made-up name. */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export interface Phone {
  context: BrowserContext;
  page: Page;
}

/** A phone-sized browser with its own storage, like a separate handset. `extra`: e.g. reduced motion, or a copied storage state. */
export async function openPhone(browser: Browser, baseURL: string, extra: BrowserContextOptions = {}): Promise<Phone> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    ...extra,
  });
  const page = await context.newPage();
  return { context, page };
}

/** One browser with two phones on the same server: how each two-phone test begins. */
export async function openTwoPhones(baseURL: string): Promise<{ browser: Browser; a: Phone; b: Phone }> {
  const browser = await launchBrowser();
  const a = await openPhone(browser, baseURL);
  const b = await openPhone(browser, baseURL);
  return { browser, a, b };
}

/** A browser test's afterAll: both may be missing if beforeAll failed part way. */
export async function closeBrowserAndServer(
  browser: Browser | undefined,
  server: TestServer<Clock> | undefined,
): Promise<void> {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/**
 * Server time that runs with the wall clock but can jump ahead, so a 20-minute break
 * can end without sleeping. `t` is the jump so far.
 */
export class JumpingClock extends ManualClock {
  constructor() {
    super(0);
  }
  override now(): number {
    return Date.now() + this.t;
  }
}

/** Pages re-measure the clock when they become visible; this replays that moment. */
export async function resync(page: Page): Promise<void> {
  await page.evaluate('document.dispatchEvent(new Event("visibilitychange"))');
}

/** The break's countdown as shown on this page, in seconds. */
export async function countdownSeconds(page: Page): Promise<number> {
  return shownSeconds((await page.getByTestId('countdown').first().textContent()) ?? '');
}

/** The companion's tools are buttons named by their title and blurb. */
export function tool(page: Page, name: RegExp | string) {
  return page.getByRole('navigation').getByRole('button', { name });
}

/** Minutes and seconds as shown, in seconds: "19:58" → 1198, "1:00:00" → 3600. */
export function shownSeconds(text: string): number {
  return text
    .trim()
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
}
