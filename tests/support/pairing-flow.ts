import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.js';

const LINK_TIMEOUT_MS = 5000;

/** Phone A makes a code through the UI; phone B types it the way a tired person might. */
export async function pairThroughUi(a: Page, b: Page, names: { a: string; b: string }, shots?: string): Promise<void> {
  await a.goto('/');
  if (shots) await screenshot(a, `${shots}-welcome`);
  await a.getByRole('link', { name: 'Link with my partner' }).click();
  await passScreening(a);
  await a.getByLabel('Your first name').fill(names.a);
  if (shots) await screenshot(a, `${shots}-a-name`);
  await a.getByRole('button', { name: 'Make a code' }).click();
  const code = (await a.getByTestId('invite-code').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  if (shots) await screenshot(a, `${shots}-a-code`);

  await b.goto('/');
  await b.getByRole('link', { name: 'I have a code' }).click();
  await passScreening(b);
  await b.getByLabel('Code from your partner’s phone').fill(code.replace('-', '').toLowerCase());
  await b.getByLabel('Your first name').fill(names.b);
  if (shots) await screenshot(b, `${shots}-b-join`);
  await b.getByRole('button', { name: 'Link', exact: true }).click();

  await b.getByText(`Linked with ${names.a}`).waitFor({ timeout: LINK_TIMEOUT_MS });
  await a.getByText(`Linked with ${names.b}`).waitFor({ timeout: LINK_TIMEOUT_MS });
}

/** The safety question before linking, answered "No"; a phone that answered it already is not asked again. */
export async function passScreening(page: Page): Promise<void> {
  const question = page.getByText('Do you ever feel afraid of your partner?');
  await question.or(page.getByLabel('Your first name')).first().waitFor();
  if (await question.isVisible()) await page.getByRole('button', { name: 'No', exact: true }).click();
}

/** Alex and Sam linked through the UI, both past the agreement: where most two-phone tests start. */
export async function linkedThroughUi(a: Page, b: Page): Promise<void> {
  await pairThroughUi(a, b, { a: 'Alex', b: 'Sam' });
  await acceptAgreement(a);
  await acceptAgreement(b);
  await a.getByTestId('agreement-missing').waitFor({ state: 'detached' });
}

/**
 * Accepts the prefilled agreement and lands on the calm home screen, where pausing works at once
 * (the pause button is there, if smaller, until both have agreed).
 */
export async function acceptAgreement(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'We agree' }).click();
  await page.getByRole('button', { name: /I’m activated, pausing/ }).waitFor();
}
