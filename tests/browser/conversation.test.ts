import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import {
  closeBrowserAndServer,
  JumpingClock,
  noBrowser,
  openTwoPhones,
  resync,
  screenshot,
  type Phone,
} from '../support/browser.js';
import { acceptAgreement, pairThroughUi } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

const MINUTE_MS = 60_000;
const RECONNECT_MS = 20_000;

const HELD = 'I love you. I am not going anywhere.';
const PROTEST_REQUEST = 'You never tell me when you are coming back.';
const ALEX_REQUEST = 'Could you text me when you will be back, if you need to leave?';
const SAM_REQUEST = 'Could we agree on a word that means I need a break?';
const FIRST_TRY = 'What I heard you need is for me to stop walking off.';
const SECOND_TRY = 'What I heard you need is reassurance that I will come back.';
const SAM_VALIDATION = 'When I go quiet you cannot tell if I am coming back.';
const ALEX_PARAPHRASE = 'What I heard you need is some space when it gets loud.';
const ADJUSTED = 'I will text you a time when I leave, within ten minutes.';

/** The same step indicator on both phones. */
async function bothAtStep(a: Page, b: Page, n: number, name: string): Promise<void> {
  for (const page of [a, b]) {
    await expect
      .poll(() => page.getByTestId('step-indicator').textContent(), { timeout: 10_000 })
      .toContain(`Step ${n} of 5`);
    await expect.poll(() => page.getByTestId('step-indicator').textContent()).toContain(name);
  }
}

async function shots(a: Phone, b: Phone, name: string): Promise<void> {
  await screenshot(a.page, `reconnect-${name}-a`);
  await screenshot(b.page, `reconnect-${name}-b`);
}

