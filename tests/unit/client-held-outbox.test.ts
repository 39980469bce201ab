import { describe, expect, test } from 'vitest';
import type { MyHeldMessage } from '../../shared/contracts/events.js';
import {
  createFlusher,
  enqueue,
  onlyStuck,
  pauseView,
  reviewView,
  sendItem,
  settle,
  type HeldAck,
  type OutboxItem,
  type OutboxState,
} from '../../client/held/outbox.js';

const empty: OutboxState = { mine: [], outbox: [], stuck: [], sentNow: [] };
const textOf = (m: MyHeldMessage) => `opened:${m.id}`;

function stored(id: string, over: Partial<MyHeldMessage> = {}): MyHeldMessage {
  return {
    id,
    pauseId: 'p1',
    payload: `sealed-${id}`,
    createdAt: 10,
    updatedAt: 10,
    editable: true,
    sentAt: null,
    ...over,
  };
}
const save = (messageId: string, text: string, createdAt = 20, pauseId = 'p1'): OutboxItem => ({
  op: 'save',
  messageId,
  pauseId,
  text,
  createdAt,
});
const discard = (messageId: string, pauseId = 'p1'): OutboxItem => ({
  op: 'discard',
  messageId,
  pauseId,
  createdAt: 30,
});
const ok = (message: MyHeldMessage): HeldAck => ({ data: { message } });
const refused = (code: string): HeldAck => ({ error: { code, message: `refused: ${code}` } });

describe('enqueue', () => {
  test('keeps one waiting change per message: the latest replaces the earlier, at the end', () => {
    let s = enqueue(empty, save('a', 'first'));
    s = enqueue(s, save('b', 'other'));
    s = enqueue(s, save('a', 'second'));
    expect(s.outbox.map((o) => [o.messageId, o.text])).toEqual([
      ['b', 'other'],
      ['a', 'second'],
    ]);
  });

  test('a new change clears that message’s refusal', () => {
    const s = enqueue(
      { ...empty, stuck: [{ messageId: 'a', pauseId: 'p1', text: 'x', reason: 'no' }] },
      save('a', 'y'),
    );
    expect(s.stuck).toEqual([]);
  });

  test('a send carries the edit still waiting for the network, and the stored pause', () => {
    const s = enqueue({ ...empty, mine: [stored('a', { pauseId: 'p0' })] }, save('a', 'edited'));
    expect(sendItem(s, 'a', 99)).toEqual({ op: 'send', messageId: 'a', pauseId: 'p0', text: 'edited', createdAt: 99 });
    expect(sendItem(empty, 'x', 99).text).toBeUndefined();
  });

  test('only a refused note the server never stored is dropped without a discard', () => {
    const stuck = [{ messageId: 'a', pauseId: 'p1', text: 'x', reason: 'no' }];
    expect(onlyStuck({ ...empty, stuck }, 'a')).toBe(true);
    expect(onlyStuck({ ...empty, stuck, mine: [stored('a')] }, 'a')).toBe(false);
  });
});

describe('views merge the outbox over the server’s list', () => {
  test('the writer sees edits and new notes as pending, discards gone, oldest first', () => {
    const s: OutboxState = {
      ...empty,
      mine: [stored('a', { createdAt: 5 }), stored('b', { createdAt: 6 }), stored('c', { sentAt: 7 })],
      outbox: [save('a', 'edited a'), discard('b'), save('n', 'new', 1), save('other', 'x', 0, 'p2')],
    };
    expect(pauseView(s, textOf, 'p1')).toEqual([
      { id: 'n', text: 'new', createdAt: 1, pending: true },
      { id: 'a', text: 'edited a', createdAt: 5, pending: true },
    ]);
  });

  test('the writer keeps refused words on screen with the reason', () => {
    const s: OutboxState = { ...empty, stuck: [{ messageId: 'z', pauseId: 'p1', text: 'kept', reason: 'too many' }] };
    expect(pauseView(s, textOf, 'p1')).toEqual([
      { id: 'z', text: 'kept', createdAt: 0, pending: false, stuck: 'too many' },
    ]);
  });

  test('the review shows unsent notes, sends as sending, and leaves the running pause’s saves to the writer', () => {
    const s: OutboxState = {
      ...empty,
      mine: [stored('a', { createdAt: 5 }), stored('b', { createdAt: 6 }), stored('sent', { sentAt: 9 })],
      outbox: [
        { op: 'send', messageId: 'a', pauseId: 'p1', text: 'last words', createdAt: 40 },
        save('live', 'now', 50, 'p2'),
        discard('b'),
      ],
      stuck: [],
    };
    expect(reviewView(s, textOf, 'p2')).toEqual([{ id: 'a', text: 'last words', createdAt: 5, sending: true }]);
    expect(reviewView(s, textOf, null).map((v) => v.id)).toEqual(['a', 'live']);
  });

  test('a refused send shows its reason and is no longer sending', () => {
    const s: OutboxState = {
      ...empty,
      mine: [stored('a')],
      stuck: [{ messageId: 'a', pauseId: 'p1', text: '', reason: 'over' }],
    };
    expect(reviewView(s, textOf, null)).toEqual([
      { id: 'a', text: 'opened:a', createdAt: 10, sending: false, stuck: 'over' },
    ]);
  });
});

