import { afterEach, describe, expect, test } from 'vitest';
import { ackErrorSchema } from '../../shared/contracts/error-schema.js';
import type { ErrorCode } from '../../shared/contracts/errors.js';
import type { ClientEventName, ClientPayload } from '../../shared/contracts/events.js';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { MINUTE_MS } from '../../shared/pause/limits.js';
import { viewPhase } from '../../shared/pause/machine.js';
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
import { record, settle } from '../support/record.js';

let server: TestServer;
const sockets: TestSocket[] = [];

afterEach(() => tearDown(sockets, server));

const nextId = sequentialIds();
const cid = () => nextId('pause');

/**
 * Two linked phones with recorders attached. A `state:get` round trip on each first, so the
 * join broadcast (sent before it on the same connection) is behind us.
 */
async function pair() {
  const p = await linkedPair(server);
  sockets.push(p.a, p.b);
  const initial = await ok(p.a, 'state:get', {});
  await ok(p.b, 'state:get', {});
  const ra = record(p.a);
  const rb = record(p.b);
  return { ...p, ra, rb, initial, aId: p.invite.deviceId, bId: p.joined.deviceId };
}

/** Sends a command that must be refused with `code`; the stored state must be exactly as before. */
async function refusedUnchanged<E extends ClientEventName>(
  observer: TestSocket,
  sender: TestSocket,
  event: E,
  payload: ClientPayload<E>,
  code: ErrorCode,
): Promise<void> {
  const before = await ok(observer, 'state:get', {});
  const res = await call(sender, event, payload);
  // A code (and numbers where the wording needs them), in the shape the wire allows.
  expect(ackErrorSchema.parse(res).error.code).toBe(code);
  const after = await ok(observer, 'state:get', {});
  expect(after).toEqual(before);
}