describe.skipIf(noBrowser)('the reconnect conversation on two phones', { timeout: 90_000 }, () => {
  let server: TestServer<JumpingClock>;
  let clock: JumpingClock;
  let browser: Browser;
  let a: Phone; // Alex: pauses, anxious, asks for reassurance
  let b: Phone; // Sam: tends to go quiet, so is offered the floor first

  beforeAll(async () => {
    clock = new JumpingClock();
    server = await startServer({ clock });
    ({ browser, a, b } = await openTwoPhones(server.url));
    for (const phone of [a, b]) phone.page.setDefaultTimeout(10_000);
    await pairThroughUi(a.page, b.page, { a: 'Alex', b: 'Sam' });
    await acceptAgreement(a.page);
    // Sam answers the onboarding question: "In a fight, do you tend to go quiet?" Yes.
    await b.page.getByRole('button', { name: 'Yes', exact: true }).click();
    await acceptAgreement(b.page);
  });

  afterAll(async () => {
    await closeBrowserAndServer(browser, server);
  });

  it('reaches the conversation after a break, with notes and a held message from it', async () => {
    await a.page.getByRole('button', { name: /I’m activated, pausing/ }).click();
    await b.page.getByText('Alex is taking a break to calm down.').waitFor();
    await a.page.getByRole('button', { name: '7 out of 10' }).click();
    await b.page.getByRole('button', { name: '6 out of 10' }).click();

    // Alex notes an urge and the need under it; Sam writes a message to be held until they reconnect.
    await a.page
      .getByRole('navigation')
      .getByRole('button', { name: /What do I feel like doing/ })
      .click();
    await a.page.getByRole('button', { name: 'Texting or calling them again' }).click();
    await a.page.getByRole('button', { name: 'Next', exact: true }).click();
    await a.page.getByRole('button', { name: 'Reassurance, to feel secure' }).click();
    await a.page.getByRole('button', { name: 'Done' }).click();
    await b.page
      .getByRole('navigation')
      .getByRole('button', { name: /Write to Alex/ })
      .click();
    await b.page.getByLabel('Your message').fill(HELD);
    await b.page.getByRole('button', { name: 'Keep it for later' }).click();
    await b.page.getByText('Saved. You’ll see it again when you reconnect.').waitFor();

    clock.advance(20 * MINUTE_MS);
    await Promise.all([resync(a.page), resync(b.page)]);
    for (const phone of [a, b]) await phone.page.getByText('Ready to reconnect?').waitFor();
    await a.page.getByRole('button', { name: '4 out of 10' }).click();
    await a.page.getByRole('button', { name: 'I’m ready' }).click();
    await b.page.getByRole('button', { name: 'I’m ready' }).click();

    await bothAtStep(a.page, b.page, 1, 'Check in');
    // Sam sees the held message again and sends it; it reaches Alex as the flow starts.
    await b.page.getByTestId('held-review').getByRole('button', { name: 'Send to Alex' }).click();
    await a.page.getByText(HELD).waitFor();
    for (const phone of [a, b])
      await phone.page.getByRole('button', { name: 'Pause again: both phones go back to a break' }).waitFor();
  });

  it('step 1: check-in; above 4 offers more time, both at 4 or under moves on', async () => {
    await a.page.getByRole('button', { name: '6 out of 10' }).click();
    await b.page.getByRole('button', { name: '2 out of 10' }).click();
    for (const phone of [a, b]) await phone.page.getByTestId('checkin-above').waitFor();
    await a.page.getByRole('button', { name: 'We want to go ahead' }).waitFor();
    await shots(a, b, '1-checkin');

    // Alex breathes a little more and changes the answer: both calm enough, on to preparation.
    await a.page.getByRole('button', { name: '3 out of 10' }).click();
    await bothAtStep(a.page, b.page, 2, 'Prepare on your own');
  });

  it('step 2: private preparation with a faux feeling, the break notes and a reframe hint', async () => {
    const pa = a.page;
    await pa.getByText('Only you can see this. Nothing reaches Sam until you tap “Share”.').waitFor();

    // A faux feeling is accepted and answered with what often sits under it.
    await pa.getByLabel('In my own words (optional)').first().fill('abandoned');
    const faux = pa.getByTestId('faux-feeling');
    await faux.getByText('“abandoned” often has feelings like scared, lonely, hurt underneath').waitFor();
    await faux.getByRole('button', { name: 'scared' }).click();
    await faux.getByRole('button', { name: 'lonely' }).click();

    // What was noted during the break comes in with one tap.
    await pa.getByText('You noticed urges to: texting or calling them again').waitFor();
    await pa.getByRole('button', { name: 'Bring these in' }).click();
    await screenshot(pa, 'reconnect-2-prepare-felt-a');

    // One question per screen.
    await pa.getByRole('button', { name: 'Next', exact: true }).click();
    await pa.getByText('Part 2 of 5').waitFor();
    expect(await pa.getByLabel('I kept texting or calling').isChecked()).toBe(true);
    await pa.getByLabel('I brought up old things').check();
    await screenshot(pa, 'reconnect-2-prepare-did-a');
    await pa.getByRole('button', { name: 'Next', exact: true }).click();
    expect(
      await pa.getByRole('button', { name: 'Reassurance, to feel secure', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    await screenshot(pa, 'reconnect-2-prepare-need-a');
    await pa.getByRole('button', { name: 'Next', exact: true }).click();

    // Protest-sounding words get a gentle hint built from Alex's own feelings and need; nothing is blocked.
    await pa.getByLabel('One request').fill(PROTEST_REQUEST);
    const hint = pa.getByTestId('reframe-hint');
    await hint.getByText(`“${PROTEST_REQUEST}” might land as criticism.`).waitFor();
    expect(await hint.getByTestId('hint-suggestion').textContent()).toMatch(
      /^I feel scared.*I need reassurance\. Could you tell me when you are coming back\?$/,
    );
    await hint.scrollIntoViewIfNeeded();
    await screenshot(pa, 'reconnect-2-prepare-reframe-a');
    await pa.getByLabel('One request').fill(ALEX_REQUEST);
    await expect.poll(() => hint.count()).toBe(0);

    // Sam prepares too, and drops out in the middle: the reload comes back to the same step and the draft.
    const pb = b.page;
    await pb.getByRole('button', { name: 'overwhelmed' }).click();
    await pb.getByRole('button', { name: 'Next', exact: true }).click();
    await pb.getByLabel('I went silent').check();
    await pb.getByRole('button', { name: 'Next', exact: true }).click();
    await pb.getByRole('button', { name: 'Space, my own choices' }).click();
    await pb.getByRole('button', { name: 'Next', exact: true }).click();
    await pb.getByLabel('One request').fill(SAM_REQUEST);
    await pb.reload();
    await bothAtStep(pa, pb, 2, 'Prepare on your own');
    await pb.getByText('Part 4 of 5').waitFor();
    await expect.poll(() => pb.getByLabel('One request').inputValue()).toBe(SAM_REQUEST);
    await pb.getByRole('button', { name: 'Back', exact: true }).click();
    await pb.getByRole('button', { name: 'Back', exact: true }).click();
    expect(await pb.getByLabel('I went silent').isChecked()).toBe(true);
    await pb.getByRole('button', { name: 'Next', exact: true }).click();
    await pb.getByRole('button', { name: 'Next', exact: true }).click();

    // Nothing has reached the partner.
    expect(await pb.getByText(ALEX_REQUEST).count()).toBe(0);
    await shots(a, b, '2-prepare-request');

    // The last part shows the card as the partner will see it.
    for (const phone of [a, b]) await phone.page.getByRole('button', { name: 'Next', exact: true }).click();
    await pa.getByText('This is what Sam will see when you tap “Share”.').waitFor();
    await shots(a, b, '2-prepare-review');
    await pa.getByRole('button', { name: 'Share', exact: true }).click();
    await pa.getByText('Waiting for Sam to share…').waitFor();
    expect(await pb.getByText(ALEX_REQUEST).count()).toBe(0);
    await screenshot(pa, 'reconnect-2-shared-a');
    await pb.getByRole('button', { name: 'Share', exact: true }).click();
    await bothAtStep(pa, pb, 3, 'Listen to each other');
  });

  it('step 3: the floor, a paraphrase that is not quite, then yes, validation, and the swap', async () => {
    const pa = a.page;
    const pb = b.page;
    // Sam (who tends to go quiet) is offered the floor first, and hands it to Alex.
    await pb.getByTestId('floor').getByText('You have the floor').waitFor();
    await pa.getByTestId('floor').getByText('Sam has the floor').waitFor();
    await pb.getByText('Suggested: you start.', { exact: false }).waitFor();
    await pa.getByText('Suggested: Sam starts.', { exact: false }).waitFor();
    await shots(a, b, '3-floor-suggested');
    await pb.getByRole('button', { name: 'Let Alex go first' }).click();
    await pa.getByTestId('floor').getByText('You have the floor').waitFor();
    await pb.getByTestId('floor').getByText('Alex has the floor').waitFor();

    // Sam reads Alex's card and says back what they heard.
    await pb.getByTestId('shared-card').getByText(ALEX_REQUEST).waitFor();
    await pb.getByTestId('shared-card').getByText('I kept texting or calling').waitFor();
    await pb.getByLabel('What I heard you need is …').fill(FIRST_TRY);
    await shots(a, b, '3-listening');
    await pb.getByRole('button', { name: 'Check with them' }).click();
    await pa.getByTestId('confirm-box').getByText(FIRST_TRY).waitFor();
    await shots(a, b, '3-confirm');
    await pa.getByRole('button', { name: 'Not quite' }).click();
    await pb.getByText('Alex said “not quite”. Ask what you missed, then try again.').waitFor();
    await shots(a, b, '3-not-quite');
    await pb.getByLabel('What I heard you need is …').fill(SECOND_TRY);
    await pb.getByRole('button', { name: 'Check with them' }).click();
    await pa.getByTestId('confirm-box').getByText(SECOND_TRY).waitFor();

    // Alex drops out here; the reload comes back to the same question.
    await pa.reload();
    await pa.getByTestId('confirm-box').getByText(SECOND_TRY).waitFor({ timeout: RECONNECT_MS });
    await bothAtStep(pa, pb, 3, 'Listen to each other');
    await pa.getByRole('button', { name: 'Yes, that’s it' }).click();

    await pb.getByLabel('That makes sense because …').fill(SAM_VALIDATION);
    await shots(a, b, '3-validate');
    await pb.getByRole('button', { name: 'Share', exact: true }).click();

    // The floor passes: Sam speaks, Alex listens.
    await pb.getByTestId('floor').getByText('You have the floor').waitFor();
    await pa.getByTestId('floor').getByText('Sam has the floor').waitFor();
    expect(await pb.getByRole('button', { name: /Let Alex go first/ }).count()).toBe(0);
    await pa.getByTestId('shared-card').getByText(SAM_REQUEST).waitFor();
    await pa.getByLabel('What I heard you need is …').fill(ALEX_PARAPHRASE);
    await shots(a, b, '3-swap');
    await pa.getByRole('button', { name: 'Check with them' }).click();
    await pb.getByRole('button', { name: 'Yes, that’s it' }).click();
    await pa.getByRole('button', { name: 'Skip' }).click();
    await bothAtStep(pa, pb, 4, 'Repair and plan');
  });

  it('step 4: repair and plan, with a request adjusted by the partner', async () => {
    const pa = a.page;
    const pb = b.page;
    await pa.getByLabel('What I regret').fill('Texting you ten times in a row.');
    await pa.getByLabel('One thing I will do').fill('Breathe for five minutes before I text again.');
    await pa.getByLabel('One thing I’d like from you').fill(ALEX_REQUEST);
    await shots(a, b, '4-repair');
    await pa.getByRole('button', { name: 'Share my part' }).click();

    await pb.getByLabel('What I’m sorry for').fill('Walking off without a word.');
    await pb.getByLabel('One thing I will do').fill('Say “I need twenty minutes” before I go.');
    await pb.getByLabel('One thing I’d like from you').fill(SAM_REQUEST);
    await pb.getByRole('button', { name: 'Share my part' }).click();

    // Sam adjusts Alex's request; Alex accepts Sam's.
    await pb.getByTestId('request-box').getByText(ALEX_REQUEST).waitFor();
    await pb.getByRole('button', { name: 'Adjust it' }).click();
    await pb.getByLabel('What I can do instead').fill(ADJUSTED);
    await shots(a, b, '4-request');
    await pb.getByRole('button', { name: 'Send my version' }).click();
    await pa.getByTestId('request-box').getByText(SAM_REQUEST).waitFor();
    await pa.getByRole('button', { name: 'Yes, I can do that' }).click();
    await bothAtStep(pa, pb, 5, 'Close');
  });

  it('step 5: the same summary on both phones, a last rating, back to normal', async () => {
    const pa = a.page;
    const pb = b.page;
    const summaryA = (await pa.getByTestId('summary').innerText()).trim();
    const summaryB = (await pb.getByTestId('summary').innerText()).trim();
    expect(summaryA).toBe(summaryB);
    for (const text of [
      SECOND_TRY,
      SAM_VALIDATION,
      ALEX_PARAPHRASE,
      ADJUSTED,
      SAM_REQUEST,
      'Sam offered:',
      'Alex said yes.',
    ]) {
      expect(summaryA).toContain(text);
    }
    expect(summaryA).not.toContain(FIRST_TRY);

    await pa.getByRole('button', { name: '2 out of 10' }).click();
    await pb.getByRole('button', { name: '1 out of 10' }).click();
    await pa.getByText('You said 2. Thank you.').waitFor();
    await pb.getByText('You said 1. Thank you.').waitFor();
    await shots(a, b, '5-summary');
    await pb.emulateMedia({ colorScheme: 'dark' });
    await screenshot(pb, 'reconnect-5-summary-b-dark');
    await pb.emulateMedia({ colorScheme: 'light' });

    // "Back to normal" takes both: Alex taps first and waits; Sam is not pulled out before their last number.
    await pb.getByRole('button', { name: '3 out of 10' }).click();
    await pa.getByRole('button', { name: 'Back to normal', exact: true }).click();
    await pa.getByTestId('leaving-waiting').getByText('Waiting for Sam to finish.', { exact: false }).waitFor();
    await pb
      .getByTestId('partner-leaving')
      .getByText('Alex is ready to go back to normal.', { exact: false })
      .waitFor();
    expect(await pb.getByTestId('summary').count()).toBe(1);
    await pb.getByTestId('partner-leaving').scrollIntoViewIfNeeded();
    await shots(a, b, '5-summary-one-left');
    await pb.getByRole('button', { name: '1 out of 10' }).click();
    await pb.getByText('You said 1. Thank you.').waitFor();
    await pb.getByRole('button', { name: 'Back to normal', exact: true }).click();
    for (const phone of [a, b]) await phone.page.getByRole('button', { name: /I’m activated, pausing/ }).waitFor();
  });

  it('keeps a history on each phone, with a chart, and deletes an entry', async () => {
    for (const phone of [a, b]) {
      await phone.page.getByRole('link', { name: 'History' }).click();
      await phone.page.getByRole('heading', { name: 'History', exact: true }).waitFor();
      await expect.poll(() => phone.page.getByTestId('history-entry').count()).toBe(1);
      await phone.page.getByTestId('history-chart').waitFor();
      const entry = phone.page.getByTestId('history-entry');
      await entry.getByText(SECOND_TRY).waitFor();
      await entry.getByText(ADJUSTED).waitFor();
    }
    // Alex: 7 when the break started, 2 at the end.
    expect(await a.page.getByTestId('history-entry').innerText()).toMatch(/Activation: 7 → 2/);
    expect(await b.page.getByTestId('history-entry').innerText()).toMatch(/Activation: 6 → 1/);
    await shots(a, b, '6-history');

    await a.page.getByRole('button', { name: /Delete the entry from/ }).click();
    await a.page.getByRole('button', { name: 'Yes, delete' }).click();
    await a.page.getByTestId('history-empty').waitFor();
    expect(await a.page.getByTestId('history-entry').count()).toBe(0);
    await screenshot(a.page, 'reconnect-6-history-deleted-a');
    // Sam's phone keeps its own copy.
    await b.page.reload();
    await expect.poll(() => b.page.getByTestId('history-entry').count()).toBe(1);
  });
});
