import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_BREAK_MINUTES } from '../../shared/pause/limits.js';
import { initialCoupleState, type CoupleState } from '../../shared/pause/machine.js';
import { DEFAULT_REASSURANCE } from '../../shared/pause/reassurance.js';
import { sha256 } from '../../server/security/secrets.js';
import { openPostgresStore } from '../../server/store/postgres/postgres-store.js';
import { RETENTION_RULES } from '../../server/store/sqlite/retention-rules.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { DeviceRecord, InviteRecord, Store } from '../../server/store/store.js';
import { adminQuery, createTestSchema, servicesAvailable } from '../support/services.js';

/**
 * One contract, two stores: everything the server relies on behaves the same on SQLite (one process)
 * and PostgreSQL (several). `open()` gives two stores on the same data, standing in for two processes.
 */
interface Backend {
  open(): Promise<{ a: Store; b: Store; done: () => Promise<void> }>;
}

const sqlite: Backend = {
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'breather-contract-'));
    const a = openSqliteStore(join(dir, 'breather.db'));
    const b = openSqliteStore(join(dir, 'breather.db'));
    return {
      a,
      b,
      done: async () => (await a.close(), await b.close(), rmSync(dir, { recursive: true, force: true })),
    };
  },
};

const postgres: Backend = {
  async open() {
    const schema = await createTestSchema();
    // Opened together: both run the migrations at start, and only one may apply them.
    const [a, b] = await Promise.all([openPostgresStore(schema.url), openPostgresStore(schema.url)]);
    return { a, b, done: async () => (await a.close(), await b.close(), await schema.drop()) };
  },
};

const pgUp = await servicesAvailable({ postgres: true });

function device(id: string, coupleId: string, linkedAt = 1): DeviceRecord {
  return {
    id,
    coupleId,
    name: `name-${id}`,
    secretHash: sha256(`secret-${id}`),
    linkedAt,
    defaultMinutes: DEFAULT_BREAK_MINUTES,
    reassurance: DEFAULT_REASSURANCE,
    tendsToWithdraw: null,
    publicKey: null,
    agreedTerms: null,
  };
}

function invite(id: string, coupleId: string, lookup: string, createdAt = 1): InviteRecord {
  return {
    id,
    coupleId,
    lookup,
    secretHash: sha256(`s-${id}`),
    tokenHash: sha256(`t-${id}`),
    createdAt,
    expiresAt: createdAt + 1000,
    wrongGuesses: 0,
    usedAt: null,
  };
}

function paused(state: CoupleState, pauseId: string, endsAt: number): CoupleState {
  return {
    ...state,
    seq: state.seq + 1,
    phase: 'paused',
    pause: { id: pauseId, startedAt: 1, endsAt, pausers: [], ready: [] },
  };
}

function calm(state: CoupleState): CoupleState {
  return { ...state, seq: state.seq + 1, phase: 'calm', pause: null };
}

