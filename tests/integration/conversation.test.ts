import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import type { ErrorCode } from '../../shared/contracts/errors.js';
import { CONVERSATION_PAYLOAD_MAX, type ClientEventName, type ClientPayload } from '../../shared/contracts/events.js';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { jsonLogger } from '../../server/log.js';
import { MINUTE_MS } from '../../shared/pause/limits.js';
import { conversationSummary, type ConversationState } from '../../shared/conversation/machine.js';

/** Both phones step through the conversation far faster than people do: past the per-connection event limit. */
const UNLIMITED = { config: { eventLimits: null } };
import {
  call,
  closeSockets,
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
import { record, type Recorder } from '../support/record.js';

let server: TestServer;
const sockets: TestSocket[] = [];

afterEach(() => tearDown(sockets, server));

const nextId = sequentialIds();
const cid = () => nextId('conversation');

function conv(s: CoupleSnapshot): ConversationState {
  if (!s.conversation) throw new Error(`no conversation at seq ${s.seq}`);
  return s.conversation;
}

/**
 * Two linked phones (B tends to withdraw, so B is offered the floor) that went through a 20-minute
 * pause started by A and both said "I'm ready": the conversation is at check-in.
 */
async function reconnectedPair(opts: { bWithdraws?: boolean } = {}) {
  const p = await linkedPair(server);
  sockets.push(p.a, p.b);
  if (opts.bWithdraws ?? true) await ok(p.b, 'settings:update', { tendsToWithdraw: true });
  await ok(p.a, 'state:get', {});
  await ok(p.b, 'state:get', {});
  const ra = record(p.a);
  const rb = record(p.b);
  const started = await ok(p.a, 'pause:start', { commandId: cid(), minutes: 20 });
  expect(started.conversation).toBeNull();
  server.clock.advance(20 * MINUTE_MS);
  const aReady = await ok(p.a, 'pause:ready', { commandId: cid(), seq: started.seq });
  expect(aReady.conversation).toBeNull();
  const both = await ok(p.b, 'pause:ready', { commandId: cid(), seq: aReady.seq });
  expect(both.phase).toBe('reconnect');
  expect(conv(both)).toMatchObject({ id: started.pause!.id, step: 'checkin', pausedFirst: p.invite.deviceId });
  expect(await ra.seq(both.seq)).toEqual(both);
  return { ...p, ra, rb, aId: p.invite.deviceId, bId: p.joined.deviceId, reconnect: both };
}

type Phone = { socket: TestSocket; rec: Recorder };
/** A payload without its bookkeeping (spread over each member of a union). */
type Move<P> = P extends unknown ? Omit<P, 'commandId' | 'seq'> : never;

/**
 * One move by `actor`, sent against the latest seq; the partner must receive exactly the snapshot
 * the actor got in its ack, and `state:get` must agree: each step shows on both phones.
 */
async function move<E extends ClientEventName>(
  actor: Phone,
  partner: Phone,
  event: E,
  payload: Move<ClientPayload<E>>,
): Promise<CoupleSnapshot> {
  const { seq } = await ok(actor.socket, 'state:get', {});
  // pause:start is the one command without a seq.
  const sent = event === 'pause:start' ? { ...payload, commandId: cid() } : { ...payload, commandId: cid(), seq };
  const ack = (await ok(actor.socket, event, sent as ClientPayload<E>)) as CoupleSnapshot;
  expect(ack.seq).toBe(seq + 1);
  expect(await partner.rec.seq(ack.seq)).toEqual(ack);
  expect(await ok(partner.socket, 'state:get', {})).toEqual(ack);
  return ack;
}

/**
 * A move that must be refused with `code`; the state both phones read before and after is the same,
 * and the partner is sent nothing.
 */
async function refusedUnchanged<E extends ClientEventName>(
  sender: Phone,
  observer: Phone,
  event: E,
  payload: Move<ClientPayload<E>> & { seq?: number },
  code: ErrorCode,
): Promise<void> {
  const before = await ok(observer.socket, 'state:get', {});
  const seenBefore = observer.rec.seen.length;
  const res = await call(sender.socket, event, { seq: before.seq, ...payload, commandId: cid() } as ClientPayload<E>);
  expect(res, `${event} ${JSON.stringify(payload).slice(0, 80)}`).toEqual({ error: { code } });
  expect(await ok(observer.socket, 'state:get', {})).toEqual(before);
  expect(await ok(sender.socket, 'state:get', {})).toEqual(before);
  expect(observer.rec.seen.length).toBe(seenBefore);
}

describe('the reconnect conversation over the wire', () => {
  test('the whole conversation, each step on both phones, then back to normal', async () => {
    server = await startServer(UNLIMITED);
    const { a, b, ra, rb, aId, bId, reconnect } = await reconnectedPair();
    const A: Phone = { socket: a, rec: ra };
    const B: Phone = { socket: b, rec: rb };
    const t = server.clock.now();

    // 1. Check-in: A is still at 6, so they both choose to go ahead.
    let s = await move(A, B, 'conversation:rate', { rating: 6 });
    expect(conv(s)).toMatchObject({ step: 'checkin', checkin: { [aId]: 6 } });
    s = await move(B, A, 'conversation:rate', { rating: 3 });
    expect(conv(s)).toMatchObject({ step: 'checkin', checkin: { [aId]: 6, [bId]: 3 } });
    s = await move(B, A, 'conversation:continue', {});
    expect(conv(s).goAhead).toEqual([bId]);
    s = await move(A, B, 'conversation:continue', {});
    expect(conv(s)).toMatchObject({ step: 'prepare', goAhead: [bId, aId] });

    // 2. Prepare: nothing is shared until each taps "Share".
    expect(conv(s).cards).toEqual({});
    s = await move(A, B, 'conversation:share', { payload: 'ct:card-a' });
    expect(conv(s)).toMatchObject({ step: 'prepare', cards: { [aId]: { payload: 'ct:card-a', sharedAt: t } } });
    s = await move(B, A, 'conversation:share', { payload: 'ct:card-b' });
    // B tends to withdraw: B is offered the floor.
    expect(conv(s)).toMatchObject({
      step: 'turns',
      turn: { speaker: bId, stage: 'speaking', paraphrase: null, attempts: 0 },
    });

    // 3. Turns. B hands the floor to A, A hands it back.
    s = await move(B, A, 'conversation:floor', {});
    expect(conv(s).turn!.speaker).toBe(aId);
    s = await move(A, B, 'conversation:floor', {});
    expect(conv(s).turn!.speaker).toBe(bId);
    s = await move(A, B, 'conversation:paraphrase', { payload: 'ct:heard-b-1' });
    expect(conv(s).turn).toEqual({ speaker: bId, stage: 'confirming', paraphrase: 'ct:heard-b-1', attempts: 1 });
    s = await move(B, A, 'conversation:confirm', { yes: false });
    expect(conv(s).turn!.stage).toBe('paraphrasing');
    await move(A, B, 'conversation:paraphrase', { payload: 'ct:heard-b-2' });
    s = await move(B, A, 'conversation:confirm', { yes: true });
    expect(conv(s).turn).toEqual({ speaker: bId, stage: 'validating', paraphrase: 'ct:heard-b-2', attempts: 2 });
    s = await move(A, B, 'conversation:validate', { payload: 'ct:makes-sense-b' });
    expect(conv(s)).toMatchObject({
      step: 'turns',
      heard: [{ speaker: bId, paraphrase: 'ct:heard-b-2', validation: 'ct:makes-sense-b', attempts: 2 }],
      turn: { speaker: aId, stage: 'speaking' },
    });
    await move(B, A, 'conversation:paraphrase', { payload: 'ct:heard-a' });
    await move(A, B, 'conversation:confirm', { yes: true });
    s = await move(B, A, 'conversation:validate', {});
    expect(conv(s)).toMatchObject({ step: 'repair', turn: null });
    expect(conv(s).heard.map((h) => [h.speaker, h.validation])).toEqual([
      [bId, 'ct:makes-sense-b'],
      [aId, null],
    ]);

    // 4. Repair and plan.
    await move(A, B, 'conversation:repair', {
      regret: 'ct:regret-a',
      sorry: 'ct:sorry-a',
      willDo: 'ct:do-a',
      wouldLike: 'ct:like-a',
    });
    s = await move(B, A, 'conversation:repair', { willDo: 'ct:do-b', wouldLike: 'ct:like-b' });
    expect(conv(s).step).toBe('repair');
    s = await move(B, A, 'conversation:respond', { status: 'adjusted', adjustment: 'ct:adjusted-by-b' });
    expect(conv(s).step).toBe('repair');
    s = await move(A, B, 'conversation:respond', { status: 'accepted' });
    expect(conv(s).step).toBe('summary');

    // 5. Summary: identical on both phones; a last rating each; back to normal.
    await move(A, B, 'conversation:rate', { rating: 2 });
    s = await move(B, A, 'conversation:rate', { rating: 1 });
    const onA = await ok(a, 'state:get', {});
    const onB = await ok(b, 'state:get', {});
    expect(onA).toEqual(onB);
    expect(
      conversationSummary(
        conv(onA),
        onA.devices.map((d) => d.id),
      ),
    ).toEqual({
      heard: conv(s).heard,
      plans: [
        {
          deviceId: aId,
          entry: { regret: 'ct:regret-a', sorry: 'ct:sorry-a', willDo: 'ct:do-a', wouldLike: 'ct:like-a' },
          response: { status: 'adjusted', adjustment: 'ct:adjusted-by-b' },
        },
        {
          deviceId: bId,
          entry: { regret: null, sorry: null, willDo: 'ct:do-b', wouldLike: 'ct:like-b' },
          response: { status: 'accepted', adjustment: null },
        },
      ],
      checkin: { [aId]: 6, [bId]: 3 },
      closing: { [aId]: 2, [bId]: 1 },
    });
    expect(s.seq).toBe(reconnect.seq + 22);

    // "Back to normal" takes both: the first waits, still in the summary, for the other's last rating.
    const first = await move(A, B, 'pause:close', {});
    expect(first).toMatchObject({ phase: 'reconnect', conversation: { step: 'summary', leaving: [aId] } });
    const closed = await move(B, A, 'pause:close', {});
    expect(closed).toMatchObject({ phase: 'calm', pause: null, conversation: null, talkLater: null });
  });

  test('a phone that drops out mid-step comes back to the same step', async () => {
    server = await startServer(UNLIMITED);
    const { a, b, ra, rb, aId, bId, bCredential } = await reconnectedPair();
    const A: Phone = { socket: a, rec: ra };
    const B: Phone = { socket: b, rec: rb };
    await move(A, B, 'conversation:rate', { rating: 2 });
    await move(B, A, 'conversation:rate', { rating: 1 });
    await move(A, B, 'conversation:share', { payload: 'ct:card-a' });
    await move(B, A, 'conversation:share', { payload: 'ct:card-b' });

    // B (speaking) drops out; A, listening, checks a paraphrase meanwhile.
    b.close();
    const { seq } = await ok(a, 'state:get', {});
    const whileAway = await ok(a, 'conversation:paraphrase', { commandId: cid(), seq, payload: 'ct:heard-b' });
    expect(conv(whileAway).turn).toMatchObject({ speaker: bId, stage: 'confirming', paraphrase: 'ct:heard-b' });

    // B comes back with its credential: the snapshot it is sent on connect is at that very step.
    const b2 = connectClient(server.url, bCredential);
    sockets.push(b2);
    const snapshotOnConnect = nextEvent(b2, 'couple:state');
    await connected(b2);
    const [snapshot] = await snapshotOnConnect;
    expect(snapshot).toEqual(whileAway);
    expect(conv(snapshot).cards[aId]).toEqual({ payload: 'ct:card-a', sharedAt: expect.any(Number) });

    // And carries on from there.
    const rb2 = record(b2);
    const yes = await move({ socket: b2, rec: rb2 }, A, 'conversation:confirm', { yes: true });
    expect(conv(yes).turn!.stage).toBe('validating');
  });

  test('illegal moves are refused with a clear code and change nothing', async () => {
    server = await startServer(UNLIMITED);
    const { a, b, ra, rb, aId } = await reconnectedPair();
    const A: Phone = { socket: a, rec: ra };
    const B: Phone = { socket: b, rec: rb };

    // Check-in.
    await refusedUnchanged(A, B, 'conversation:share', { payload: 'ct:x' }, 'wrong_step');
    await refusedUnchanged(A, B, 'conversation:continue', {}, 'wrong_step');
    await refusedUnchanged(A, B, 'conversation:rate', { rating: 11 }, 'bad_request');
    await refusedUnchanged(A, B, 'conversation:rate', { rating: 2.5 }, 'bad_request');
    await refusedUnchanged(A, B, 'conversation:paraphrase', { payload: 'ct:x' }, 'wrong_step');
    await move(A, B, 'conversation:rate', { rating: 2 });
    // A command against an old seq.
    const { seq } = await ok(a, 'state:get', {});
    await refusedUnchanged(B, A, 'conversation:rate', { rating: 2, seq: seq - 1 }, 'stale_seq');
    await move(B, A, 'conversation:rate', { rating: 2 });

    // Prepare.
    await refusedUnchanged(A, B, 'conversation:rate', { rating: 1 }, 'wrong_step');
    await refusedUnchanged(
      A,
      B,
      'conversation:share',
      { payload: 'x'.repeat(CONVERSATION_PAYLOAD_MAX + 1) },
      'bad_request',
    );
    await refusedUnchanged(A, B, 'conversation:share', { payload: '' }, 'bad_request');
    await move(A, B, 'conversation:share', { payload: 'x'.repeat(CONVERSATION_PAYLOAD_MAX) });
    await refusedUnchanged(A, B, 'conversation:share', { payload: 'ct:again' }, 'already_done');
    await refusedUnchanged(A, B, 'conversation:floor', {}, 'wrong_step');
    await move(B, A, 'conversation:share', { payload: 'ct:card-b' });

    // Turns: B speaks.
    await refusedUnchanged(A, B, 'conversation:floor', {}, 'not_your_turn');
    await refusedUnchanged(B, A, 'conversation:paraphrase', { payload: 'ct:myself' }, 'not_your_turn');
    await refusedUnchanged(A, B, 'conversation:confirm', { yes: true }, 'not_your_turn');
    await refusedUnchanged(B, A, 'conversation:confirm', { yes: true }, 'wrong_step');
    await refusedUnchanged(A, B, 'conversation:validate', {}, 'wrong_step');
    await refusedUnchanged(A, B, 'conversation:repair', { willDo: 'ct:x' }, 'wrong_step');
    await move(A, B, 'conversation:paraphrase', { payload: 'ct:heard-b' });
    await refusedUnchanged(A, B, 'conversation:confirm', { yes: true }, 'not_your_turn');
    await refusedUnchanged(A, B, 'conversation:paraphrase', { payload: 'ct:again' }, 'wrong_step');
    await refusedUnchanged(B, A, 'conversation:floor', {}, 'wrong_step');
    await move(B, A, 'conversation:confirm', { yes: true });
    await refusedUnchanged(B, A, 'conversation:validate', { payload: 'ct:self' }, 'not_your_turn');
    await move(A, B, 'conversation:validate', { payload: 'ct:makes-sense' });
    await refusedUnchanged(A, B, 'conversation:floor', {}, 'wrong_step');
    await move(B, A, 'conversation:paraphrase', { payload: 'ct:heard-a' });
    await move(A, B, 'conversation:confirm', { yes: true });
    await move(B, A, 'conversation:validate', {});

    // Repair.
    await refusedUnchanged(A, B, 'conversation:respond', { status: 'accepted' }, 'no_request');
    await refusedUnchanged(A, B, 'conversation:repair', {}, 'bad_request');
    await move(B, A, 'conversation:repair', { wouldLike: 'ct:like-b' });
    await refusedUnchanged(B, A, 'conversation:repair', { willDo: 'ct:again' }, 'already_done');
    await refusedUnchanged(B, A, 'conversation:respond', { status: 'accepted' }, 'no_request');
    await refusedUnchanged(A, B, 'conversation:respond', { status: 'adjusted' } as never, 'bad_request');
    await refusedUnchanged(
      A,
      B,
      'conversation:respond',
      { status: 'declined', adjustment: 'ct:x' } as never,
      'bad_request',
    );
    await move(A, B, 'conversation:respond', { status: 'declined' });
    await refusedUnchanged(A, B, 'conversation:respond', { status: 'accepted' }, 'already_done');
    const last = await move(A, B, 'conversation:repair', { willDo: 'ct:do-a' });
    expect(conv(last).step).toBe('summary');
    expect(conv(last).cards[aId]!.payload).toHaveLength(CONVERSATION_PAYLOAD_MAX);

    // Summary, then calm: the conversation is gone and its moves are out of phase.
    await refusedUnchanged(A, B, 'conversation:respond', { status: 'accepted' }, 'wrong_step');
    await move(B, A, 'pause:close', {});
    await move(A, B, 'pause:close', {});
    await refusedUnchanged(A, B, 'conversation:rate', { rating: 3 }, 'wrong_phase');
  });

  test('pausing again mid-conversation takes both back to the break; afterwards they resume', async () => {
    server = await startServer(UNLIMITED);
    const { a, b, ra, rb, bId, aId } = await reconnectedPair();
    const A: Phone = { socket: a, rec: ra };
    const B: Phone = { socket: b, rec: rb };
    await move(A, B, 'conversation:rate', { rating: 3 });
    await move(B, A, 'conversation:rate', { rating: 3 });
    await move(A, B, 'conversation:share', { payload: 'ct:card-a' });
    await move(B, A, 'conversation:share', { payload: 'ct:card-b' });
    const mid = await move(A, B, 'conversation:paraphrase', { payload: 'ct:heard-b' });

    // B (speaking, flooded again) pauses: both phones are back on the break.
    const paused = await move(B, A, 'pause:start', { minutes: 20 });
    expect(paused.phase).toBe('paused');
    expect(paused.pause!.pausers.map((p) => p.deviceId)).toEqual([bId]);
    expect(paused.conversation).toEqual(mid.conversation);
    await refusedUnchanged(B, A, 'conversation:confirm', { yes: true }, 'wrong_phase');
    await refusedUnchanged(A, B, 'pause:close', {}, 'wrong_phase');

    server.clock.advance(20 * MINUTE_MS);
    await move(B, A, 'pause:ready', {});
    const back = await move(A, B, 'pause:ready', {});
    expect(back.phase).toBe('reconnect');
    expect(back.pause!.id).not.toBe(conv(back).id);
    expect(back.conversation).toEqual(mid.conversation);
    expect(conv(back).turn).toMatchObject({ speaker: bId, stage: 'confirming', paraphrase: 'ct:heard-b' });
    const yes = await move(B, A, 'conversation:confirm', { yes: true });
    expect(conv(yes).turn!.stage).toBe('validating');

    // "Back to normal" clears it; the next pause starts a fresh conversation.
    await move(A, B, 'pause:close', {});
    const calm = await move(B, A, 'conversation:close-answer', { answer: 'accept' });
    expect(calm.conversation).toBeNull();
    const again = await move(A, B, 'pause:start', { minutes: 20 });
    expect(again.conversation).toBeNull();
    server.clock.advance(20 * MINUTE_MS);
    await move(A, B, 'pause:ready', {});
    const fresh = await move(B, A, 'pause:ready', {});
    expect(conv(fresh)).toMatchObject({ id: again.pause!.id, step: 'checkin', pausedFirst: aId, cards: {}, heard: [] });
  });

  test('the conversation survives a restart; a state stored before it existed loads as none', async () => {
    server = await startServer(UNLIMITED);
    const { a, b, ra, rb, aCredential, bCredential, invite } = await reconnectedPair();
    await move({ socket: a, rec: ra }, { socket: b, rec: rb }, 'conversation:rate', { rating: 4 });
    const before = await ok(a, 'state:get', {});
    closeSockets(sockets);
    await server.stop();
    server = await server.restart();

    const a2 = connectClient(server.url, aCredential);
    sockets.push(a2);
    const onConnect = nextEvent(a2, 'couple:state');
    await connected(a2);
    expect((await onConnect)[0]).toEqual(before);
    await server.stop();

    // An older row: no `conversation` key at all.
    const db = new Database(server.dbFile);
    const row = db
      .prepare<[string], { state: string }>('SELECT state FROM couples WHERE id = ?')
      .get(invite.snapshot.coupleId)!;
    const legacy = JSON.parse(row.state) as Record<string, unknown>;
    delete legacy.conversation;
    legacy.phase = 'calm';
    legacy.pause = null;
    db.prepare('UPDATE couples SET state = ? WHERE id = ?').run(JSON.stringify(legacy), invite.snapshot.coupleId);
    db.close();
    server = await server.restart();
    const b2 = connectClient(server.url, bCredential);
    sockets.push(b2);
    await connected(b2);
    const loaded = await ok(b2, 'state:get', {});
    expect(loaded).toMatchObject({ phase: 'calm', pause: null, conversation: null });
    expect(Object.keys(loaded)).toContain('conversation');
    await ok(b2, 'pause:start', { commandId: cid(), minutes: 20 });
  });

  test('the server never logs the conversation’s text', async () => {
    const lines: string[] = [];
    server = await startServer({ ...UNLIMITED, log: jsonLogger((line) => lines.push(line)) });
    const { a, b, ra, rb, reconnect } = await reconnectedPair();
    const A: Phone = { socket: a, rec: ra };
    const B: Phone = { socket: b, rec: rb };
    await move(A, B, 'conversation:rate', { rating: 1 });
    await move(B, A, 'conversation:rate', { rating: 1 });
    await move(A, B, 'conversation:share', { payload: 'SECRET-card-a' });
    await refusedUnchanged(A, B, 'conversation:share', { payload: 'SECRET-again' }, 'already_done');
    await move(B, A, 'conversation:share', { payload: 'SECRET-card-b' });
    await move(A, B, 'conversation:paraphrase', { payload: 'SECRET-heard' });
    const logged = lines.join('\n');
    expect(logged).toContain('conversation.share');
    expect(logged).toContain('conversation.paraphrase');
    expect(logged).not.toContain('SECRET');
    const shared = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'conversation.share');
    expect(shared).toMatchObject({ couple: reconnect.coupleId, seq: expect.any(Number) });
  });
});
