import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { jsonLogger } from '../../server/log.js';
import { fromBase64url, toBase64url } from '../../shared/crypto/base64url.js';
import {
  CHROMIUM_PATH,
  JumpingClock,
  launchBrowser,
  noBrowser,
  openPhone,
  resync,
  SCREENSHOT_DIR,
  screenshot,
  type Phone,
} from '../support/browser.js';
import { pairThroughUi } from '../support/pairing-flow.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * End-to-end encryption, through the real UI on two phones: a unique marker typed into every free-text
 * field reaches the partner's screen, yet appears nowhere on the server — not in the SQLite database,
 * not in its write-ahead log, not in the server's logs. Names are not free text (they stay readable
 * for pairing, by design); everything a person writes is sealed.
 */

const MINUTE_MS = 60_000;
const UNOPENABLE = 'This message can’t be opened on this phone.';

async function bothAtStep(a: Page, b: Page, n: number): Promise<void> {
  for (const page of [a, b]) {
    await expect
      .poll(() => page.getByTestId('step-indicator').textContent(), { timeout: 10_000 })
      .toContain(`Step ${n} of 5`);
  }
}

/** Saves the agreement with this reassurance (and the "go quiet" answer). */
async function agree(page: Page, reassurance: string, goesQuiet: boolean): Promise<void> {
  await page.getByText('Compare this with your partner’s screen.').waitFor();
  await page.getByLabel('What your partner sees when you pause').fill(reassurance);
  await page.getByRole('button', { name: goesQuiet ? 'Yes' : 'No', exact: true }).click();
  await page.getByRole('button', { name: 'We agree' }).click();
  await page.getByRole('button', { name: /I’m activated, pausing/ }).waitFor();
}

/**
 * Step 2, one part per screen: every "In my own words" box and the request get marked text; then
 * the review part, and "Share".
 */
async function prepare(page: Page, mark: (field: string) => string, who: string): Promise<void> {
  for (let part = 1; part <= 5; part++) {
    await page.getByText(`Part ${part} of 5`).waitFor();
    const own = page.getByLabel('In my own words (optional)');
    for (let i = 0; i < (await own.count()); i++) {
      if (await own.nth(i).isVisible()) await own.nth(i).fill(mark(`card-own-words-${part}-${who}`));
    }
    const request = page.getByLabel('One request');
    if ((await request.count()) && (await request.isVisible()))
      await request.fill(`Could we ${mark(`card-request-${who}`)}?`);
    if (part < 5) await page.getByRole('button', { name: 'Next', exact: true }).click();
  }
  await page.getByRole('button', { name: 'Share', exact: true }).click();
}

/** Both phones' screens side by side in one picture. */
async function sideBySide(browser: Browser, a: Page, b: Page, name: string): Promise<void> {
  const [shotA, shotB] = [await a.screenshot(), await b.screenshot()];
  const page = await browser.newPage({ viewport: { width: 820, height: 900 } });
  const img = (buf: Buffer) =>
    `<img src="data:image/png;base64,${buf.toString('base64')}" style="width:390px;border:1px solid #888">`;
  await page.setContent(
    `<body style="margin:10px;display:flex;gap:20px;background:#ddd">${img(shotA)}${img(shotB)}</body>`,
  );
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
  await page.close();
}

function serverBytes(server: TestServer<JumpingClock>, logs: string[]): Array<[string, Buffer]> {
  const files: Array<[string, Buffer]> = [];
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const file = server.dbFile + suffix;
    if (existsSync(file)) files.push([file, readFileSync(file)]);
  }
  files.push(['server logs', Buffer.from(logs.join('\n'))]);
  return files;
}