describe('pause over the wire', () => {
  test('pause: the partner receives the pause; default 20 minutes', async () => {
    server = await startServer();
    const { a, b, rb, aId, initial } = await pair();
    const now = server.clock.now();
    const ack = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    expect(ack.phase).toBe('paused');
    expect(ack.seq).toBe(initial.seq + 1);
    expect(ack.pause).toMatchObject({ startedAt: now, endsAt: now + 20 * MINUTE_MS, ready: [] });
    expect(ack.pause!.pausers).toEqual([
      { deviceId: aId, startedAt: now, endsAt: now + 20 * MINUTE_MS, reassurance: expect.any(String) },
    ]);

    const seen = await rb.seq(ack.seq);
    expect(seen.phase).toBe('paused');
    expect(seen.pause).toEqual(ack.pause);
    expect(viewPhase(seen, now)).toBe('paused');
    expect(await ok(b, 'state:get', {})).toEqual(ack);
  });

  test('extend, then end early: each reaches the partner', async () => {
    server = await startServer();
    const { a, b, rb, aId } = await pair();
    const t0 = server.clock.now();
    const started = await ok(a, 'pause:start', { commandId: cid(), minutes: 30 });

    server.clock.advance(10 * MINUTE_MS);
    const extended = await ok(a, 'pause:extend', { commandId: cid(), seq: started.seq, minutes: 60 });
    expect(extended.seq).toBe(started.seq + 1);
    expect(extended.pause!.endsAt).toBe(t0 + 90 * MINUTE_MS);
    expect(extended.pause!.id).toBe(started.pause!.id);
    expect((await rb.seq(extended.seq)).pause!.endsAt).toBe(t0 + 90 * MINUTE_MS);

    expect(extended.pause!.pausers[0]!.extended).toEqual({ at: t0 + 10 * MINUTE_MS, addedMs: 60 * MINUTE_MS });

    server.clock.advance(5 * MINUTE_MS);
    // Before 20 minutes, "I'm calm now" needs a fresh rating of 4 or less.
    await refusedUnchanged(b, a, 'pause:end', { commandId: cid(), seq: extended.seq }, 'not_time_yet');
    await refusedUnchanged(b, a, 'pause:end', { commandId: cid(), seq: extended.seq, rating: 6 }, 'not_time_yet');
    await refusedUnchanged(b, a, 'pause:end', { commandId: cid(), seq: extended.seq, rating: 4.5 }, 'bad_request');
    const ended = await ok(a, 'pause:end', { commandId: cid(), seq: extended.seq, rating: 3 });
    const endedAt = t0 + 15 * MINUTE_MS;
    expect(ended.pause!.endsAt).toBe(endedAt);
    expect(ended.phase).toBe('paused');
    const seen = await rb.seq(ended.seq);
    expect(seen.pause!.endsAt).toBe(endedAt);
    // The partner's phone learns why it ended: the pauser feels calm and is ready.
    expect(seen.pause!.pausers[0]!.endedEarlyAt).toBe(endedAt);
    expect(seen.pause!.ready).toEqual([aId]);
    expect(viewPhase(seen, seen.serverNow)).toBe('checkin');
  });

  test('both pause: one pause, the later deadline is shared, both shown as pausing', async () => {
    server = await startServer();
    const { a, b, ra, rb, aId, bId } = await pair();
    const t0 = server.clock.now();
    const first = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    await rb.seq(first.seq);

    server.clock.advance(5 * MINUTE_MS);
    const second = await ok(b, 'pause:start', { commandId: cid(), minutes: 60 });
    expect(second.pause!.id).toBe(first.pause!.id);
    expect(second.pause!.endsAt).toBe(t0 + 65 * MINUTE_MS);
    expect(second.pause!.pausers.map((p) => [p.deviceId, p.endsAt])).toEqual([
      [aId, t0 + 20 * MINUTE_MS],
      [bId, t0 + 65 * MINUTE_MS],
    ]);
    expect(await ra.seq(second.seq)).toEqual(second);

    // A's own time is up but B is still pausing: still paused for both.
    server.clock.advance(20 * MINUTE_MS);
    const mid = await ok(a, 'state:get', {});
    expect(viewPhase(mid, mid.serverNow)).toBe('paused');
    await refusedUnchanged(a, a, 'pause:ready', { commandId: cid(), seq: mid.seq }, 'not_time_yet');
  });

  test('time up → ready by both → reconnect → close → calm, each broadcast with a rising seq', async () => {
    server = await startServer();
    const { a, b, ra, rb, aId, bId, initial } = await pair();
    const started = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    await rb.seq(started.seq);

    // Time is derived from endsAt when read: nothing is sent when it passes.
    server.clock.advance(20 * MINUTE_MS);
    const up = await ok(b, 'state:get', {});
    expect(up.phase).toBe('paused');
    expect(up.seq).toBe(started.seq);
    expect(viewPhase(up, up.serverNow)).toBe('checkin');

    const aReady = await ok(a, 'pause:ready', { commandId: cid(), seq: up.seq });
    expect(aReady.phase).toBe('paused');
    expect(aReady.pause!.ready).toEqual([aId]);
    expect(await rb.seq(aReady.seq)).toEqual(aReady);

    const bReady = await ok(b, 'pause:ready', { commandId: cid(), seq: aReady.seq });
    expect(bReady.phase).toBe('reconnect');
    expect(bReady.pause!.ready).toEqual([aId, bId]);
    expect(await ra.seq(bReady.seq)).toEqual(bReady);

    // "Without talking" is a request; the other accepting it brings both back to normal.
    const asked = await ok(b, 'pause:close', { commandId: cid(), seq: bReady.seq });
    expect(asked.phase).toBe('reconnect');
    expect(asked.conversation!.closeRequest).toEqual({ by: bId, at: server.clock.now() });
    expect(await ra.seq(asked.seq)).toEqual(asked);
    const closed = await ok(a, 'conversation:close-answer', { commandId: cid(), seq: asked.seq, answer: 'accept' });
    expect(closed.phase).toBe('calm');
    expect(closed.pause).toBeNull();
    expect(await rb.seq(closed.seq)).toEqual(closed);

    await settle(a, b);
    // A saw B's moves, B saw A's; together every seq from the start to the end, once each, in order.
    expect(ra.seen.map((s) => s.seq)).toEqual([bReady.seq, asked.seq]);
    expect(rb.seen.map((s) => s.seq)).toEqual([started.seq, aReady.seq, closed.seq]);
    expect([started.seq, aReady.seq, bReady.seq, asked.seq, closed.seq]).toEqual(
      [1, 2, 3, 4, 5].map((n) => initial.seq + n),
    );
    expect(await ok(a, 'state:get', {})).toEqual(closed);
  });

  test('"I need more time" once the time is up: anyone may extend, ready is cleared', async () => {
    server = await startServer();
    const { a, b, ra, aId } = await pair();
    const started = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    server.clock.advance(25 * MINUTE_MS);
    const aReady = await ok(a, 'pause:ready', { commandId: cid(), seq: started.seq });
    expect(aReady.pause!.ready).toEqual([aId]);
    const more = await ok(b, 'pause:extend', { commandId: cid(), seq: aReady.seq, minutes: 60 });
    expect(more.pause!.ready).toEqual([]);
    expect(more.pause!.endsAt).toBe(server.clock.now() + 60 * MINUTE_MS);
    expect(viewPhase(more, more.serverNow)).toBe('paused');
    expect(await ra.seq(more.seq)).toEqual(more);
  });

  test('a repeated commandId is applied once: same seq, no second broadcast', async () => {
    server = await startServer();
    const { a, b, rb } = await pair();
    const commandId = cid();
    const first = await ok(a, 'pause:start', { commandId, minutes: 20 });
    await rb.seq(first.seq);
    server.clock.advance(MINUTE_MS);
    const again = await ok(a, 'pause:start', { commandId, minutes: 60 });
    expect(again.seq).toBe(first.seq);
    expect(again.pause).toEqual(first.pause);

    const extendId = cid();
    const ext = await ok(a, 'pause:extend', { commandId: extendId, seq: first.seq, minutes: 20 });
    // The retry still carries the old seq: it is answered as applied, not refused as stale.
    const extAgain = await ok(a, 'pause:extend', { commandId: extendId, seq: first.seq, minutes: 20 });
    expect(extAgain.seq).toBe(ext.seq);
    expect(extAgain.pause!.endsAt).toBe(first.pause!.endsAt + 20 * MINUTE_MS);

    await settle(a, b);
    expect(rb.seen.map((s) => s.seq)).toEqual([first.seq, ext.seq]);
    expect((await ok(b, 'state:get', {})).seq).toBe(ext.seq);
  });

  test('every transition broadcast carries an increasing seq, and the sender’s ack matches', async () => {
    server = await startServer();
    const { a, b, rb } = await pair();
    const acks: CoupleSnapshot[] = [];
    acks.push(await ok(a, 'pause:start', { commandId: cid(), minutes: 20 }));
    acks.push(await ok(a, 'pause:extend', { commandId: cid(), seq: acks.at(-1)!.seq, minutes: 20 }));
    acks.push(await ok(a, 'pause:extend', { commandId: cid(), seq: acks.at(-1)!.seq, minutes: 60 }));
    acks.push(await ok(a, 'pause:extend', { commandId: cid(), seq: acks.at(-1)!.seq, minutes: 360 }));
    acks.push(await ok(a, 'pause:end', { commandId: cid(), seq: acks.at(-1)!.seq, rating: 2 }));
    acks.push(await ok(a, 'pause:start', { commandId: cid(), minutes: 30 }));
    await settle(a, b);
    const seqs = rb.seen.map((s) => s.seq);
    expect(seqs).toEqual(acks.map((s) => s.seq));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
    expect(rb.seen).toEqual(acks);
  });
});