describe.each([
  ['SQLite', sqlite, true],
  ['PostgreSQL', postgres, pgUp],
] as const)('the store contract on %s', (_name, backend, available) => {
  let a: Store;
  let b: Store;
  let done: () => Promise<void>;

  beforeEach(async (ctx) => {
    if (!available) return ctx.skip();
    ({ a, b, done } = await backend.open());
    await a.createCouple('c1', device('d1', 'c1'), initialCoupleState());
  });
  afterEach(async () => {
    if (available) await done();
  });

  test('a couple and its devices read back as written, in linking order', async () => {
    await a.createInvite(invite('i1', 'c1', 'ABCD'));
    expect(await b.joinWithInvite('i1', device('d2', 'ignored', 2), 5)).toBe('joined');
    expect((await a.listDevices('c1')).map((d) => d.id)).toEqual(['d1', 'd2']);
    const d2 = await b.findDevice('d2');
    expect(d2).toMatchObject({ coupleId: 'c1', name: 'name-d2', linkedAt: 2, tendsToWithdraw: null, publicKey: null });
    expect(d2!.secretHash.equals(sha256('secret-d2'))).toBe(true);
    expect(await a.findDevice('nope')).toBeNull();
    expect(await a.loadCoupleState('c1')).toMatchObject({ seq: 1, phase: 'calm', conversation: null });
    const couple = await b.loadCouple('c1');
    expect(couple?.state).toEqual(await a.loadCoupleState('c1'));
    expect(couple?.devices).toEqual(await a.listDevices('c1'));
    expect(await a.loadCouple('nope')).toBeNull();
  });

  test('settings and public keys bump the seq, in the column and in the stored state', async () => {
    expect(await a.updateDeviceSettings('d1', { name: 'Sam', tendsToWithdraw: true, defaultMinutes: 30 })).toBe(1);
    expect(await a.findDevice('d1')).toMatchObject({
      name: 'Sam',
      tendsToWithdraw: true,
      defaultMinutes: 30,
      reassurance: DEFAULT_REASSURANCE,
    });
    expect(await a.updateDeviceSettings('d1', { tendsToWithdraw: null })).toBe(2);
    expect((await a.findDevice('d1'))?.tendsToWithdraw).toBeNull();
    expect(await b.setDevicePublicKey('d1', 'pk')).toBe(3);
    expect((await a.findDevice('d1'))?.publicKey).toBe('pk');
    expect((await a.loadCoupleState('c1'))?.seq).toBe(3);
    expect((await a.findDevice('d1'))?.agreedTerms).toBeNull();
    expect(await b.updateDeviceSettings('d1', { agreedTerms: 'terms-1' })).toBe(4);
    expect(await a.findDevice('d1')).toMatchObject({ agreedTerms: 'terms-1', name: 'Sam', publicKey: 'pk' });
    expect(await a.updateDeviceSettings('d1', { name: 'Sam B' })).toBe(5);
    expect((await b.findDevice('d1'))?.agreedTerms).toBe('terms-1');
    expect(await a.updateDeviceSettings('d1', { agreedTerms: null })).toBe(6);
    expect((await b.findDevice('d1'))?.agreedTerms).toBeNull();
    expect((await b.loadCoupleState('c1'))?.seq).toBe(6);
    await expect(a.updateDeviceSettings('nope', { name: 'x' })).rejects.toThrow();
  });

  test('compare-and-set: of many writers holding the same seq, exactly one wins, on either process', async () => {
    const state = (await a.loadCoupleState('c1'))!;
    const writes = Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? a : b).saveCoupleState('c1', state.seq, paused(state, `p${i}`, 100 + i)),
    );
    const results = await Promise.all(writes);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await b.loadCoupleState('c1')).toMatchObject({ seq: 1, pause: { id: `p${winner}` } });
    expect(await a.saveCoupleState('c1', 0, calm(state))).toBe(false);
    expect(await a.saveCoupleState('nope', 0, calm(state))).toBe(false);
  });

  test('invites: lookup, token, wrong guesses, one use, and no third device', async () => {
    await a.createInvite(invite('i1', 'c1', 'ABCD', 10));
    await a.createInvite(invite('i2', 'c1', 'ABCD', 20));
    expect((await b.findInviteByLookup('ABCD'))?.id).toBe('i2');
    expect((await b.findInviteByTokenHash(sha256('t-i1')))?.id).toBe('i1');
    expect(await a.lookupInUse('ABCD', 15)).toBe(true);
    expect(await a.lookupInUse('ABCD', 5000)).toBe(false);
    expect(await a.recordWrongGuess('i1')).toBe(1);
    expect(await b.recordWrongGuess('i1')).toBe(2);
    expect(await a.recordWrongGuess('nope')).toBe(0);
    // Two processes use the couple's two invites at the same moment: one phone joins, the other finds it full.
    const outcomes = await Promise.all([
      a.joinWithInvite('i1', device('d2', 'c1'), 30),
      b.joinWithInvite('i2', device('d3', 'c1'), 30),
    ]);
    expect(outcomes.sort()).toEqual(['full', 'joined']);
    expect(await a.listDevices('c1')).toHaveLength(2);
    expect(await a.joinWithInvite('i1', device('d4', 'c1'), 31)).toBe('used');
    expect(await a.joinWithInvite('nope', device('d5', 'c1'), 31)).toBe('used');
  });

  test('rate limits are counted once across processes, per fixed window', async () => {
    const hits = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).hitRateLimit('join:1.2.3.4', 1005, 1000)),
    );
    expect(hits.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await a.hitRateLimit('join:1.2.3.4', 2001, 1000)).toBe(1);
    expect(await a.hitRateLimit('other', 2001, 1000)).toBe(1);
  });

  test('held messages: written during their pause, reviewed and sent by their author after it, delivered once, tombstoned', async () => {
    await a.createInvite(invite('i1', 'c1', 'ABCD'));
    await a.joinWithInvite('i1', device('d2', 'c1', 2), 5);
    const input = { id: 'm1', coupleId: 'c1', authorId: 'd1', payload: 'cipher-1', now: 10 };
    const mine = { id: 'm1', coupleId: 'c1', authorId: 'd1' };
    expect(await a.saveHeldMessage(input, 2)).toEqual({ ok: false, reason: 'wrong_phase' });
    const state = (await a.loadCoupleState('c1'))!;
    const pausedState = paused(state, 'p1', 100);
    expect(await a.saveCoupleState('c1', state.seq, pausedState)).toBe(true);
    expect(await b.saveHeldMessage(input, 2)).toMatchObject({
      ok: true,
      message: { pauseId: 'p1', payload: 'cipher-1', sentAt: null },
    });
    expect(await a.saveHeldMessage({ ...input, payload: 'cipher-1b', now: 11 }, 2)).toMatchObject({
      ok: true,
      message: { updatedAt: 11 },
    });
    expect(await a.saveHeldMessage({ ...input, id: 'm2', now: 12 }, 2)).toMatchObject({ ok: true });
    expect(await a.saveHeldMessage({ ...input, id: 'm3', now: 13 }, 2)).toEqual({ ok: false, reason: 'over_limit' });
    expect(await b.discardHeldMessage({ ...mine, id: 'm2' })).toEqual({ ok: true });
    expect(await b.discardHeldMessage({ ...mine, id: 'gone' })).toEqual({ ok: true });
    // No contact during the break: not even its author can send it yet.
    expect(await a.sendHeldMessage({ ...mine, now: 14 })).toEqual({ ok: false, reason: 'wrong_phase' });
    // Someone else's id is answered exactly like an unknown one, and touches nothing.
    const other = { id: 'm1', coupleId: 'c1', authorId: 'd2' };
    expect(await b.discardHeldMessage(other)).toEqual(await b.discardHeldMessage({ ...other, id: 'nope' }));
    expect(await a.sendHeldMessage({ ...other, now: 15 })).toEqual(
      await a.sendHeldMessage({ ...other, id: 'nope', now: 15 }),
    );
    expect(await a.sendHeldMessage({ ...other, now: 15 })).toEqual({ ok: false, reason: 'not_found' });
    expect((await a.listHeldByAuthor('c1', 'd1')).map((m) => [m.id, m.payload])).toEqual([['m1', 'cipher-1b']]);
    expect(await a.listHeldByAuthor('c1', 'd2')).toEqual([]);
    expect(await a.markHeldDelivered('c1', 'd2', ['m1'], 20)).toEqual([]);

    // The pause is over: the note waits for its author's review, edits included, and is not the partner's yet.
    expect(await a.saveCoupleState('c1', pausedState.seq, calm(pausedState))).toBe(true);
    expect(await b.listHeldFor('c1', 'd2')).toEqual([]);
    expect(await a.markHeldDelivered('c1', 'd2', ['m1'], 21)).toEqual([]);
    expect(await a.saveHeldMessage({ ...input, payload: 'cipher-1c', now: 22 }, 2)).toMatchObject({
      ok: true,
      message: { updatedAt: 22 },
    });
    expect(await a.saveHeldMessage({ ...input, id: 'm4', now: 22 }, 2)).toEqual({ ok: false, reason: 'wrong_phase' });
    const sent = await b.sendHeldMessage({ ...mine, payload: 'cipher-1d', now: 30 });
    expect(sent).toMatchObject({ ok: true, fresh: true, message: { payload: 'cipher-1d', updatedAt: 30, sentAt: 30 } });
    expect(await a.sendHeldMessage({ ...mine, payload: 'ignored', now: 31 })).toMatchObject({
      ok: true,
      fresh: false,
      message: { payload: 'cipher-1d', sentAt: 30 },
    });
    expect(await a.saveHeldMessage({ ...input, payload: 'late', now: 32 }, 2)).toEqual({
      ok: false,
      reason: 'already_delivered',
    });
    expect(await a.discardHeldMessage(mine)).toEqual({ ok: false, reason: 'already_delivered' });

    expect((await b.listHeldFor('c1', 'd2')).map((m) => [m.id, m.payload])).toEqual([['m1', 'cipher-1d']]);
    expect(await b.listHeldFor('c1', 'd1')).toEqual([]);
    expect(await b.markHeldDelivered('c1', 'd1', ['m1'], 40)).toEqual([]);
    expect(await b.markHeldDelivered('c1', 'd2', ['m1', 'm1', 'nope'], 40)).toEqual(['m1']);
    expect(await a.listHeldFor('c1', 'd2')).toEqual([]);
    expect(await a.listHeldByAuthor('c1', 'd1')).toEqual([]);
    expect(await a.markHeldDelivered('c1', 'd2', ['m1'], 41)).toEqual(['m1']);
    expect(await a.sendHeldMessage({ ...mine, now: 42 })).toEqual({ ok: false, reason: 'not_found' });
  });

  test('one id written by each partner: two notes, each found only by its own author', async () => {
    await a.createInvite(invite('i1', 'c1', 'ABCD'));
    await a.joinWithInvite('i1', device('d2', 'c1', 2), 5);
    const state = (await a.loadCoupleState('c1'))!;
    await a.saveCoupleState('c1', state.seq, paused(state, 'p1', 100));
    const save = (authorId: string, payload: string) =>
      a.saveHeldMessage({ id: 'same', coupleId: 'c1', authorId, payload, now: 10 }, 2);
    expect(await Promise.all([save('d1', 'one'), save('d2', 'two')])).toMatchObject([{ ok: true }, { ok: true }]);
    expect((await b.listHeldByAuthor('c1', 'd1')).map((m) => m.payload)).toEqual(['one']);
    expect((await b.listHeldByAuthor('c1', 'd2')).map((m) => m.payload)).toEqual(['two']);
  });

  test('push: one subscription per device, and each due deadline claimed once across processes', async () => {
    const sub = { endpoint: 'https://push.example/1', deviceId: 'd1', p256dh: 'k', auth: 'a', createdAt: 1 };
    expect(await a.savePushSubscription(sub)).toBe(true);
    expect(await a.savePushSubscription({ ...sub, endpoint: 'https://push.example/2' })).toBe(true);
    expect((await b.listPushSubscriptions('c1')).map((s) => s.endpoint)).toEqual(['https://push.example/2']);
    expect(await a.savePushSubscription({ ...sub, deviceId: 'nope' })).toBe(false);

    const state = (await a.loadCoupleState('c1'))!;
    const pausedState = paused(state, 'p1', 100);
    await a.saveCoupleState('c1', state.seq, pausedState);
    expect(await a.claimTimeUpNotices(99)).toEqual([]);
    const claims = await Promise.all([a.claimTimeUpNotices(100), b.claimTimeUpNotices(100), a.claimTimeUpNotices(101)]);
    expect(claims.flat()).toEqual([{ coupleId: 'c1', pauseId: 'p1', endsAt: 100 }]);
    // Extended: a new deadline is a new notice.
    await a.saveCoupleState('c1', pausedState.seq, {
      ...pausedState,
      seq: pausedState.seq + 1,
      pause: { ...pausedState.pause!, endsAt: 200 },
    });
    expect(await b.claimTimeUpNotices(150)).toEqual([]);
    expect(await b.claimTimeUpNotices(200)).toEqual([{ coupleId: 'c1', pauseId: 'p1', endsAt: 200 }]);

    await b.deletePushEndpoint('https://push.example/2');
    expect(await a.listPushSubscriptions('c1')).toEqual([]);
    await a.savePushSubscription(sub);
    await b.deletePushSubscriptions('d1');
    expect(await a.listPushSubscriptions('c1')).toEqual([]);
  });

  test('unpairing removes devices, invites and held messages at once; two processes purging at once remove each couple once', async () => {
    await a.createCouple('c2', device('e1', 'c2'), initialCoupleState());
    await a.createCouple('c3', device('f1', 'c3'), initialCoupleState());
    await a.createInvite(invite('i1', 'c1', 'ABCD'));
    const before = (await a.loadCoupleState('c1'))!;
    await a.unpairCouple('c1', 50);
    await b.unpairCouple('c2', 60);
    // A command that read the state before the unpair loses its compare-and-set.
    expect((await b.loadCoupleState('c1'))?.seq).toBe(before.seq + 1);
    expect(await b.saveCoupleState('c1', before.seq, paused(before, 'p1', 100))).toBe(false);
    expect(await a.findDevice('d1')).toBeNull();
    expect(await a.findInviteByLookup('ABCD')).toBeNull();
    expect(await a.loadCoupleState('c1')).not.toBeNull();
    expect(await a.loadCouple('c1')).toMatchObject({ state: { seq: before.seq + 1 }, devices: [] });
    const purged = await Promise.all([a.purgeUnpaired(60), b.purgeUnpaired(60)]);
    expect(purged[0] + purged[1]).toBe(2);
    expect(await b.loadCoupleState('c1')).toBeNull();
    expect(await b.loadCoupleState('c3')).not.toBeNull();
    await b.deleteCouple('c3');
    expect(await a.loadCoupleState('c3')).toBeNull();
    expect(await a.findDevice('f1')).toBeNull();
  });
  test('rate-limit counts go once their window has ended, once across processes', async () => {
    await a.hitRateLimit('k1', 1005, 1000);
    await a.hitRateLimit('k2', 1005, 2000);
    await a.hitRateLimit('k3', 2500, 1000);
    expect(await a.purgeRateLimits(1999)).toBe(0);
    const purged = await Promise.all([a.purgeRateLimits(2000), b.purgeRateLimits(2000)]);
    expect(purged[0] + purged[1]).toBe(2);
    // k1 went: its next hit starts a fresh count; k3's window is still running.
    expect(await b.hitRateLimit('k1', 2001, 1000)).toBe(1);
    expect(await b.hitRateLimit('k3', 2600, 1000)).toBe(2);
  });

  test('expired unused invites go; a couple nobody joined goes with them, once across processes', async () => {
    // c1: nobody joined, its only invite expired at 1001. c2: joined. c3: an expired and an open invite.
    await a.createInvite(invite('i1', 'c1', 'AAAA', 1));
    await a.createCouple('c2', device('e1', 'c2'), initialCoupleState());
    await a.createInvite(invite('i2', 'c2', 'BBBB', 1));
    await a.joinWithInvite('i2', device('e2', 'c2', 2), 5);
    await a.createInvite(invite('i2b', 'c2', 'BBBC', 1));
    await a.createCouple('c3', device('f1', 'c3'), initialCoupleState());
    await a.createInvite(invite('i3', 'c3', 'CCCC', 1));
    await a.createInvite(invite('i4', 'c3', 'DDDD', 5000));
    expect(await a.purgeAbandonedInvites(1000)).toBe(0);
    const purged = await Promise.all([a.purgeAbandonedInvites(1001), b.purgeAbandonedInvites(1001)]);
    expect(purged[0] + purged[1]).toBe(1);
    expect(await b.loadCoupleState('c1')).toBeNull();
    expect(await b.findDevice('d1')).toBeNull();
    expect(await b.loadCoupleState('c2')).not.toBeNull();
    expect(await b.findInviteByLookup('BBBC')).toBeNull();
    expect(await b.findInviteByLookup('CCCC')).toBeNull();
    expect((await b.findInviteByLookup('DDDD'))?.id).toBe('i4');
    expect(await b.findDevice('f1')).not.toBeNull();
  });
});

