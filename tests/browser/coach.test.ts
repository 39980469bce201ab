import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  closeBrowserAndServer,
  JumpingClock,
  noBrowser,
  openTwoPhones,
  resync,
  screenshot,
  tool,
  type Phone,
} from '../support/browser.js';
import { linkedThroughUi } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

const MINUTE_MS = 60_000;

const NOTE = 'You always walk away when it gets hard.';
const NOTE_CHANGED = 'I felt scared when you walked away. Please tell me when you will be back.';
const PROTEST = 'You never tell me when you are coming back.';
const MIXED = 'Could you text me tonight? You never call when you are late!';
const NEED = 'I feel scared when you go quiet, and I need to know you are coming back.';

/** Typing like a person: letter by letter, with the hint quiet until they stop. */
async function typeSlowly(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByLabel(label);
  await field.fill('');
  await field.pressSequentially(text, { delay: 15 });
}

describe.skipIf(noBrowser)('the statement coach on two phones', { timeout: 90_000 }, () => {
  let server: TestServer<JumpingClock>;
  let clock: JumpingClock;
  let browser: Browser;
  let a: Phone; // Alex: pauses
  let b: Phone; // Sam: writes a note during the break

  beforeAll(async () => {
    clock = new JumpingClock();
    server = await startServer({ clock });
    ({ browser, a, b } = await openTwoPhones(server.url));
    for (const phone of [a, b]) phone.page.setDefaultTimeout(10_000);
    await linkedThroughUi(a.page, b.page);
  });

  afterAll(async () => {
    await closeBrowserAndServer(browser, server);
  });

  it('a note written during the break gets the same gentle hint, and is kept as written', async () => {
    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).click();
    await b.page.getByText('Alex is taking a break to calm down.').waitFor();
    await a.page.getByRole('button', { name: '7 out of 10' }).click();
    await b.page.getByRole('button', { name: '6 out of 10' }).click();

    const pb = b.page;
    await tool(pb, /Write to Alex/).click();
    await typeSlowly(pb, 'Your message', NOTE);
    const hint = pb.getByTestId('reframe-hint');
    // Quiet while typing; it speaks once the typing pauses.
    expect(await hint.count()).toBe(0);
    await hint.getByText(`“${NOTE}” might land as criticism.`).waitFor();
    await hint.scrollIntoViewIfNeeded();
    await screenshot(pb, 'coach-held-hint-b');
    await hint.getByRole('button', { name: 'Keep my own words and close this hint' }).click();
    await expect.poll(() => hint.count()).toBe(0);
    expect(await pb.getByLabel('Your message').inputValue()).toBe(NOTE);
    await pb.getByRole('button', { name: 'Keep it for later' }).click();
    await pb.getByTestId('held-mine').getByText(NOTE).waitFor();
  });

  it('at reconnect the author reviews the note, changes it and sends it; only then does the partner get it', async () => {
    clock.advance(20 * MINUTE_MS);
    await Promise.all([resync(a.page), resync(b.page)]);
    for (const phone of [a, b]) await phone.page.getByText('Ready to reconnect?').waitFor();
    await a.page.getByRole('button', { name: 'I’m ready' }).click();
    await b.page.getByRole('button', { name: 'I’m ready' }).click();

    const pa = a.page;
    const pb = b.page;
    const review = pb.getByTestId('held-review');
    await review.getByText(NOTE).waitFor();
    await pb
      .getByText('Only you can see these. For each one, choose: send it to Alex, change it first, or delete it.')
      .waitFor();
    await screenshot(pb, 'coach-review-b');
    // Not sent by itself.
    expect(await pa.getByText(NOTE).count()).toBe(0);

    await review.getByRole('button', { name: 'Change it' }).click();
    await pb.getByLabel('Your note', { exact: true }).fill(NOTE_CHANGED);
    await pb.getByTestId('hint-warm').waitFor();
    await review.getByRole('button', { name: 'Save changes' }).click();
    await review.getByText(NOTE_CHANGED).waitFor();
    expect(await pa.getByText(NOTE_CHANGED).count()).toBe(0);

    await review.getByRole('button', { name: 'Send to Alex' }).click();
    await pb.getByTestId('held-sent').getByText('Sent to Alex.').waitFor();
    await expect.poll(() => review.count()).toBe(0);
    await pa.getByTestId('held-received').getByText(NOTE_CHANGED).waitFor();
    expect(await pa.getByText(NOTE).count()).toBe(0);
    await screenshot(pb, 'coach-review-sent-b');
    await screenshot(pa, 'coach-review-received-a');

    // A reload on either phone: sent once, nothing left to review.
    await pb.reload();
    await pb.getByRole('button', { name: '2 out of 10' }).waitFor();
    expect(await pb.getByTestId('held-review').count()).toBe(0);
  });

  it('a protest request gets a specific hint; "Keep mine" keeps it; "Use this" and "Undo" are one tap each', async () => {
    await a.page.getByRole('button', { name: '3 out of 10' }).click();
    await b.page.getByRole('button', { name: '2 out of 10' }).click();
    const pa = a.page;
    await pa.getByText('Part 1 of 5').waitFor();
    // The feeling families start folded: open one, then pick.
    await pa.getByRole('button', { name: 'Scared', exact: true }).click();
    await pa.getByRole('button', { name: 'scared', exact: true }).click();
    await pa.getByRole('button', { name: 'Next', exact: true }).click();
    await pa.getByRole('button', { name: 'Next', exact: true }).click();
    await pa.getByRole('button', { name: 'Reassurance, to feel secure', exact: true }).click();
    await pa.getByRole('button', { name: 'Next', exact: true }).click();

    await typeSlowly(pa, 'One request', PROTEST);
    const hint = pa.getByTestId('reframe-hint');
    expect(await hint.count()).toBe(0);
    await hint.getByText(`“${PROTEST}” might land as criticism.`).waitFor();
    await hint.getByText('Feeling scared makes sense after a hard moment.').waitFor();
    expect(await pa.getByTestId('hint-suggestion').textContent()).toBe(
      'I feel scared, and I need reassurance. Could you tell me when you are coming back?',
    );
    await hint.scrollIntoViewIfNeeded();
    await screenshot(pa, 'coach-request-hint-a');
    await pa.emulateMedia({ colorScheme: 'dark' });
    await screenshot(pa, 'coach-request-hint-dark-a');
    await pa.emulateMedia({ colorScheme: 'light' });
    const buttons = [hint.getByTestId('hint-use'), hint.getByTestId('hint-keep')];
    for (const button of buttons) expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);

    await hint.getByRole('button', { name: 'Keep my own words and close this hint' }).click();
    await expect.poll(() => hint.count()).toBe(0);
    expect(await pa.getByLabel('One request').inputValue()).toBe(PROTEST);

    // Applying replaces only the sentence it was built from; Undo brings back exactly what was there.
    await typeSlowly(pa, 'One request', MIXED);
    await pa.getByLabel('One request').blur();
    await hint.getByText('“You never call when you are late!” might land as criticism.').waitFor();
    await hint.getByRole('button', { name: 'Use the suggested words instead of the flagged part' }).click();
    await expect
      .poll(() => pa.getByLabel('One request').inputValue())
      .toBe('Could you text me tonight? I feel scared, and I need reassurance. Could you call when you are late?');
    await pa.getByTestId('hint-applied').waitFor();
    await screenshot(pa, 'coach-request-applied-a');
    await pa.getByRole('button', { name: 'Undo: put back exactly what I wrote' }).click();
    await expect.poll(() => pa.getByLabel('One request').inputValue()).toBe(MIXED);
    await pa.getByText('Back to your own words.').waitFor();
  });

  it('a statement that owns a feeling and a need gets a warm word, never a correction', async () => {
    const pa = a.page;
    await typeSlowly(pa, 'One request', NEED);
    const warm = pa.getByTestId('hint-warm');
    await warm.getByText('This is clear and kind.').waitFor();
    expect(await pa.getByTestId('reframe-hint').count()).toBe(0);
    await warm.scrollIntoViewIfNeeded();
    await screenshot(pa, 'coach-request-warm-a');
    expect(await pa.getByLabel('One request').inputValue()).toBe(NEED);
  });
});
