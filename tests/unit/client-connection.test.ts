import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { nextTick } from 'vue';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { KEYS } from '../../client/lib/storage.js';
import { useConnectionStore } from '../../client/stores/connection.js';
import { useCoupleStore } from '../../client/stores/couple.js';
import { FakeSocket, memoryStorage } from '../support/fake-socket.js';

function snapshot(seq: number, names = ['Ana', 'Ben']): CoupleSnapshot {
  return {
    coupleId: 'c1',
    seq,
    phase: 'calm',
    devices: names.map((name, i) => ({
      id: `d${i + 1}`,
      name,
      linkedAt: 1,
      defaultMinutes: 20,
      reassurance: '',
      tendsToWithdraw: null,
      publicKey: null,
    })),
    pause: null,
    conversation: null,
    agreement: { terms: 't', accepted: [] },
    talkLater: null,
    serverNow: 1,
  };
}

let storage: Storage;
let network: EventTarget;

beforeEach(() => {
  storage = memoryStorage({
    [KEYS.credential]: JSON.stringify('cred-1'),
    [KEYS.deviceId]: JSON.stringify('d1'),
    [KEYS.snapshot]: JSON.stringify(snapshot(3)),
  });
  network = new EventTarget();
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('window', network);
  setActivePinia(createPinia());
});

afterEach(() => {
  useConnectionStore().$dispose();
  vi.unstubAllGlobals();
});

/** The server answers clock pings at once, so connecting never waits on them. */
function fakeServer(): FakeSocket {
  const socket = new FakeSocket();
  socket.answers.set('time:ping', (p) =>
    Promise.resolve({ data: { t0: (p as { t0: number }).t0, serverNow: Date.now() } }),
  );
  return socket;
}

describe('connection store, before the socket exists', () => {
  test('starts as connecting, and a call answers offline without throwing', async () => {
    const conn = useConnectionStore();
    expect(conn.status).toBe('connecting');
    expect(conn.connected).toBe(false);
    const res = await conn.call('state:get', {});
    expect(res).toMatchObject({ error: { code: 'offline' } });
  });

  test('a reconnect with no socket yet resolves at once', async () => {
    await expect(useConnectionStore().reconnect()).resolves.toBeUndefined();
  });

  test('stopped before the socket arrives (quick exit): the socket never connects', () => {
    const conn = useConnectionStore();
    conn.stop();
    const socket = fakeServer();
    conn.start(socket.asSocket());
    expect(socket.connects).toBe(0);
  });
});

describe('connection store with an injected socket', () => {
  test('connects once with the stored credential and says connected when the server accepts', () => {
    const conn = useConnectionStore();
    const socket = fakeServer();
    conn.start(socket.asSocket());
    conn.start(socket.asSocket());
    expect(socket.connects).toBe(1);
    expect(socket.auth).toEqual({ credential: 'cred-1' });
    expect(conn.status).toBe('connecting');
    socket.serverAccepts();
    expect(conn.status).toBe('connected');
    expect(conn.connected).toBe(true);
  });

  test('runs the connect hooks on every (re)connect, after the status says connected', () => {
    const conn = useConnectionStore();
    const seen: boolean[] = [];
    conn.onConnect(() => seen.push(conn.connected));
    const socket = fakeServer();
    conn.start(socket.asSocket());
    socket.serverAccepts();
    socket.dropLink();
    socket.serverAccepts();
    expect(seen).toEqual([true, true]);
  });

  test('measures the clock offset after connecting', async () => {
    const conn = useConnectionStore();
    const socket = fakeServer();
    conn.start(socket.asSocket());
    socket.serverAccepts();
    await conn.syncClock();
    expect(socket.calls('time:ping').length).toBeGreaterThan(0);
  });

  test('a lost link says reconnecting; the server hanging up on purpose means connecting again', () => {
    const conn = useConnectionStore();
    const socket = fakeServer();
    conn.start(socket.asSocket());
    socket.serverAccepts();
    socket.dropLink();
    expect(conn.status).toBe('reconnecting');
    expect(socket.connects).toBe(1);
    socket.push('disconnect', 'io server disconnect');
    expect(socket.connects).toBe(2);
  });

  test('back online: a socket that is not connected tries again at once; a connected one is left alone', () => {
    const conn = useConnectionStore();
    const socket = fakeServer();
    conn.start(socket.asSocket());
    socket.serverAccepts();
    network.dispatchEvent(new Event('online'));
    expect(socket.connects).toBe(1);
    socket.dropLink();
    network.dispatchEvent(new Event('online'));
    expect(socket.connects).toBe(2);
  });

  test('a revoked credential is forgotten, and the phone comes back unlinked', () => {
    const conn = useConnectionStore();
    const couple = useCoupleStore();
    const socket = fakeServer();
    conn.start(socket.asSocket());
    socket.fail({ code: 'not_linked' });
    expect(conn.credential).toBeNull();
    expect(storage.getItem(KEYS.credential)).toBeNull();
    expect(socket.auth).toEqual({});
    expect(socket.connects).toBe(2);
    expect(couple.snapshot).toBeNull();
  });

  test('a new credential goes into the next handshake', () => {
    const conn = useConnectionStore();
    const socket = fakeServer();
    conn.start(socket.asSocket());
    conn.setCredential('cred-2');
    expect(socket.auth).toEqual({ credential: 'cred-2' });
  });

  test('calls go out on a live connection and come back with the answer', async () => {
    const conn = useConnectionStore();
    const socket = fakeServer();
    socket.answers.set('state:get', () => Promise.resolve({ data: snapshot(4) }));
    conn.start(socket.asSocket());
    socket.serverAccepts();
    await expect(conn.call('state:get', {})).resolves.toEqual({ data: snapshot(4) });
  });

  test('an answer that never comes is a timeout, not a hang', async () => {
    const conn = useConnectionStore();
    const socket = fakeServer();
    conn.start(socket.asSocket());
    socket.serverAccepts();
    const pending = conn.call('state:get', {});
    socket.calls('state:get')[0]!.timeOut();
    await expect(pending).resolves.toMatchObject({ error: { code: 'timeout' } });
  });

  test('stop (quick exit) closes the socket', () => {
    const conn = useConnectionStore();
    const socket = fakeServer();
    conn.start(socket.asSocket());
    socket.serverAccepts();
    conn.stop();
    expect(socket.connected).toBe(false);
  });
});

