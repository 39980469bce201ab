import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_BREAK_MINUTES } from '../../shared/pause/limits.js';
import { initialCoupleState, type CoupleState } from '../../shared/pause/machine.js';
import { DEFAULT_REASSURANCE } from '../../shared/pause/reassurance.js';
import { newCredential } from '../../server/security/secrets.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { DeviceRecord, Store } from '../../server/store/store.js';

/**
 * The SQLite store keeps a couple's state, devices and push subscriptions in memory. The file stays
 * the truth: what the store returns must always be what a fresh read of the file would give, once
 * another connection (another process on the same file) has written it too.
 */

const nextTurn = () => new Promise<void>((done) => setImmediate(done));

function device(id: string, coupleId: string, name: string): DeviceRecord {
  return {
    id,
    coupleId,
    name,
    secretHash: newCredential(id).secretHash,
    linkedAt: 1,
    defaultMinutes: DEFAULT_BREAK_MINUTES,
    reassurance: DEFAULT_REASSURANCE,
    tendsToWithdraw: null,
    publicKey: null,
    agreedTerms: null,
  };
}

function paused(state: CoupleState, seq: number): CoupleState {
  return { ...state, seq, phase: 'paused', pause: { id: `p-${seq}`, startedAt: 1, endsAt: 2, pausers: [], ready: [] } };
}

describe('the SQLite store’s read cache', () => {
  let dir: string;
  let file: string;
  let store: Store;
  let other: Database.Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'breather-cache-'));
    file = join(dir, 'breather.db');
    store = openSqliteStore(file);
    await store.createCouple('c1', device('d1', 'c1', 'Sam'), initialCoupleState());
    other = new Database(file);
  });

  afterEach(async () => {
    other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a committed state is what the next read returns', async () => {
    const before = await store.loadCoupleState('c1');
    expect(await store.saveCoupleState('c1', 0, paused(before!, 1))).toBe(true);
    expect((await store.loadCoupleState('c1'))?.phase).toBe('paused');
    expect(await store.saveCoupleState('c1', 0, paused(before!, 1))).toBe(false);
    expect((await store.loadCoupleState('c1'))?.seq).toBe(1);
  });

  test('a write by another connection is seen from the next turn on, for state, devices and subscriptions', async () => {
    const state = (await store.loadCoupleState('c1'))!;
    expect(await store.listDevices('c1')).toHaveLength(1);
    expect(await store.listPushSubscriptions('c1')).toEqual([]);
    await nextTurn();

    other.prepare('UPDATE couples SET seq = 7, state = ? WHERE id = ?').run(JSON.stringify(paused(state, 7)), 'c1');
    other.prepare('UPDATE devices SET name = ? WHERE id = ?').run('Alex', 'd1');
    other
      .prepare(
        'INSERT INTO push_subscriptions (endpoint, device_id, couple_id, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('https://push.example/1', 'd1', 'c1', 'k', 'a', 1);
    await nextTurn();

    expect(await store.loadCoupleState('c1')).toMatchObject({ seq: 7, phase: 'paused' });
    expect((await store.listDevices('c1'))[0]?.name).toBe('Alex');
    expect(await store.listPushSubscriptions('c1')).toHaveLength(1);
  });

  test('a compare-and-set against a state another connection changed fails, and the retry reads the file', async () => {
    const state = (await store.loadCoupleState('c1'))!;
    await nextTurn();
    other.prepare('UPDATE couples SET seq = 1, state = ? WHERE id = ?').run(JSON.stringify(paused(state, 1)), 'c1');
    // Same turn as the foreign write's discovery or not, the compare-and-set is decided by the file.
    expect(await store.saveCoupleState('c1', 0, paused(state, 1))).toBe(false);
    expect((await store.loadCoupleState('c1'))?.seq).toBe(1);
  });

  test('settings, keys, joins, unpairing and push changes made through the store show at once', async () => {
    // Each change comes after a read that put the old value in the cache, so a stale copy would show.
    const primed = async () => {
      await store.listDevices('c1');
      await store.loadCoupleState('c1');
      await store.listPushSubscriptions('c1');
    };
    await primed();
    await store.updateDeviceSettings('d1', { name: 'Robin' });
    expect((await store.listDevices('c1'))[0]?.name).toBe('Robin');
    await primed();
    await store.setDevicePublicKey('d1', 'key-1');
    expect((await store.listDevices('c1'))[0]?.publicKey).toBe('key-1');
    expect((await store.loadCoupleState('c1'))?.seq).toBe(2);

    await primed();
    await store.createInvite({
      id: 'i1',
      coupleId: 'c1',
      lookup: 'L1',
      secretHash: Buffer.alloc(32),
      tokenHash: Buffer.alloc(32, 1),
      createdAt: 1,
      expiresAt: 10,
      wrongGuesses: 0,
      usedAt: null,
    });
    expect(await store.joinWithInvite('i1', device('d2', 'c1', 'Alex'), 2)).toBe('joined');
    expect((await store.listDevices('c1')).map((d) => d.name)).toEqual(['Robin', 'Alex']);
    expect((await store.loadCoupleState('c1'))?.seq).toBe(3);

    await primed();
    expect(
      await store.savePushSubscription({
        endpoint: 'https://push.example/2',
        deviceId: 'd1',
        p256dh: 'k',
        auth: 'a',
        createdAt: 1,
      }),
    ).toBe(true);
    expect(await store.listPushSubscriptions('c1')).toHaveLength(1);
    await store.deletePushEndpoint('https://push.example/2');
    expect(await store.listPushSubscriptions('c1')).toEqual([]);

    await primed();
    await store.unpairCouple('c1', 5);
    expect(await store.listDevices('c1')).toEqual([]);
  });
});
