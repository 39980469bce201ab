import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { USUAL_MIN_MINUTES } from '../../shared/agreement/rules.js';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { DEFAULT_REASSURANCE } from '../../shared/pause/reassurance.js';
import { settle } from '../support/record.js';
import {
  call,
  connectClient,
  connected,
  linkedPair,
  nextEvent,
  ok,
  startServer,
  tearDown,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

let server: TestServer;
const sockets: TestSocket[] = [];
afterEach(() => tearDown(sockets, server));

/** Sealed the way a phone seals (shared/crypto/aead.ts envelope); the server cannot tell it from real ciphertext. */
const SEALED_A = 'v1.AAAAAAAAAAAAAAAA.c2VhbGVkLWJ5LWFsZXgtcGhvbmU';
const SEALED_B = 'v1.BBBBBBBBBBBBBBBB.c2VhbGVkLWJ5LXNhbS1waG9uZQ';

async function pair() {
  server = await startServer();
  const p = await linkedPair(server);
  sockets.push(p.a, p.b);
  return { ...p, aId: p.invite.deviceId, bId: p.joined.deviceId };
}

function storedDevices(): Array<{
  id: string;
  reassurance: string;
  default_minutes: number;
  agreed_terms: string | null;
}> {
  const db = new Database(server.dbFile, { readonly: true });
  try {
    return db
      .prepare('SELECT id, reassurance, default_minutes, agreed_terms FROM devices ORDER BY linked_at')
      .all() as never;
  } finally {
    db.close();
  }
}

describe('agreement:accept', () => {
  test('is agreed once both accept the same terms; the partner sees each acceptance', async () => {
    const { a, b, aId, bId, joined } = await pair();
    const start = joined.snapshot.agreement;
    expect(start.accepted).toEqual([]);
    expect(start.terms).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const onB = nextEvent(b, 'couple:state');
    const afterA = await ok(a, 'agreement:accept', { terms: start.terms });
    expect(afterA.agreement).toEqual({ terms: start.terms, accepted: [aId] });
    const [seenByB] = await onB;
    expect(seenByB.agreement.accepted).toEqual([aId]);

    const onA = nextEvent(a, 'couple:state');
    const afterB = await ok(b, 'agreement:accept', { terms: start.terms });
    expect(afterB.agreement.accepted).toEqual([aId, bId]);
    expect((await onA)[0].agreement.accepted).toEqual([aId, bId]);

    // Accepting again changes nothing and sends nothing.
    const again = await ok(b, 'agreement:accept', { terms: start.terms });
    expect(again.seq).toBe(afterB.seq);

    // A phone that reconnects gets the agreement in its snapshot.
    const back = connectClient(server.url, joined.credential);
    sockets.push(back);
    const [[snap]] = await Promise.all([nextEvent(back, 'couple:state'), connected(back)]);
    expect(snap.agreement.accepted).toEqual([aId, bId]);
  });

  test('a change by either re-asks the partner, and an acceptance of the old terms is refused', async () => {
    const { a, b, aId, bId, joined } = await pair();
    const first = joined.snapshot.agreement.terms;
    await ok(a, 'agreement:accept', { terms: first });
    await ok(b, 'agreement:accept', { terms: first });
    await settle(a, b);

    // Sam changes their part (a longer usual break, their own sealed message): Alex is asked again.
    const onA = nextEvent(a, 'couple:state');
    const changed = await ok(b, 'agreement:accept', { terms: first, minutes: 45, signal: SEALED_B });
    expect(changed.agreement.terms).not.toBe(first);
    expect(changed.agreement.accepted).toEqual([bId]);
    const [seenByA] = await onA;
    expect(seenByA.agreement.accepted).toEqual([bId]);
    const sam = seenByA.devices.find((d) => d.id === bId)!;
    expect(sam.defaultMinutes).toBe(45);
    expect(sam.reassurance).toBe(SEALED_B);

    // Alex taps "We agree" on the screen from before the change: refused, and shown the latest.
    const latest = nextEvent(a, 'couple:state');
    const stale = await call(a, 'agreement:accept', { terms: first });
    expect('error' in stale && stale.error.code).toBe('agreement_changed');
    expect((await latest)[0].agreement.terms).toBe(changed.agreement.terms);

    const both = await ok(a, 'agreement:accept', { terms: changed.agreement.terms });
    expect(both.agreement.accepted).toEqual([aId, bId]);

    // Alex changes only their length: Sam is asked again, Alex's message stays as it was.
    const lengthOnly = await ok(a, 'agreement:accept', { terms: both.agreement.terms, minutes: 30 });
    expect(lengthOnly.agreement.accepted).toEqual([aId]);
    expect(lengthOnly.devices.find((d) => d.id === aId)!.reassurance).toBe(DEFAULT_REASSURANCE);
  });

  test('the signal message is stored and relayed only as ciphertext; plaintext is refused and changes nothing', async () => {
    const { a, b, aId, joined } = await pair();
    const terms = joined.snapshot.agreement.terms;
    const plain = await call(a, 'agreement:accept', { terms, signal: 'I need a break. Back at {time}.' });
    expect('error' in plain && plain.error.code).toBe('bad_request');
    expect(storedDevices()[0]).toMatchObject({ reassurance: DEFAULT_REASSURANCE, agreed_terms: null });

    const onB = nextEvent(b, 'couple:state');
    await ok(a, 'agreement:accept', { terms, signal: SEALED_A });
    const [seen] = await onB;
    expect(seen.devices.find((d) => d.id === aId)!.reassurance).toBe(SEALED_A);
    const row = storedDevices()[0]!;
    expect(row.reassurance).toBe(SEALED_A);
    expect(row.agreed_terms).toBe(seen.agreement.terms);
  });

  test('refuses a usual break under the minimum, malformed terms and unknown fields, changing nothing', async () => {
    const { a, joined } = await pair();
    const terms = joined.snapshot.agreement.terms;
    const bad: unknown[] = [
      { terms, minutes: USUAL_MIN_MINUTES - 1 },
      { terms, minutes: 10 },
      { terms, minutes: 20.5 },
      { terms, minutes: 24 * 60 + 1 },
      { terms: 'short' },
      { terms: 'x'.repeat(22) + '!' },
      { terms, accepted: true },
      { terms, signal: '' },
      {},
    ];
    for (const payload of bad) {
      const res = await call(a, 'agreement:accept', payload as never);
      expect('error' in res && res.error.code, JSON.stringify(payload)).toBe('bad_request');
    }
    const state = await ok(a, 'state:get', {});
    expect(state.seq).toBe(joined.snapshot.seq);
    expect(state.agreement.accepted).toEqual([]);
    expect((await ok(a, 'agreement:accept', { terms, minutes: USUAL_MIN_MINUTES })).agreement.accepted).toHaveLength(1);
  });

  test('needs two linked phones', async () => {
    server = await startServer();
    const alone = connectClient(server.url);
    sockets.push(alone);
    await connected(alone);
    const unlinked = await call(alone, 'agreement:accept', { terms: 'A'.repeat(22) });
    expect('error' in unlinked && unlinked.error.code).toBe('not_linked');
    const invite = await ok(alone, 'invite:create', { name: 'Alex' });
    const res = await call(alone, 'agreement:accept', { terms: invite.snapshot.agreement.terms });
    expect('error' in res && res.error.code).toBe('partner_missing');
  });

  test('pausing works with no agreement accepted, and with one re-asked', async () => {
    const { a, b, bId, joined } = await pair();
    const started: CoupleSnapshot = await ok(a, 'pause:start', { commandId: 'cmd-agree-0001', minutes: 20 });
    expect(started.phase).toBe('paused');
    expect(started.agreement.accepted).toEqual([]);
    // Ending before 20 minutes needs a calm re-rating (4 or less).
    await ok(a, 'pause:end', { commandId: 'cmd-agree-0002', seq: started.seq, rating: 3 });

    // Mid-agreement (only Sam accepted a change) Sam can still pause.
    await ok(b, 'agreement:accept', { terms: joined.snapshot.agreement.terms, minutes: 30 });
    const state = await ok(b, 'state:get', {});
    expect(state.agreement.accepted).toEqual([bId]);
  });
});