describe.skipIf(!pgUp)('PostgreSQL migrations', () => {
  const schemas: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of schemas) await drop();
  });

  test('run once when several processes start together, and not again on the next start', async () => {
    const schema = await createTestSchema();
    schemas.push(schema.drop);
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(schema.url)));
    await Promise.all(stores.map((s) => s.close()));
    const again = await openPostgresStore(schema.url);
    expect(await again.health()).toEqual({ ok: true, kind: 'postgres' });
    await again.close();
    const applied = await adminQuery<{ version: number }>(
      `SELECT version FROM ${schema.schema}.schema_migrations ORDER BY version`,
    );
    expect(applied.map((r) => r.version)).toEqual([1, 2, 3]);
  });

  test('every table has a retention rule, as on SQLite', async () => {
    const schema = await createTestSchema();
    schemas.push(schema.drop);
    await (await openPostgresStore(schema.url)).close();
    const tables = (
      await adminQuery<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema.schema}' AND table_type = 'BASE TABLE'`,
      )
    )
      .map((r) => r.table_name)
      // The migration ledger: version numbers and times, nothing about anyone.
      .filter((t) => t !== 'schema_migrations')
      .sort();
    for (const table of tables) expect(RETENTION_RULES[table], `no purge rule for table ${table}`).toBeTruthy();
    expect(Object.keys(RETENTION_RULES).sort()).toEqual(tables);
  });
});