describe('settle', () => {
  test('an acknowledged save leaves the outbox and replaces the stored copy', () => {
    const item = save('a', 'x');
    const s = settle({ ...empty, mine: [stored('a')], outbox: [item] }, item, ok(stored('a', { payload: 'new' })));
    expect(s.outbox).toEqual([]);
    expect(s.mine.map((m) => m.payload)).toEqual(['new']);
    expect(s.sentNow).toEqual([]);
  });

  test('an acknowledged send is remembered as sent now; a discard removes the stored copy', () => {
    const send: OutboxItem = { op: 'send', messageId: 'a', pauseId: 'p1', createdAt: 1 };
    const sent = settle({ ...empty, outbox: [send] }, send, ok(stored('a', { sentAt: 2 })));
    expect(sent.sentNow).toEqual(['a']);
    const gone = discard('a');
    expect(settle({ ...empty, mine: [stored('a')], outbox: [gone] }, gone, { data: { messageId: 'a' } }).mine).toEqual(
      [],
    );
  });

  test('a refusal keeps the words as stuck, unless a newer change replaced them meanwhile or it was a discard', () => {
    const item = save('a', 'words');
    expect(settle({ ...empty, outbox: [item] }, item, refused('over_limit')).stuck).toEqual([
      { messageId: 'a', pauseId: 'p1', text: 'words', reason: 'refused: over_limit' },
    ]);
    const newer = save('a', 'newer');
    const superseded = settle({ ...empty, outbox: [newer] }, item, refused('over_limit'));
    expect(superseded).toEqual({ ...empty, outbox: [newer] });
    const d = discard('a');
    expect(settle({ ...empty, outbox: [d] }, d, refused('x')).stuck).toEqual([]);
  });
});

describe('createFlusher', () => {
  function harness(replies: Array<HeldAck | Error>, opts: { connected?: boolean; sealFails?: boolean } = {}) {
    let state: OutboxState = empty;
    const delivered: Array<{ id: string; op: string; payload: string | undefined }> = [];
    let connected = opts.connected ?? true;
    const flush = createFlusher({
      connected: () => connected,
      read: () => state,
      write: (next) => void (state = next),
      seal: (item) =>
        opts.sealFails ? Promise.reject(new Error('no couple key')) : Promise.resolve(`sealed(${item.text})`),
      deliver: async (item, payload) => {
        delivered.push({ id: item.messageId, op: item.op, payload });
        await Promise.resolve();
        const reply = replies.shift() ?? ok(stored(item.messageId));
        if (reply instanceof Error) throw reply;
        return reply;
      },
    });
    return {
      flush,
      delivered,
      get state() {
        return state;
      },
      set(next: OutboxState) {
        state = next;
      },
      online(value: boolean) {
        connected = value;
      },
    };
  }

  test('sends in order, sealed, and empties the outbox', async () => {
    const h = harness([]);
    h.set({
      ...empty,
      outbox: [save('a', 'one'), discard('b'), { op: 'send', messageId: 'c', pauseId: 'p1', createdAt: 1 }],
    });
    await h.flush();
    expect(h.delivered).toEqual([
      { id: 'a', op: 'save', payload: 'sealed(one)' },
      { id: 'b', op: 'discard', payload: undefined },
      { id: 'c', op: 'send', payload: undefined },
    ]);
    expect(h.state.outbox).toEqual([]);
  });

  test('stops at the first item the network did not carry and retries it next time, exactly once each', async () => {
    const h = harness([refused('timeout')]);
    h.set({ ...empty, outbox: [save('a', 'one'), save('b', 'two')] });
    await h.flush();
    expect(h.state.outbox.map((o) => o.messageId)).toEqual(['a', 'b']);
    await h.flush();
    expect(h.delivered.map((d) => d.id)).toEqual(['a', 'a', 'b']);
    expect(h.state.mine.map((m) => m.id)).toEqual(['a', 'b']);
  });

  test('calls while a flush runs join it: nothing is sent twice', async () => {
    const h = harness([]);
    h.set({ ...empty, outbox: [save('a', 'one'), save('b', 'two')] });
    const first = h.flush();
    const second = h.flush();
    expect(second).toBe(first);
    await Promise.all([first, second]);
    expect(h.delivered.map((d) => d.id)).toEqual(['a', 'b']);
  });

  test('waits while offline or without the couple key', async () => {
    const offline = harness([], { connected: false });
    offline.set({ ...empty, outbox: [save('a', 'one')] });
    await offline.flush();
    expect(offline.delivered).toEqual([]);

    const locked = harness([], { sealFails: true });
    locked.set({ ...empty, outbox: [save('a', 'one')] });
    await locked.flush();
    expect(locked.delivered).toEqual([]);
    expect(locked.state.outbox).toHaveLength(1);
  });

  test('an edit queued while its earlier version is in flight is still sent', async () => {
    const h = harness([]);
    const early = save('a', 'early');
    h.set({ ...empty, outbox: [early] });
    const running = h.flush();
    h.set(enqueue(h.state, save('a', 'late')));
    await running;
    expect(h.delivered.map((d) => d.payload)).toEqual(['sealed(early)', 'sealed(late)']);
    expect(h.state.outbox).toEqual([]);
  });
});
