import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { nextTick } from 'vue';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { KEYS } from '../../client/lib/storage.js';
import { useConnectionStore } from '../../client/stores/connection.js';
import { useCoupleStore } from '../../client/stores/couple.js';
import { usePauseStore } from '../../client/stores/pause.js';
import { FakeSocket, memoryStorage } from '../support/fake-socket.js';

const MINUTE = 60_000;

function snapshot(seq: number, paused = false): CoupleSnapshot {
  const now = Date.now();
  return {
    coupleId: 'c1',
    seq,
    phase: paused ? 'paused' : 'calm',
    devices: ['Ana', 'Ben'].map((name, i) => ({
      id: `d${i + 1}`,
      name,
      linkedAt: 1,
      defaultMinutes: 20,
      reassurance: '',
      tendsToWithdraw: null,
      publicKey: null,
    })),
    pause: paused
      ? {
          id: 'p1',
          startedAt: now,
          endsAt: now + 20 * MINUTE,
          pausers: [{ deviceId: 'd1', startedAt: now, endsAt: now + 20 * MINUTE, reassurance: '' }],
          ready: [],
        }
      : null,
    conversation: null,
    agreement: { terms: 't', accepted: [] },
    talkLater: null,
    serverNow: now,
  };
}

let storage: Storage;

beforeEach(() => {
  storage = memoryStorage({
    [KEYS.credential]: JSON.stringify('cred-1'),
    [KEYS.deviceId]: JSON.stringify('d1'),
    [KEYS.snapshot]: JSON.stringify(snapshot(3)),
  });
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('window', new EventTarget());
});

afterEach(() => {
  useConnectionStore().$dispose();
  vi.unstubAllGlobals();
});

/** The app as main.ts boots it, before the socket module has arrived: stores from what the phone saved. */
function bootFromCache() {
  setActivePinia(createPinia());
  const conn = useConnectionStore();
  const couple = useCoupleStore();
  const pause = usePauseStore();
  couple.start();
  pause.listen();
  return { conn, couple, pause };
}

/** The server answers clock pings at once; pause:start waits for the test to answer. */
function server(): FakeSocket {
  const socket = new FakeSocket();
  socket.answers.set('time:ping', (p) =>
    Promise.resolve({ data: { t0: (p as { t0: number }).t0, serverNow: Date.now() } }),
  );
  return socket;
}

const queuedOnDisk = () =>
  JSON.parse(storage.getItem(KEYS.queuedPause) ?? 'null') as { commandId: string; minutes: number } | null;

describe('a pause tapped before the socket exists', () => {
  test('is queued and kept on the phone, and nothing is sent', async () => {
    const { pause } = bootFromCache();
    await pause.start(20);
    expect(pause.queued).toMatchObject({ minutes: 20 });
    await nextTick();
    expect(queuedOnDisk()).toMatchObject({ minutes: 20, commandId: pause.queued!.commandId });
  });

  test('is sent once the socket connects, exactly once, and the break shows', async () => {
    const { conn, couple, pause } = bootFromCache();
    await pause.start(20);
    const commandId = pause.queued!.commandId;

    const socket = server();
    conn.start(socket.asSocket());
    expect(socket.calls('pause:start')).toHaveLength(0);
    socket.serverAccepts();
    await vi.waitFor(() => expect(socket.calls('pause:start')).toHaveLength(1));
    // The phone wakes up (visibility sync) while the send is still waiting for its answer.
    void pause.flushQueue();
    await nextTick();
    socket.calls('pause:start')[0]!.answer({ data: snapshot(4, true) });
    await vi.waitFor(() => expect(pause.queued).toBeNull());

    expect(socket.calls('pause:start').map((c) => c.payload)).toEqual([{ commandId, minutes: 20 }]);
    expect(couple.snapshot?.seq).toBe(4);
    expect(pause.phase).toBe('paused');

    // Later reconnects have nothing left to send.
    socket.dropLink();
    socket.serverAccepts();
    await nextTick();
    expect(socket.calls('pause:start')).toHaveLength(1);
    expect(queuedOnDisk()).toBeNull();
  });

  test('survives the app being closed and opened again before any connection', async () => {
    const first = bootFromCache();
    await first.pause.start(10);
    const commandId = first.pause.queued!.commandId;
    await nextTick();
    first.conn.$dispose();

    const { conn, pause } = bootFromCache();
    expect(pause.queued).toMatchObject({ commandId, minutes: 10 });
    const socket = server();
    socket.answers.set('pause:start', () => Promise.resolve({ data: snapshot(4, true) }));
    conn.start(socket.asSocket());
    socket.serverAccepts();
    await vi.waitFor(() => expect(pause.queued).toBeNull());
    expect(socket.calls('pause:start').map((c) => c.payload)).toEqual([{ commandId, minutes: 10 }]);
  });

  test('a connection lost while the send is on its way keeps it queued for the next one', async () => {
    const { conn, pause } = bootFromCache();
    await pause.start(20);
    const commandId = pause.queued!.commandId;
    const socket = server();
    conn.start(socket.asSocket());
    socket.serverAccepts();
    await vi.waitFor(() => expect(socket.calls('pause:start')).toHaveLength(1));
    socket.dropLink();
    await vi.waitFor(() => expect(queuedOnDisk()?.commandId).toBe(commandId));
    expect(pause.queued?.commandId).toBe(commandId);

    socket.serverAccepts();
    await vi.waitFor(() => expect(socket.calls('pause:start')).toHaveLength(2));
    socket.calls('pause:start')[1]!.answer({ data: snapshot(4, true) });
    await vi.waitFor(() => expect(pause.queued).toBeNull());
    // The same command both times: the server counts it once.
    expect(new Set(socket.calls('pause:start').map((c) => (c.payload as { commandId: string }).commandId))).toEqual(
      new Set([commandId]),
    );
  });

  test('an answer that does not come keeps it queued, and the next connection sends the same command again', async () => {
    const { conn, pause } = bootFromCache();
    await pause.start(20);
    const commandId = pause.queued!.commandId;
    const socket = server();
    conn.start(socket.asSocket());
    socket.serverAccepts();
    await vi.waitFor(() => expect(socket.calls('pause:start')).toHaveLength(1));
    socket.calls('pause:start')[0]!.timeOut();
    await vi.waitFor(() => expect(pause.busy).toBe(false));
    expect(pause.queued?.commandId).toBe(commandId);

    socket.dropLink();
    socket.serverAccepts();
    await vi.waitFor(() => expect(socket.calls('pause:start')).toHaveLength(2));
    socket.calls('pause:start')[1]!.answer({ data: snapshot(4, true) });
    await vi.waitFor(() => expect(pause.queued).toBeNull());
    expect(socket.calls('pause:start').map((c) => (c.payload as { commandId: string }).commandId)).toEqual([
      commandId,
      commandId,
    ]);
  });

  test('a break that would already be over when the phone connects is dropped, not sent', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { conn, pause } = bootFromCache();
      await pause.start(5);
      vi.setSystemTime(Date.now() + 6 * MINUTE);
      const socket = server();
      conn.start(socket.asSocket());
      socket.serverAccepts();
      await vi.waitFor(() => expect(pause.queued).toBeNull());
      expect(socket.calls('pause:start')).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
