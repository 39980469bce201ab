import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
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
  expect(res).toEqual({ error: { code, message: expect.any(String) } });
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
  test('held during the pause, edited and discarded by the author, delivered once when the couple reconnects', async () => {
    const logged: string[] = [];
    // Many moves from one address (closing now takes both); the limits have their own tests.
    server = await startServer({ config: { eventLimits: null }, log: jsonLogger((line) => logged.push(line)) });
    const { a, b, da, db, aId, bId, aCredential, bCredential } = await pair();
    const seq = await startPause(a);
    const secret = 'CIPHERTEXT-first-draft-6f1c';
    const edited = 'CIPHERTEXT-second-draft-9a2e';

    const m1 = mid();
    const m2 = mid();
    const m3 = mid();
    const t0 = server.clock.now();
    const saved = await ok(b, 'held:save', { messageId: m1, payload: secret });
    expect(saved.message).toEqual({ id: m1, pauseId: expect.any(String), payload: secret, createdAt: t0, updatedAt: t0, editable: true });
    await ok(b, 'held:save', { messageId: m2, payload: 'CIPHERTEXT-to-discard' });
    await ok(a, 'held:save', { messageId: m3, payload: 'CIPHERTEXT-from-the-pauser' });

    server.clock.advance(MINUTE_MS);
    const edit = await ok(b, 'held:save', { messageId: m1, payload: edited });
    expect(edit.message).toMatchObject({ id: m1, payload: edited, createdAt: t0, updatedAt: t0 + MINUTE_MS, editable: true });
    // A retried save (same id, same text) is an edit, not a second message.
    await ok(b, 'held:save', { messageId: m1, payload: edited });
    expect(await ok(b, 'held:discard', { messageId: m2 })).toEqual({ messageId: m2 });
    // Discarding again (a retried tap) is fine: it is gone.
    expect(await ok(b, 'held:discard', { messageId: m2 })).toEqual({ messageId: m2 });

    const mineB = await ok(b, 'held:mine', {});
    expect(mineB.messages).toEqual([{ ...edit.message }]);
    const mineA = await ok(a, 'held:mine', {});
    expect(mineA.messages.map((m) => m.id)).toEqual([m3]);

    // Someone else's message cannot be changed, discarded or confirmed while held.
    await refusedUnchanged(a, 'held:save', { messageId: m1, payload: 'hijack' }, 'not_yours');
    await refusedUnchanged(a, 'held:discard', { messageId: m1 }, 'not_yours');
    expect(await ok(a, 'held:received', { messageIds: [m1] })).toEqual({ messageIds: [] });

    // Nothing reaches anyone during the pause, including after the time is up (check-in).
    await settle(a, b);
    expect(da.all).toEqual([]);
    expect(db.all).toEqual([]);

    const afterSeq = await bothReady(a, b, seq);
    const [toA, toB] = await Promise.all([da.batch(0), db.batch(0)]);
    expect(toA).toEqual([{ id: m1, authorId: bId, payload: edited, createdAt: t0 }]);
    expect(toB).toEqual([{ id: m3, authorId: aId, payload: 'CIPHERTEXT-from-the-pauser', createdAt: t0 }]);
    await settle(a, b);
    expect(da.batches).toHaveLength(1);
    expect(db.batches).toHaveLength(1);

    // Once released, the author can no longer change or withdraw it; no new ones outside a pause.
    await refusedUnchanged(b, 'held:save', { messageId: m1, payload: 'too late' }, 'already_delivered');
    await refusedUnchanged(b, 'held:discard', { messageId: m1 }, 'already_delivered');
    await refusedUnchanged(b, 'held:save', { messageId: mid(), payload: 'new' }, 'wrong_phase');
    expect((await ok(b, 'held:mine', {})).messages).toEqual([{ ...edit.message, editable: false }]);

    // Unconfirmed: a reconnect delivers it again, same id, right after the snapshot.
    a.close();
    const again = await reconnect(aCredential);
    expect(again.state.phase).toBe('reconnect');
    expect(again.got.all).toEqual([{ id: m1, authorId: bId, payload: edited, createdAt: t0 }]);

    // Confirmed: never again, and the payload is gone from the server.
    expect(await ok(again.socket, 'held:received', { messageIds: [m1, m1] })).toEqual({ messageIds: [m1] });
    expect(await ok(again.socket, 'held:received', { messageIds: [m1] })).toEqual({ messageIds: [m1] });
    again.socket.close();
    const third = await reconnect(aCredential);
    expect(third.got.all).toEqual([]);
    expect(heldRows()).toContainEqual(expect.objectContaining({ id: m1, payload: null, delivered_at: server.clock.now() }));
    expect((await ok(b, 'held:mine', {})).messages).toEqual([]);
    await refusedUnchanged(b, 'held:save', { messageId: m1, payload: 'resurrect' }, 'already_delivered');
    await refusedUnchanged(b, 'held:discard', { messageId: m1 }, 'already_delivered');

    // B never confirmed m3: back to calm, a reconnect still brings it.
    const asked = await ok(third.socket, 'pause:close', { commandId: cid(), seq: afterSeq });
    const calm = await ok(b, 'talk:close-answer', { commandId: cid(), seq: asked.seq, answer: 'accept' });
    expect(calm.phase).toBe('calm');
    b.close();
    const bAgain = await reconnect(bCredential);
    expect(bAgain.state.phase).toBe('calm');
    expect(bAgain.got.all.map((m) => m.id)).toEqual([m3]);

    for (const text of [secret, edited, 'CIPHERTEXT-to-discard', 'CIPHERTEXT-from-the-pauser']) {
      expect(logged.filter((line) => line.includes(text))).toEqual([]);
    }
    expect(logged.some((line) => line.includes('held.saved'))).toBe(true);
  });

  test('survives server restarts: held across one, re-sent after another until confirmed', async () => {
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
    expect(await a1.got.batch(0)).toEqual([expect.objectContaining({ id: m1, authorId: bId, payload: 'CIPHERTEXT-after-restart' })]);
    for (const s of sockets) s.close();

    // Not yet confirmed when the server went down: sent again after it comes back.
    await server.stop();
    server = await server.restart();
    const a2 = await reconnect(aCredential);
    expect(a2.got.all.map((m) => [m.id, m.payload])).toEqual([[m1, 'CIPHERTEXT-after-restart']]);
    await ok(a2.socket, 'held:received', { messageIds: [m1] });
    for (const s of sockets) s.close();

    await server.stop();
    server = await server.restart();
    const a3 = await reconnect(aCredential);
    expect(a3.got.all).toEqual([]);
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
      ['held:mine', {}],
      ['held:received', { messageIds: [mid()] }],
    ] as const) {
      expect(await call(lone, event, payload as never)).toEqual({ error: { code: 'not_linked', message: expect.any(String) } });
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
    const raw = b as unknown as { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> } };
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
        error: { code: 'bad_request', message: expect.any(String) },
      });
    }
    expect(heldRows()).toEqual(before);
    // At the limit exactly is fine.
    await ok(b, 'held:save', { messageId: m1, payload: 'y'.repeat(HELD_PAYLOAD_MAX) });
  });

  test('a message left unconfirmed from an earlier pause waits out a new pause', async () => {
    server = await startServer();
    const { a, b, da, aCredential } = await pair();
    const m1 = mid();
    const seq = await startPause(a);
    await ok(b, 'held:save', { messageId: m1, payload: 'from the first pause' });
    const reconnectSeq = await bothReady(a, b, seq);
    expect((await da.batch(0)).map((m) => m.id)).toEqual([m1]);
    const asked = await ok(a, 'pause:close', { commandId: cid(), seq: reconnectSeq });
    const calm = await ok(b, 'talk:close-answer', { commandId: cid(), seq: asked.seq, answer: 'accept' });

    // A new pause before A's phone confirmed: held again, and not B's to edit any more.
    const seq2 = (await ok(b, 'pause:start', { commandId: cid(), minutes: 20 })).seq;
    expect(seq2).toBe(calm.seq + 1);
    await refusedUnchanged(b, 'held:save', { messageId: m1, payload: 'changed my mind' }, 'already_delivered');
    await refusedUnchanged(b, 'held:discard', { messageId: m1 }, 'already_delivered');
    a.close();
    const during = await reconnect(aCredential);
    expect(during.state.phase).toBe('paused');
    expect(during.got.all).toEqual([]);
    // Its confirmation still counts: it was already sent.
    expect(await ok(during.socket, 'held:received', { messageIds: [m1] })).toEqual({ messageIds: [m1] });

    await bothReady(during.socket, b, seq2);
    await settle(during.socket);
    expect(during.got.all).toEqual([]);
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
});
