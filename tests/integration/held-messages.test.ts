import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { ackErrorSchema } from '../../shared/contracts/error-schema.js';
import type { ErrorCode } from '../../shared/contracts/errors.js';
import {
  HELD_MAX_PER_PAUSE,
  HELD_PAYLOAD_MAX,
  type ClientEventName,
  type ClientPayload,
  type DeliveredHeldMessage,
} from '../../shared/contracts/events.js';
import { MINUTE_MS } from '../../shared/pause/limits.js';
import { jsonLogger } from '../../server/log.js';
import { migrations } from '../../server/store/sqlite/migrations.js';
import {
  call,
  connectClient,
  connected,
  linkedPair,
  nextEvent,
  ok,
  startServer,
  type TestServer,
  tearDown,
  type TestSocket,
} from '../support/server.js';
import { sequentialIds } from '../support/ids.js';

import { settle } from '../support/record.js';

let server: TestServer;
const sockets: TestSocket[] = [];

afterEach(() => tearDown(sockets, server));

const nextId = sequentialIds();
const cid = () => nextId('cmd');
const mid = () => nextId('msg');

/** Every `held:deliver` a socket receives, in order. */
function deliveries(socket: TestSocket) {
  const batches: DeliveredHeldMessage[][] = [];
  const waiters: Array<() => void> = [];
  socket.on('held:deliver', ({ messages }) => {
    batches.push(messages);
    waiters.splice(0).forEach((w) => w());
  });
  return {
    batches,
    get all() {
      return batches.flat();
    },
    /** Resolves with batch number `n` (0-based), already received or still to come. */
    async batch(n: number, timeoutMs = 2000): Promise<DeliveredHeldMessage[]> {
      const deadline = Date.now() + timeoutMs;
      while (batches.length <= n) {
        if (Date.now() > deadline) throw new Error(`no held:deliver #${n + 1} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return batches[n]!;
    },
  };
}

/** Connects with a stored credential; resolves once the connect snapshot and anything sent with it is in. */
async function reconnect(credential: string) {
  const socket = connectClient(server.url, credential);
  sockets.push(socket);
  const got = deliveries(socket);
  const snapshot = nextEvent(socket, 'couple:state', 5000);
  await connected(socket);
  const [state] = await snapshot;
  await settle(socket);
  return { socket, got, state };
}

async function pair() {
  const p = await linkedPair(server);
  sockets.push(p.a, p.b);
  // The join broadcast reaches A before this round trip's answer.
  await settle(p.a, p.b);
  const da = deliveries(p.a);
  const db = deliveries(p.b);
  return { ...p, da, db, aId: p.invite.deviceId, bId: p.joined.deviceId };
}

/** The held_messages table as stored (a second, read-only connection: WAL allows it). */
function heldRows(): unknown[] {
  const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM held_messages ORDER BY rowid').all();
  } finally {
    db.close();
  }
}

/** Must be refused with `code` and leave both the held messages and the couple's state exactly as they were. */
async function refusedUnchanged<E extends ClientEventName>(
  sender: TestSocket,
  event: E,
  payload: ClientPayload<E>,
  code: ErrorCode,
): Promise<void> {
  const [rows, state] = [heldRows(), await ok(sender, 'state:get', {})];
  const res = await call(sender, event, payload);
  // A code (and numbers where the wording needs them), in the shape the wire allows.
  expect(ackErrorSchema.parse(res).error.code).toBe(code);
  expect(heldRows()).toEqual(rows);
  expect(await ok(sender, 'state:get', {})).toEqual(state);
}

/** A pauses; returns the seq after. */
async function startPause(a: TestSocket): Promise<number> {
  const snap = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
  expect(snap.phase).toBe('paused');
  return snap.seq;
}

/** Time up, both say "I'm ready": the couple is in 'reconnect'. */
async function bothReady(a: TestSocket, b: TestSocket, seq: number): Promise<number> {
  server.clock.advance(20 * MINUTE_MS);
  const first = await ok(a, 'pause:ready', { commandId: cid(), seq });
  expect(first.phase).toBe('paused');
  const second = await ok(b, 'pause:ready', { commandId: cid(), seq: first.seq });
  expect(second.phase).toBe('reconnect');
  return second.seq;
}

describe('held messages over the wire', () => {
  test('held during the pause, reviewed by their author after it, and only the sent ones delivered, once', async () => {
    const logged: string[] = [];
    // Many calls from one phone in a few (manual-clock) minutes: rate limits are tested elsewhere.
    server = await startServer({ log: jsonLogger((line) => logged.push(line)), config: { eventLimits: null } });
    const { a, b, da, db, bId, aCredential, bCredential } = await pair();
    const seq = await startPause(a);
    const secret = 'CIPHERTEXT-first-draft-6f1c';
    const edited = 'CIPHERTEXT-second-draft-9a2e';
    const reviewed = 'CIPHERTEXT-changed-in-review-41d0';

    const m1 = mid();
    const m2 = mid();
    const m3 = mid();
    const m4 = mid();
    const t0 = server.clock.now();
    const saved = await ok(b, 'held:save', { messageId: m1, payload: secret });
    expect(saved.message).toEqual({
      id: m1,
      pauseId: expect.any(String),
      payload: secret,
      createdAt: t0,
      updatedAt: t0,
      editable: true,
      sentAt: null,
    });
    await ok(b, 'held:save', { messageId: m2, payload: 'CIPHERTEXT-to-discard' });
    await ok(b, 'held:save', { messageId: m4, payload: 'CIPHERTEXT-discarded-in-review' });
    await ok(a, 'held:save', { messageId: m3, payload: 'CIPHERTEXT-from-the-pauser' });

    server.clock.advance(MINUTE_MS);
    const edit = await ok(b, 'held:save', { messageId: m1, payload: edited });
    expect(edit.message).toMatchObject({
      id: m1,
      payload: edited,
      createdAt: t0,
      updatedAt: t0 + MINUTE_MS,
      editable: true,
    });
    // A retried save (same id, same text) is an edit, not a second message.
    await ok(b, 'held:save', { messageId: m1, payload: edited });
    expect(await ok(b, 'held:discard', { messageId: m2 })).toEqual({ messageId: m2 });
    // Discarding again (a retried tap) is fine: it is gone.
    expect(await ok(b, 'held:discard', { messageId: m2 })).toEqual({ messageId: m2 });
    // No contact during a break: nothing can be sent while its pause runs.
    await refusedUnchanged(b, 'held:send', { messageId: m1 }, 'wrong_phase');

    const mineB = await ok(b, 'held:mine', {});
    expect(mineB.messages.map((m) => m.id)).toEqual([m1, m4]);
    expect(mineB.messages[0]).toEqual(edit.message);

    // The partner cannot confirm (and so erase) a message still held.
    expect(await ok(a, 'held:received', { messageIds: [m1] })).toEqual({ messageIds: [] });

    // The pause ends: nothing is delivered by itself. Each author sees their notes again, to review.
    const afterSeq = await bothReady(a, b, seq);
    await settle(a, b);
    expect(da.all).toEqual([]);
    expect(db.all).toEqual([]);
    const review = await ok(b, 'held:mine', {});
    expect(review.messages.map((m) => [m.id, m.editable, m.sentAt])).toEqual([
      [m1, false, null],
      [m4, false, null],
    ]);
    expect(await ok(a, 'held:received', { messageIds: [m1] })).toEqual({ messageIds: [] });
    // No new ones outside a pause; a note under review can still be changed or discarded.
    await refusedUnchanged(b, 'held:save', { messageId: mid(), payload: 'new' }, 'wrong_phase');
    expect(
      (await ok(b, 'held:save', { messageId: m4, payload: 'CIPHERTEXT-changed-in-review' })).message,
    ).toMatchObject({
      id: m4,
      payload: 'CIPHERTEXT-changed-in-review',
      editable: false,
      sentAt: null,
    });
    expect(await ok(b, 'held:discard', { messageId: m4 })).toEqual({ messageId: m4 });

    // Sent with the text changed in the review: it goes to A at once, and only it.
    server.clock.advance(MINUTE_MS);
    const t1 = server.clock.now();
    const sent = await ok(b, 'held:send', { messageId: m1, payload: reviewed });
    expect(sent.message).toMatchObject({
      id: m1,
      payload: reviewed,
      createdAt: t0,
      updatedAt: t1,
      sentAt: t1,
      editable: false,
    });
    expect(await da.batch(0)).toEqual([{ id: m1, authorId: bId, payload: reviewed, createdAt: t0 }]);
    // Sending again (a retried tap) changes nothing and sends nothing new.
    expect((await ok(b, 'held:send', { messageId: m1, payload: 'CIPHERTEXT-late-change' })).message).toEqual(
      sent.message,
    );
    await settle(a, b);
    expect(da.batches).toHaveLength(1);
    expect(db.all).toEqual([]);

    // Once sent, the author can no longer change or withdraw it.
    await refusedUnchanged(b, 'held:save', { messageId: m1, payload: 'too late' }, 'already_delivered');
    await refusedUnchanged(b, 'held:discard', { messageId: m1 }, 'already_delivered');
    expect((await ok(b, 'held:mine', {})).messages).toEqual([sent.message]);

    // Unconfirmed: a reconnect delivers it again, same id, right after the snapshot.
    a.close();
    const again = await reconnect(aCredential);
    expect(again.state.phase).toBe('reconnect');
    expect(again.got.all).toEqual([{ id: m1, authorId: bId, payload: reviewed, createdAt: t0 }]);

    // Confirmed: never again, and the payload is gone from the server.
    expect(await ok(again.socket, 'held:received', { messageIds: [m1, m1] })).toEqual({ messageIds: [m1] });
    expect(await ok(again.socket, 'held:received', { messageIds: [m1] })).toEqual({ messageIds: [m1] });
    again.socket.close();
    const third = await reconnect(aCredential);
    expect(third.got.all).toEqual([]);
    expect(heldRows()).toContainEqual(
      expect.objectContaining({ id: m1, payload: null, delivered_at: server.clock.now() }),
    );
    expect((await ok(b, 'held:mine', {})).messages).toEqual([]);
    await refusedUnchanged(b, 'held:save', { messageId: m1, payload: 'resurrect' }, 'already_delivered');
    await refusedUnchanged(b, 'held:discard', { messageId: m1 }, 'already_delivered');
    await refusedUnchanged(b, 'held:send', { messageId: m1 }, 'not_found');

    // A never sent m3: back to calm (B accepts closing), it still waits for A's review, and B has never had it.
    const asked = await ok(third.socket, 'pause:close', { commandId: cid(), seq: afterSeq });
    const calm = await ok(b, 'conversation:close-answer', { commandId: cid(), seq: asked.seq, answer: 'accept' });
    expect(calm.phase).toBe('calm');
    b.close();
    const bAgain = await reconnect(bCredential);
    expect(bAgain.state.phase).toBe('calm');
    expect(bAgain.got.all).toEqual([]);
    expect((await ok(third.socket, 'held:mine', {})).messages.map((m) => [m.id, m.sentAt])).toEqual([[m3, null]]);
    await ok(third.socket, 'held:send', { messageId: m3 });
    expect((await bAgain.got.batch(0)).map((m) => [m.id, m.payload])).toEqual([[m3, 'CIPHERTEXT-from-the-pauser']]);

    for (const text of [secret, edited, reviewed, 'CIPHERTEXT-to-discard', 'CIPHERTEXT-from-the-pauser']) {
      expect(logged.filter((line) => line.includes(text))).toEqual([]);
    }
    expect(logged.some((line) => line.includes('held.saved'))).toBe(true);
    expect(logged.some((line) => line.includes('held.sent'))).toBe(true);
  });

  test("another person's message id is answered exactly like an id that does not exist", async () => {
    server = await startServer();
    const one = await pair();
    const other = await linkedPair(server);
    sockets.push(other.a, other.b);
    await settle(other.a, other.b);
    await startPause(one.a);
    await startPause(other.a);
    const theirs = mid();
    await ok(one.b, 'held:save', { messageId: theirs, payload: 'CIPHERTEXT-not-yours' });
    const rowsBefore = heldRows();

    // The same answer, whoever asks (the partner, or someone in another couple), with the id swapped.
    const same = (res: unknown, id: string) => JSON.parse(JSON.stringify(res).replaceAll(id, 'ID')) as unknown;
    for (const asker of [one.a, other.a, other.b]) {
      for (const [event, payload] of [
        ['held:send', (id: string) => ({ messageId: id })],
        ['held:send', (id: string) => ({ messageId: id, payload: 'CIPHERTEXT-hijack' })],
        ['held:discard', (id: string) => ({ messageId: id })],
      ] as const) {
        const unknown = mid();
        const forTheirs = await call(asker, event, payload(theirs) as never);
        const forUnknown = await call(asker, event, payload(unknown) as never);
        expect(same(forTheirs, theirs), `${event} by another phone`).toEqual(same(forUnknown, unknown));
      }
    }
    expect(heldRows()).toEqual(rowsBefore);

    // Saving under someone else's id makes a note of one's own, exactly as a new id does; theirs is untouched.
    const fresh = mid();
    server.clock.advance(1000);
    const [forTheirs, forFresh] = [
      await call(other.b, 'held:save', { messageId: theirs, payload: 'CIPHERTEXT-mine' }),
      await call(other.b, 'held:save', { messageId: fresh, payload: 'CIPHERTEXT-mine' }),
    ];
    expect(same(forTheirs, theirs)).toEqual(same(forFresh, fresh));
    expect(heldRows()).toEqual(expect.arrayContaining(rowsBefore));
    expect((await ok(one.b, 'held:mine', {})).messages).toEqual([
      expect.objectContaining({ id: theirs, payload: 'CIPHERTEXT-not-yours' }),
    ]);
    // And the partner cannot confirm it away.
    expect(await ok(one.a, 'held:received', { messageIds: [theirs] })).toEqual({ messageIds: [] });
  });

  test('survives server restarts: held across one, waits for review across another, re-sent until confirmed', async () => {
    server = await startServer();
    const { a, b, aCredential, bCredential, bId } = await pair();
    const seq = await startPause(a);
    const m1 = mid();
    await ok(b, 'held:save', { messageId: m1, payload: 'CIPHERTEXT-before-restart' });
    a.close();
    b.close();

    await server.stop();
    server = await server.restart();
    const a1 = await reconnect(aCredential);
    const b1 = await reconnect(bCredential);
    expect(a1.got.all).toEqual([]);
    expect((await ok(b1.socket, 'held:mine', {})).messages).toEqual([
      expect.objectContaining({ id: m1, payload: 'CIPHERTEXT-before-restart', editable: true }),
    ]);
    await ok(b1.socket, 'held:save', { messageId: m1, payload: 'CIPHERTEXT-after-restart' });

    await bothReady(a1.socket, b1.socket, seq);
    for (const s of sockets) s.close();

    // Not sent when the server went down: still waiting for its author, and still not the partner's.
    await server.stop();
    server = await server.restart();
    const a2 = await reconnect(aCredential);
    const b2 = await reconnect(bCredential);
    expect(a2.got.all).toEqual([]);
    expect((await ok(b2.socket, 'held:mine', {})).messages).toEqual([
      expect.objectContaining({ id: m1, payload: 'CIPHERTEXT-after-restart', editable: false, sentAt: null }),
    ]);
    await ok(b2.socket, 'held:send', { messageId: m1 });
    expect(await a2.got.batch(0)).toEqual([
      expect.objectContaining({ id: m1, authorId: bId, payload: 'CIPHERTEXT-after-restart' }),
    ]);
    for (const s of sockets) s.close();

    // Sent but not yet confirmed when the server went down: sent again after it comes back.
    await server.stop();
    server = await server.restart();
    const a3 = await reconnect(aCredential);
    expect(a3.got.all.map((m) => [m.id, m.payload])).toEqual([[m1, 'CIPHERTEXT-after-restart']]);
    await ok(a3.socket, 'held:received', { messageIds: [m1] });
    for (const s of sockets) s.close();

    await server.stop();
    server = await server.restart();
    const a4 = await reconnect(aCredential);
    expect(a4.got.all).toEqual([]);
  });

  test('outside a pause nothing can be held', async () => {
    server = await startServer();
    const { a, b } = await pair();
    await refusedUnchanged(a, 'held:save', { messageId: mid(), payload: 'x' }, 'wrong_phase');
    await refusedUnchanged(b, 'held:save', { messageId: mid(), payload: 'x' }, 'wrong_phase');
    expect(await ok(a, 'held:discard', { messageId: mid() })).toEqual({ messageId: expect.any(String) });
    expect(await ok(a, 'held:mine', {})).toEqual({ messages: [] });
    expect(heldRows()).toEqual([]);
  });

  test('an unlinked phone cannot hold messages', async () => {
    server = await startServer();
    const lone = connectClient(server.url);
    sockets.push(lone);
    await connected(lone);
    for (const [event, payload] of [
      ['held:save', { messageId: mid(), payload: 'x' }],
      ['held:discard', { messageId: mid() }],
      ['held:send', { messageId: mid() }],
      ['held:mine', {}],
      ['held:received', { messageIds: [mid()] }],
    ] as const) {
      expect(await call(lone, event, payload as never)).toEqual({ error: { code: 'not_linked' } });
    }
  });

  test(`at most ${HELD_MAX_PER_PAUSE} held messages per person per pause`, async () => {
    server = await startServer();
    const { a, b } = await pair();
    await startPause(a);
    const ids = Array.from({ length: HELD_MAX_PER_PAUSE }, mid);
    for (const id of ids) await ok(b, 'held:save', { messageId: id, payload: 'x' });
    await refusedUnchanged(b, 'held:save', { messageId: mid(), payload: 'one too many' }, 'over_limit');
    // Editing is not a new message; the partner has a limit of their own.
    await ok(b, 'held:save', { messageId: ids[0]!, payload: 'edited' });
    await ok(a, 'held:save', { messageId: mid(), payload: 'mine' });
    await ok(b, 'held:discard', { messageId: ids[1]! });
    await ok(b, 'held:save', { messageId: mid(), payload: 'room again' });
    expect((await ok(b, 'held:mine', {})).messages).toHaveLength(HELD_MAX_PER_PAUSE);
  });

  test('malformed held:* payloads are refused and change nothing', async () => {
    server = await startServer();
    const { a, b } = await pair();
    await startPause(a);
    const m1 = mid();
    await ok(b, 'held:save', { messageId: m1, payload: 'kept' });
    const raw = b as unknown as {
      timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
    };
    const cases: Array<[string, unknown]> = [
      ['held:save', { messageId: m1, payload: 'x'.repeat(HELD_PAYLOAD_MAX + 1) }],
      ['held:save', { messageId: m1, payload: '' }],
      ['held:save', { messageId: m1, payload: 42 }],
      ['held:save', { messageId: m1 }],
      ['held:save', { messageId: 'short', payload: 'x' }],
      ['held:save', { messageId: 'has spaces in it', payload: 'x' }],
      ['held:save', { messageId: m1, payload: 'x', pauseId: 'p' }],
      ['held:save', { messageId: m1, payload: 'x', authorId: 'someone' }],
      ['held:discard', {}],
      ['held:discard', { messageId: [m1] }],
      ['held:send', {}],
      ['held:send', { messageId: m1, payload: '' }],
      ['held:send', { messageId: m1, payload: 'x'.repeat(HELD_PAYLOAD_MAX + 1) }],
      ['held:send', { messageId: m1, to: 'someone' }],
      ['held:mine', { all: true }],
      ['held:received', { messageIds: [] }],
      ['held:received', { messageIds: m1 }],
      ['held:received', { messageIds: Array.from({ length: 201 }, mid) }],
      ['held:received', { messageIds: ['../../etc'] }],
    ];
    const before = heldRows();
    for (const [event, payload] of cases) {
      const res = await raw.timeout(5000).emitWithAck(event, payload);
      expect(res, `${event} ${JSON.stringify(payload).slice(0, 80)}`).toEqual({
        error: { code: 'bad_request' },
      });
    }
    expect(heldRows()).toEqual(before);
    // At the limit exactly is fine.
    await ok(b, 'held:save', { messageId: m1, payload: 'y'.repeat(HELD_PAYLOAD_MAX) });
  });

  test('a note sent, or still under review, from an earlier pause waits out a new pause', async () => {
    server = await startServer();
    const { a, b, da, aCredential } = await pair();
    const m1 = mid();
    const m2 = mid();
    const seq = await startPause(a);
    await ok(b, 'held:save', { messageId: m1, payload: 'from the first pause' });
    await ok(b, 'held:save', { messageId: m2, payload: 'still under review' });
    const reconnectSeq = await bothReady(a, b, seq);
    await ok(b, 'held:send', { messageId: m1 });
    expect((await da.batch(0)).map((m) => m.id)).toEqual([m1]);
    const asked = await ok(a, 'pause:close', { commandId: cid(), seq: reconnectSeq });
    const calm = await ok(b, 'conversation:close-answer', { commandId: cid(), seq: asked.seq, answer: 'accept' });

    // A new pause before A's phone confirmed: held again, and not B's to edit any more.
    const seq2 = (await ok(b, 'pause:start', { commandId: cid(), minutes: 20 })).seq;
    expect(seq2).toBe(calm.seq + 1);
    await refusedUnchanged(b, 'held:save', { messageId: m1, payload: 'changed my mind' }, 'already_delivered');
    await refusedUnchanged(b, 'held:discard', { messageId: m1 }, 'already_delivered');
    // The note still under review is B's to decide on; sending it now waits for the break to end.
    await ok(b, 'held:send', { messageId: m2 });
    a.close();
    const during = await reconnect(aCredential);
    expect(during.state.phase).toBe('paused');
    expect(during.got.all).toEqual([]);
    // Its confirmation still counts: it was already sent.
    expect(await ok(during.socket, 'held:received', { messageIds: [m1] })).toEqual({ messageIds: [m1] });

    await bothReady(during.socket, b, seq2);
    expect((await during.got.batch(0)).map((m) => m.id)).toEqual([m2]);
  });

  test('unpairing removes held messages with the couple', async () => {
    server = await startServer();
    const { a, b } = await pair();
    await startPause(a);
    await ok(b, 'held:save', { messageId: mid(), payload: 'x' });
    expect(heldRows()).toHaveLength(1);
    await ok(a, 'couple:unpair', {});
    expect(heldRows()).toEqual([]);
  });

  test('an older database keeps every note: those of a running pause stay held, released ones count as sent', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'breather-held-migrate-'));
    const old = new Database(join(dataDir, 'breather.db'));
    const version = migrations.findIndex((m) => m.includes('held_messages_v2'));
    for (const m of migrations.slice(0, version)) old.exec(m);
    old.pragma(`user_version = ${version}`);
    const couple = (id: string, state: object) =>
      old
        .prepare('INSERT INTO couples (id, created_at, seq, state) VALUES (?, 1, 1, ?)')
        .run(id, JSON.stringify(state));
    couple('c-paused', { phase: 'paused', pause: { id: 'p-now' } });
    couple('c-calm', { phase: 'calm', pause: null });
    const row = old.prepare(
      'INSERT INTO held_messages (id, couple_id, author_id, pause_id, payload, created_at, updated_at, delivered_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
    );
    row.run('msg-held-now', 'c-paused', 'dev-a', 'p-now', 'CIPHERTEXT-1', 2, null);
    row.run('msg-released', 'c-paused', 'dev-a', 'p-before', 'CIPHERTEXT-2', 3, null);
    row.run('msg-delivered', 'c-calm', 'dev-b', 'p-old', null, 4, 9);
    old.close();

    server = await startServer({ dataDir });
    expect(heldRows()).toEqual([
      expect.objectContaining({ id: 'msg-held-now', payload: 'CIPHERTEXT-1', sent_at: null, delivered_at: null }),
      expect.objectContaining({ id: 'msg-released', payload: 'CIPHERTEXT-2', sent_at: 3, delivered_at: null }),
      expect.objectContaining({ id: 'msg-delivered', payload: null, sent_at: 9, delivered_at: 9 }),
    ]);
  });
});