describe.skipIf(noBrowser)('end-to-end encryption on two phones', { timeout: 120_000 }, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('canary: a marker in every free-text field reaches the partner but appears nowhere on the server', async () => {
    const MARK = `CANARY-${randomBytes(8).toString('hex')}`;
    const logs: string[] = [];
    const clock = new JumpingClock();
    const server = await startServer({ clock, log: jsonLogger((l) => logs.push(l)) });
    const a: Phone = await openPhone(browser, server.url);
    const b: Phone = await openPhone(browser, server.url);
    for (const phone of [a, b]) phone.page.setDefaultTimeout(10_000);
    // Every request either phone makes in the whole session, service worker included.
    const requested: string[] = [];
    for (const phone of [a, b]) phone.context.on('request', (req) => requested.push(req.url()));
    const pa = a.page;
    const pb = b.page;
    const typed: string[] = [];
    let live: Array<[string, Buffer]>;
    const mark = (field: string) => {
      const text = `${MARK} ${field}`;
      typed.push(text);
      return text;
    };
    try {
      await pairThroughUi(pa, pb, { a: 'Alex', b: 'Sam' });

      // The same safety code on both phones, right after linking.
      const codeA = pa.getByTestId('safety-code');
      const codeB = pb.getByTestId('safety-code');
      await codeA.waitFor();
      await codeB.waitFor();
      const [shownA, shownB] = [(await codeA.textContent())!.trim(), (await codeB.textContent())!.trim()];
      expect(shownA).toMatch(/^\d{3} \d{3}$/);
      expect(shownB).toBe(shownA);
      await sideBySide(browser, pa, pb, 'e2e-safety-code');

      // Reassurance (free text), on both phones.
      await agree(pa, `I need a break. ${mark('reassurance-alex')} Back at {time}.`, false);
      await agree(pb, `Taking some air. ${mark('reassurance-sam')} Back at {time}.`, true);

      // Alex pauses: Sam's phone opens Alex's sealed reassurance.
      await pa.getByRole('button', { name: /I’m activated, pausing/ }).click();
      await pb.getByText('Alex is taking a break to calm down.').waitFor();
      await expect.poll(() => pb.getByTestId('reassurance').textContent()).toContain(`${MARK} reassurance-alex`);
      await pa.getByRole('button', { name: '7 out of 10' }).click();
      await pb.getByRole('button', { name: '6 out of 10' }).click();

      // Sam holds a message for later; Alex writes in the private notepad (never sent at all).
      await pb
        .getByRole('navigation')
        .getByRole('button', { name: /Write to Alex/ })
        .click();
      await pb.getByLabel('Your message').fill(mark('held'));
      await pb.getByRole('button', { name: 'Keep it for later' }).click();
      await pb.getByText('Saved. You’ll see it again when you reconnect.').waitFor();
      await pa
        .getByRole('navigation')
        .getByRole('button', { name: /Private notepad/ })
        .click();
      await pa.getByLabel('Notes for this break').fill(mark('notepad'));
      await pa.getByText('Saved on this phone').waitFor();

      clock.advance(20 * MINUTE_MS + 1000);
      await Promise.all([resync(pa), resync(pb)]);
      for (const page of [pa, pb]) await page.getByText('Ready to reconnect?').waitFor();
      await pa.getByRole('button', { name: '4 out of 10' }).click();
      await pa.getByRole('button', { name: 'I’m ready' }).click();
      await pb.getByRole('button', { name: 'I’m ready' }).click();

      // Reconnect: Sam sends the held message, and it opens on Alex's phone.
      await bothAtStep(pa, pb, 1);
      await pb.getByTestId('held-review').getByRole('button', { name: 'Send to Alex' }).click();
      await pa.getByText(`${MARK} held`).waitFor();
      await pa.getByRole('button', { name: '2 out of 10' }).click();
      await pb.getByRole('button', { name: '2 out of 10' }).click();
      await bothAtStep(pa, pb, 2);

      // Preparation cards.
      await prepare(pa, mark, 'alex');
      await prepare(pb, mark, 'sam');
      await bothAtStep(pa, pb, 3);

      // Turns: paraphrase and validation, both ways.
      await pb.getByRole('button', { name: 'Let Alex go first' }).click();
      await pb.getByTestId('shared-card').getByText(`${MARK} card-request-alex`, { exact: false }).waitFor();
      await pb.getByLabel('What I heard you need is …').fill(mark('paraphrase-sam'));
      await pb.getByRole('button', { name: 'Check with them' }).click();
      await pa.getByTestId('confirm-box').getByText(`${MARK} paraphrase-sam`).waitFor();
      await pa.getByRole('button', { name: 'Yes, that’s it' }).click();
      await pb.getByLabel('That makes sense because …').fill(mark('validation-sam'));
      await pb.getByRole('button', { name: 'Share', exact: true }).click();
      await pa.getByTestId('shared-card').getByText(`${MARK} card-request-sam`, { exact: false }).waitFor();
      await pa.getByLabel('What I heard you need is …').fill(mark('paraphrase-alex'));
      await pa.getByRole('button', { name: 'Check with them' }).click();
      await pb.getByTestId('confirm-box').getByText(`${MARK} paraphrase-alex`).waitFor();
      await pb.getByRole('button', { name: 'Yes, that’s it' }).click();
      await pa.getByLabel('That makes sense because …').fill(mark('validation-alex'));
      await pa.getByRole('button', { name: 'Share', exact: true }).click();
      await bothAtStep(pa, pb, 4);

      // Repair: all four parts on one phone, and an adjusted request.
      await pa.getByLabel('What I regret').fill(mark('regret'));
      await pa.getByLabel('What I’m sorry for').fill(mark('sorry'));
      await pa.getByLabel('One thing I will do').fill(mark('will-do-alex'));
      await pa.getByLabel('One thing I’d like from you').fill(`Could you ${mark('would-like-alex')}?`);
      await pa.getByRole('button', { name: 'Share my part' }).click();
      await pb.getByLabel('One thing I will do').fill(mark('will-do-sam'));
      await pb.getByLabel('One thing I’d like from you').fill(`Could you ${mark('would-like-sam')}?`);
      await pb.getByRole('button', { name: 'Share my part' }).click();
      await pb.getByTestId('request-box').getByText(`${MARK} would-like-alex`, { exact: false }).waitFor();
      await pb.getByRole('button', { name: 'Adjust it' }).click();
      await pb.getByLabel('What I can do instead').fill(mark('adjustment'));
      await pb.getByRole('button', { name: 'Send my version' }).click();
      await pa.getByTestId('request-box').getByText(`${MARK} would-like-sam`, { exact: false }).waitFor();
      await pa.getByRole('button', { name: 'Yes, I can do that' }).click();
      await bothAtStep(pa, pb, 5);

      // The summary, opened on both phones, holds the shared words.
      const summary = await pa.getByTestId('summary').innerText();
      expect((await pb.getByTestId('summary').innerText()).trim()).toBe(summary.trim());
      for (const field of ['paraphrase-sam', 'validation-alex', 'adjustment', 'would-like-sam'])
        expect(summary).toContain(`${MARK} ${field}`);
      await screenshot(pa, 'e2e-canary-summary-a');
      await pa.getByRole('button', { name: '2 out of 10' }).click();
      await pb.getByRole('button', { name: '1 out of 10' }).click();
      await pa.getByRole('button', { name: 'Back to normal', exact: true }).click();
      await pb.getByRole('button', { name: 'Back to normal', exact: true }).click();
      for (const page of [pa, pb]) await page.getByRole('button', { name: /I’m activated, pausing/ }).waitFor();
      expect(typed.length).toBeGreaterThanOrEqual(18);

      // What the server kept is sealed: payloads look like `v1.<iv>.<ciphertext>`.
      const db = new Database(server.dbFile, { readonly: true });
      try {
        for (const row of db.prepare('SELECT reassurance FROM devices').all() as Array<{ reassurance: string }>) {
          expect(row.reassurance).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
        }
      } finally {
        db.close();
      }
      // The files as they are while the server runs: the write-ahead log holds the recent writes.
      live = serverBytes(server, logs);
    } catch (err) {
      await screenshot(pa, 'e2e-canary-failed-a');
      await screenshot(pb, 'e2e-canary-failed-b');
      throw err;
    } finally {
      await a.context.close();
      await b.context.close();
      await server.stop();
    }

    // No request of the session went to any other host: no fonts, scripts, analytics or beacons.
    const own = new URL(server.url).host;
    expect(requested.length).toBeGreaterThan(20);
    expect(requested.filter((url) => !/^(data|blob):/.test(url) && new URL(url).host !== own)).toEqual([]);

    // And after a clean stop (the WAL checkpointed into the main file): nothing anywhere holds the marker.
    const haystacks = [...live, ...serverBytes(server, logs)];
    const wal = live.find(([name]) => name.endsWith('-wal'));
    expect(wal?.[1].length ?? 0).toBeGreaterThan(0);
    expect(logs.length).toBeGreaterThan(10);
    // A positive control: the scan does find plaintext the server does keep (names, by design).
    expect(live.some(([name, bytes]) => name !== 'server logs' && bytes.includes('Alex'))).toBe(true);
    for (const [name, bytes] of haystacks) {
      expect(bytes.includes(MARK), `${name} contains the marker`).toBe(false);
      expect(bytes.includes(Buffer.from(MARK, 'utf16le')), `${name} contains the marker (UTF-16)`).toBe(false);
    }
    server.cleanup();
  });

  it('a sealed message changed on the server shows “could not be opened”, not its words', async () => {
    const clock = new JumpingClock();
    const server = await startServer({ clock });
    const a: Phone = await openPhone(browser, server.url);
    const b: Phone = await openPhone(browser, server.url);
    const pa = a.page;
    const pb = b.page;
    for (const phone of [a, b]) phone.page.setDefaultTimeout(10_000);
    const db = new Database(server.dbFile);
    /** Flips one bit of a sealed payload's ciphertext. */
    const tamper = (sealed: string) => {
      const [v, iv, ct] = sealed.split('.');
      const bytes = fromBase64url(ct!)!;
      bytes[0] = bytes[0]! ^ 0x01;
      return `${v}.${iv}.${toBase64url(bytes)}`;
    };
    try {
      await pairThroughUi(pa, pb, { a: 'Alex', b: 'Sam' });
      await agree(pa, 'Back at {time}, I promise.', false);
      await agree(pb, 'Back at {time}.', false);

      // Someone with the database changes Alex's stored reassurance before Alex pauses.
      const row = db.prepare('SELECT id, reassurance FROM devices ORDER BY linked_at, rowid LIMIT 1').get() as {
        id: string;
        reassurance: string;
      };
      db.prepare('UPDATE devices SET reassurance = ? WHERE id = ?').run(tamper(row.reassurance), row.id);

      await pa.getByRole('button', { name: /I’m activated, pausing/ }).click();
      await pb.getByText('Alex is taking a break to calm down.').waitFor();
      await pb.getByTestId('unopenable').getByText(UNOPENABLE).waitFor();
      await screenshot(pb, 'e2e-tampered-reassurance');
      expect(await pb.getByText('I promise').count()).toBe(0);
      // The break itself still works: when Alex will be back is not secret, and it is shown.
      await pb.getByText('This is a pause, not leaving.').waitFor();

      // Sam holds a message; it is changed while stored on the server.
      await pb.getByRole('button', { name: 'Skip' }).click();
      await pb
        .getByRole('navigation')
        .getByRole('button', { name: /Write to Alex/ })
        .click();
      await pb.getByLabel('Your message').fill('Words that must not be altered.');
      await pb.getByRole('button', { name: 'Keep it for later' }).click();
      await pb.getByText('Saved. You’ll see it again when you reconnect.').waitFor();
      const held = db.prepare('SELECT id, payload FROM held_messages').get() as { id: string; payload: string };
      expect(held.payload).toMatch(/^v1\./);
      db.prepare('UPDATE held_messages SET payload = ? WHERE id = ?').run(tamper(held.payload), held.id);

      clock.advance(20 * MINUTE_MS + 1000);
      await Promise.all([resync(pa), resync(pb)]);
      for (const page of [pa, pb]) await page.getByText('Ready to reconnect?').waitFor();
      await pa.getByRole('button', { name: 'I’m ready' }).click();
      await pb.getByRole('button', { name: 'I’m ready' }).click();
      await pb.getByTestId('held-review').getByRole('button', { name: 'Send to Alex' }).click();
      await pa.getByTestId('held-received').getByText(UNOPENABLE).waitFor();
      expect(await pa.getByText('Words that must not be altered.').count()).toBe(0);
      await screenshot(pa, 'e2e-tampered-held');
    } finally {
      db.close();
      await a.context.close();
      await b.context.close();
      await server.stop();
      server.cleanup();
    }
  });

  it('on an insecure origin (plain HTTP, not localhost) explains how to open it securely and sends nothing', async () => {
    // The name must be one the server answers to (ALLOWED_HOSTS), or its Host is refused.
    const server = await startServer({ config: { hosts: ['breather.test'] } });
    // A name that is not localhost, mapped to this server: plain HTTP there is not a secure context.
    const insecure = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP breather.test 127.0.0.1'],
    });
    const port = new URL(server.url).port;
    try {
      const phone = await openPhone(insecure, `http://breather.test:${port}`);
      const sent: string[] = [];
      phone.page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
      await phone.page.goto('/');
      expect(await phone.page.evaluate<boolean>('window.isSecureContext')).toBe(false);
      await phone.page.getByRole('heading', { name: 'Open Breather securely' }).waitFor();
      await phone.page.getByText(/TLS_CERT_FILE and TLS_KEY_FILE/).waitFor();
      expect(await phone.page.getByRole('link', { name: 'Link with my partner' }).count()).toBe(0);
      await phone.page.goto('/join');
      await phone.page.getByRole('heading', { name: 'Open Breather securely' }).waitFor();
      expect(await phone.page.getByLabel('Your first name').count()).toBe(0);
      await screenshot(phone.page, 'e2e-insecure-origin');
      expect(sent.filter((f) => /invite:|held:save|settings:update|conversation:|keys:publish/.test(f))).toEqual([]);
    } finally {
      await insecure.close();
      await server.stop();
      server.cleanup();
    }
  });
});