describe('concurrent taps', () => {
  test('both tap "pause" at the same moment: one pause, both pausing, seq moves by two', async () => {
    server = await startServer();
    const { a, b, aId, bId, initial } = await pair();
    const [onA, onB] = await Promise.all([
      ok(a, 'pause:start', { commandId: cid(), minutes: 20 }),
      ok(b, 'pause:start', { commandId: cid(), minutes: 60 }),
    ]);
    expect([onA.seq, onB.seq].sort()).toEqual([initial.seq + 1, initial.seq + 2]);
    const final = await ok(a, 'state:get', {});
    expect(final.seq).toBe(initial.seq + 2);
    expect(final.pause!.pausers.map((p) => p.deviceId).sort()).toEqual([aId, bId].sort());
    expect(final.pause!.endsAt).toBe(server.clock.now() + 60 * MINUTE_MS);
    expect(final.pause!.id).toBe((onA.seq < onB.seq ? onA : onB).pause!.id);
  });

  test('the same command sent twice at once is applied once', async () => {
    server = await startServer();
    const { a, b, rb, initial } = await pair();
    const commandId = cid();
    const [one, two] = await Promise.all([
      ok(a, 'pause:start', { commandId, minutes: 20 }),
      ok(a, 'pause:start', { commandId, minutes: 20 }),
    ]);
    expect(one.seq).toBe(initial.seq + 1);
    expect(two.seq).toBe(initial.seq + 1);
    await settle(a, b);
    expect(rb.seen.map((s) => s.seq)).toEqual([initial.seq + 1]);
    expect((await ok(b, 'state:get', {})).seq).toBe(initial.seq + 1);
  });
});