describe('the first screen from the cache, then the snapshot on (re)connect', () => {
  test('listeners added before the socket exists hear the snapshot the server sends on connect', async () => {
    const conn = useConnectionStore();
    const couple = useCoupleStore();
    couple.start();
    expect(couple.snapshot?.seq).toBe(3);
    expect(couple.paired).toBe(true);

    const socket = fakeServer();
    conn.start(socket.asSocket());
    socket.serverAccepts();
    socket.push('couple:state', snapshot(5, ['Ana', 'Benji']));
    expect(couple.snapshot?.seq).toBe(5);
    expect(couple.partner?.name).toBe('Benji');

    socket.dropLink();
    socket.serverAccepts();
    socket.push('couple:state', snapshot(7));
    expect(couple.snapshot?.seq).toBe(7);
    await nextTick();
    expect((JSON.parse(storage.getItem(KEYS.snapshot)!) as CoupleSnapshot).seq).toBe(7);
  });

  test('an older snapshot arriving late does not replace a newer one', () => {
    const conn = useConnectionStore();
    const couple = useCoupleStore();
    couple.start();
    const socket = fakeServer();
    conn.start(socket.asSocket());
    socket.serverAccepts();
    socket.push('couple:state', snapshot(2));
    expect(couple.snapshot?.seq).toBe(3);
  });

  test('a partner’s move that follows on is applied in place; after a missed step the whole state is fetched', async () => {
    const conn = useConnectionStore();
    const couple = useCoupleStore();
    couple.start();
    const socket = fakeServer();
    socket.answers.set('state:get', () => Promise.resolve({ data: { ...snapshot(6), phase: 'reconnect' } }));
    conn.start(socket.asSocket());
    socket.serverAccepts();

    socket.push('couple:change', { coupleId: 'c1', from: 3, seq: 4, set: { phase: 'paused' }, serverNow: 9 });
    expect(couple.snapshot).toMatchObject({ seq: 4, phase: 'paused', serverNow: 9 });
    expect(couple.partner?.name).toBe('Ben');
    expect(socket.calls('state:get')).toHaveLength(0);

    socket.push('couple:change', { coupleId: 'c1', from: 2, seq: 3, set: { phase: 'calm' }, serverNow: 10 });
    expect(couple.snapshot).toMatchObject({ seq: 4, phase: 'paused' });

    socket.push('couple:change', { coupleId: 'c1', from: 5, seq: 6, set: { phase: 'reconnect' }, serverNow: 11 });
    expect(couple.snapshot?.seq).toBe(4);
    await vi.waitFor(() => expect(couple.snapshot).toMatchObject({ seq: 6, phase: 'reconnect' }));
    expect(socket.calls('state:get')).toHaveLength(1);
  });

  test('a listener added after the socket is there hears it too', () => {
    const conn = useConnectionStore();
    const socket = fakeServer();
    conn.start(socket.asSocket());
    const heard: unknown[] = [];
    conn.on('couple:unlinked', () => heard.push('unlinked'));
    socket.push('couple:unlinked');
    expect(heard).toEqual(['unlinked']);
  });
});