describe('refusals change nothing', () => {
  test('not_your_pause: the partner cannot end or extend someone else’s pause', async () => {
    server = await startServer();
    const { a, b } = await pair();
    const s = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    server.clock.advance(MINUTE_MS);
    await refusedUnchanged(a, b, 'pause:end', { commandId: cid(), seq: s.seq }, 'not_your_pause');
    await refusedUnchanged(a, b, 'pause:extend', { commandId: cid(), seq: s.seq, minutes: 20 }, 'not_your_pause');
  });

  test('over_limit: past 24 h in all from the pause start', async () => {
    server = await startServer();
    const { a, b } = await pair();
    const s = await ok(a, 'pause:start', { commandId: cid(), minutes: 23 * 60 });
    server.clock.advance(MINUTE_MS);
    await refusedUnchanged(b, a, 'pause:extend', { commandId: cid(), seq: s.seq, minutes: 120 }, 'over_limit');
    const atLimit = await ok(a, 'pause:extend', { commandId: cid(), seq: s.seq, minutes: 60 });
    expect(atLimit.pause!.endsAt).toBe(s.pause!.startedAt + 24 * 60 * MINUTE_MS);
    await refusedUnchanged(b, a, 'pause:extend', { commandId: cid(), seq: atLimit.seq, minutes: 20 }, 'over_limit');
    await refusedUnchanged(a, b, 'pause:start', { commandId: cid(), minutes: 24 * 60 }, 'over_limit');
  });

  test('not_linked: a phone that never linked, and one whose couple was unpaired', async () => {
    server = await startServer();
    const { a, b } = await pair();
    const stranger = connectClient(server.url);
    sockets.push(stranger);
    await connected(stranger);
    await refusedUnchanged(a, stranger, 'pause:start', { commandId: cid(), minutes: 20 }, 'not_linked');
    await refusedUnchanged(a, stranger, 'pause:end', { commandId: cid(), seq: 0 }, 'not_linked');

    const s = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    expect(s.phase).toBe('paused');
    await ok(b, 'couple:unpair', {});
    const again = connectClient(server.url);
    sockets.push(again);
    await connected(again);
    expect(await call(again, 'pause:start', { commandId: cid(), minutes: 20 })).toEqual({
      error: { code: 'not_linked' },
    });
    expect(await call(again, 'state:get', {})).toMatchObject({ error: { code: 'not_linked' } });
  });

  test('partner_missing: a lone device waiting for its partner cannot pause', async () => {
    server = await startServer();
    const lone = connectClient(server.url);
    sockets.push(lone);
    await connected(lone);
    await ok(lone, 'invite:create', { name: 'Alex' });
    await refusedUnchanged(lone, lone, 'pause:start', { commandId: cid(), minutes: 20 }, 'partner_missing');
    const after = await ok(lone, 'state:get', {});
    expect(after.phase).toBe('calm');
    expect(after.pause).toBeNull();
  });

  test('stale_seq: a command sent against an old state', async () => {
    server = await startServer();
    const { a, b } = await pair();
    const s = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    const ext = await ok(a, 'pause:extend', { commandId: cid(), seq: s.seq, minutes: 20 });
    await refusedUnchanged(b, a, 'pause:extend', { commandId: cid(), seq: s.seq, minutes: 20 }, 'stale_seq');
    await refusedUnchanged(b, a, 'pause:end', { commandId: cid(), seq: s.seq }, 'stale_seq');
    await refusedUnchanged(b, a, 'pause:end', { commandId: cid(), seq: ext.seq + 1 }, 'stale_seq');
  });

  test('not_time_yet: ready before the time is up, by either', async () => {
    server = await startServer();
    const { a, b } = await pair();
    const s = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    server.clock.advance(20 * MINUTE_MS - 1);
    await refusedUnchanged(b, a, 'pause:ready', { commandId: cid(), seq: s.seq }, 'not_time_yet');
    await refusedUnchanged(a, b, 'pause:ready', { commandId: cid(), seq: s.seq }, 'not_time_yet');
    server.clock.advance(1);
    expect((await ok(b, 'pause:ready', { commandId: cid(), seq: s.seq })).pause!.ready).toHaveLength(1);
  });

  test('wrong_phase: back to normal only from the reconnect', async () => {
    server = await startServer();
    const { a, b, initial } = await pair();
    await refusedUnchanged(b, a, 'pause:close', { commandId: cid(), seq: initial.seq }, 'wrong_phase');
    const s = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    await refusedUnchanged(b, a, 'pause:close', { commandId: cid(), seq: s.seq }, 'wrong_phase');
    server.clock.advance(20 * MINUTE_MS);
    await refusedUnchanged(a, b, 'pause:close', { commandId: cid(), seq: s.seq }, 'wrong_phase');
  });

  test('already_pausing and no_pause', async () => {
    server = await startServer();
    const { a, b, initial } = await pair();
    await refusedUnchanged(b, a, 'pause:end', { commandId: cid(), seq: initial.seq }, 'no_pause');
    await refusedUnchanged(b, a, 'pause:extend', { commandId: cid(), seq: initial.seq, minutes: 20 }, 'no_pause');
    await refusedUnchanged(b, a, 'pause:ready', { commandId: cid(), seq: initial.seq }, 'no_pause');
    await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    await refusedUnchanged(b, a, 'pause:start', { commandId: cid(), minutes: 20 }, 'already_pausing');
  });

  test('lengths outside 20 min–24 h and extensions off the ladder are bad requests', async () => {
    server = await startServer();
    const { a, b } = await pair();
    await refusedUnchanged(b, a, 'pause:start', { commandId: cid(), minutes: 10 }, 'bad_request');
    await refusedUnchanged(b, a, 'pause:start', { commandId: cid(), minutes: 19 }, 'bad_request');
    await refusedUnchanged(b, a, 'pause:start', { commandId: cid(), minutes: 24 * 60 + 1 }, 'bad_request');
    const s = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    await refusedUnchanged(b, a, 'pause:extend', { commandId: cid(), seq: s.seq, minutes: 30 as never }, 'bad_request');
    await refusedUnchanged(b, a, 'pause:extend', { commandId: cid(), seq: s.seq, until: -5 }, 'bad_request');
    await refusedUnchanged(
      b,
      a,
      'pause:extend',
      { commandId: cid(), seq: s.seq, minutes: 20, until: s.serverNow + 1 } as never,
      'bad_request',
    );
    // Past the day's cap.
    const res = await a.emitWithAck('pause:extend', {
      commandId: cid(),
      seq: s.seq,
      until: s.pause!.startedAt + 24 * 60 * MINUTE_MS + 1,
    });
    // The refusal carries the latest time allowed, for the phone to word.
    expect(res).toEqual({
      error: { code: 'over_limit', params: { latest: s.pause!.startedAt + 24 * 60 * MINUTE_MS } },
    });
  });

  test('the partner’s phone acknowledges showing the message: no text, no time, once', async () => {
    server = await startServer();
    const { a, b, ra, bId } = await pair();
    const s = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    await refusedUnchanged(
      a,
      b,
      'pause:shown',
      { commandId: cid(), pauseId: s.pause!.id, text: 'x' } as never,
      'bad_request',
    );
    const shown = await ok(b, 'pause:shown', { commandId: cid(), pauseId: s.pause!.id });
    expect(shown.pause!.shownBy).toEqual([bId]);
    expect(await ra.seq(shown.seq)).toEqual(shown);
    const again = await ok(b, 'pause:shown', { commandId: cid(), pauseId: s.pause!.id });
    expect(again.seq).toBe(shown.seq);
  });
});

describe('reconnect', () => {
  test('on a reconnect the phone receives the full couple:state snapshot, including what it missed', async () => {
    server = await startServer();
    const { a, b, bCredential } = await pair();
    const s = await ok(a, 'pause:start', { commandId: cid(), minutes: 20 });
    b.close();

    const ext = await ok(a, 'pause:extend', { commandId: cid(), seq: s.seq, minutes: 60 });
    const b2 = connectClient(server.url, bCredential);
    sockets.push(b2);
    const [snapshot] = await nextEvent(b2, 'couple:state');
    expect(snapshot).toEqual(ext);
    expect(snapshot.phase).toBe('paused');
    expect(snapshot.devices).toHaveLength(2);
    expect(snapshot.pause!.endsAt).toBe(s.pause!.endsAt + 60 * MINUTE_MS);

    // And it can act on it at once, with the seq from the snapshot.
    server.clock.advance(2 * 60 * MINUTE_MS);
    const ready = await ok(b2, 'pause:ready', { commandId: cid(), seq: snapshot.seq });
    expect(ready.seq).toBe(snapshot.seq + 1);
  });
});
