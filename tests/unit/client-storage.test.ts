import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { nextTick } from 'vue';
import * as v from 'valibot';
import { KEYS, persisted, read, save, type Schema } from '../../client/lib/storage.js';
import * as stored from '../../client/lib/stored.js';
import { memoryStorage } from '../support/fake-socket.js';

let storage: Storage;

beforeEach(() => {
  storage = memoryStorage();
  vi.stubGlobal('localStorage', storage);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const now = 1_760_000_000_000;
const device = (id: string, name: string) => ({
  id,
  name,
  linkedAt: now,
  defaultMinutes: 20,
  reassurance: 'I will come back.',
  tendsToWithdraw: null,
  publicKey: 'BPk',
});

/** What the current build writes under each key, as raw JSON: phones already hold exactly these. */
const todays: Array<[string, string, Schema<unknown>]> = [
  [KEYS.credential, JSON.stringify('cred-abc'), stored.credentialSchema],
  [KEYS.deviceId, JSON.stringify('d1'), stored.deviceIdSchema],
  [KEYS.offset, JSON.stringify(-1234.5), stored.offsetSchema],
  [KEYS.screened, JSON.stringify(true), stored.screenedSchema],
  [KEYS.invite, JSON.stringify({ code: 'ABCD-EFGH', token: 'tok', expiresAt: now }), stored.inviteSchema],
  [KEYS.queuedPause, JSON.stringify({ commandId: 'cmd-1', minutes: 20, queuedAt: now }), stored.queuedPauseSchema],
  [
    KEYS.snapshot,
    JSON.stringify({
      coupleId: 'c1',
      seq: 7,
      phase: 'paused',
      devices: [device('d1', 'Ana'), device('d2', 'Ben')],
      pause: {
        id: 'p1',
        startedAt: now,
        endsAt: now + 1_200_000,
        pausers: [
          {
            deviceId: 'd1',
            startedAt: now,
            endsAt: now + 1_200_000,
            reassurance: '',
            extended: { at: now, addedMs: 60_000 },
          },
        ],
        ready: [],
        shownBy: ['d2'],
      },
      conversation: null,
      agreement: { terms: 'digest', accepted: ['d1'] },
      talkLater: { at: now, setBy: 'd2' },
      serverNow: now,
    }),
    stored.snapshotSchema,
  ],
  [
    KEYS.heldMine,
    JSON.stringify([
      { id: 'm1', pauseId: 'p1', payload: 'v1.iv.ct', createdAt: now, updatedAt: now, editable: false, sentAt: null },
    ]),
    stored.heldMineSchema,
  ],
  [
    KEYS.heldOutbox,
    JSON.stringify([
      { op: 'save', messageId: 'm2', pauseId: 'p1', text: 'later', createdAt: now },
      { op: 'discard', messageId: 'm3', pauseId: 'p1', createdAt: now },
    ]),
    stored.heldOutboxSchema,
  ],
  [
    KEYS.heldReceived,
    JSON.stringify([{ id: 'm9', authorId: 'd2', text: null, createdAt: now, receivedAt: now, archived: false }]),
    stored.heldReceivedSchema,
  ],
  [KEYS.heldDraft, JSON.stringify({ pauseId: 'p1', text: 'half', editing: null }), stored.heldDraftSchema],
];

describe('today’s stored format still loads', () => {
  test.each(todays)('%s', (key, raw, schema) => {
    storage.setItem(key, raw);
    expect(read(key, schema)).toEqual(JSON.parse(raw));
  });

  test('every key is covered', () => {
    expect(new Set(todays.map(([key]) => key))).toEqual(new Set(Object.values(KEYS)));
  });

  test('today’s format is written back unchanged', () => {
    for (const [key, raw, schema] of todays) {
      storage.setItem(key, raw);
      save(key, read(key, schema));
      expect(storage.getItem(key)).toBe(raw);
    }
  });
});

describe('what fails the check is dropped, never trusted', () => {
  test.each([
    [KEYS.snapshot, JSON.stringify({ coupleId: 'c1', seq: 1, phase: 'paused', devices: 'Ana' }), stored.snapshotSchema],
    [
      KEYS.heldOutbox,
      JSON.stringify([{ op: 'explode', messageId: 'm', pauseId: 'p', createdAt: 1 }]),
      stored.heldOutboxSchema,
    ],
    [KEYS.queuedPause, JSON.stringify({ commandId: 'c', minutes: -5, queuedAt: 1 }), stored.queuedPauseSchema],
    [KEYS.deviceId, JSON.stringify(42), stored.deviceIdSchema],
    [KEYS.credential, '{not json', stored.credentialSchema],
    [KEYS.screened, JSON.stringify(false), stored.screenedSchema],
  ] as Array<[string, string, Schema<unknown>]>)('%s: %s', (key, raw, schema) => {
    storage.setItem(key, raw);
    expect(read(key, schema)).toBeNull();
  });

  test('a storage that throws reads as empty and refuses writes quietly', () => {
    const broken = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    vi.stubGlobal('localStorage', broken);
    expect(read(KEYS.deviceId, stored.deviceIdSchema)).toBeNull();
    expect(save(KEYS.deviceId, 'd1')).toBe(false);
  });
});

describe('versions', () => {
  const v2 = v.object({ names: v.array(v.string()) });
  const migrate = (value: unknown, from: number) => (from === 1 ? { names: [value] } : value);

  test('a version-1 value is migrated, checked and loads', () => {
    storage.setItem('breather.test', JSON.stringify('Ana'));
    expect(read('breather.test', v2, { version: 2, migrate })).toEqual({ names: ['Ana'] });
  });

  test('a later version is written with its number and read back without migrating', () => {
    save('breather.test', { names: ['Ben'] }, 2);
    expect(JSON.parse(storage.getItem('breather.test')!)).toEqual({ v: 2, value: { names: ['Ben'] } });
    expect(read('breather.test', v2, { version: 2, migrate: () => null })).toEqual({ names: ['Ben'] });
  });

  test('an older value without a migration, or a newer one, is dropped', () => {
    storage.setItem('breather.test', JSON.stringify('Ana'));
    expect(read('breather.test', v2, { version: 2 })).toBeNull();
    save('breather.test', { names: [] }, 3);
    expect(read('breather.test', v2, { version: 2, migrate })).toBeNull();
  });

  test('a migration that fails, or returns the wrong shape, falls back', () => {
    storage.setItem('breather.test', JSON.stringify('Ana'));
    const throwing = () => {
      throw new Error('bad');
    };
    expect(read('breather.test', v2, { version: 2, migrate: throwing })).toBeNull();
    expect(read('breather.test', v2, { version: 2, migrate: () => ({ names: 1 }) })).toBeNull();
  });
});

describe('persisted', () => {
  test('starts from the stored value, or the fallback when it fails the check', () => {
    storage.setItem(KEYS.heldOutbox, JSON.stringify([{ op: 'send', messageId: 'm', pauseId: 'p', createdAt: 1 }]));
    expect(persisted(KEYS.heldOutbox, stored.heldOutboxSchema, { fallback: [] }).value).toHaveLength(1);
    storage.setItem(KEYS.heldOutbox, JSON.stringify({ not: 'a list' }));
    expect(persisted(KEYS.heldOutbox, stored.heldOutboxSchema, { fallback: [] }).value).toEqual([]);
  });

  test('writes changes back, deep ones too, and removes absent values', async () => {
    const list = persisted(KEYS.heldOutbox, stored.heldOutboxSchema, { fallback: [], absent: (l) => l.length === 0 });
    list.value.push({ op: 'discard', messageId: 'm', pauseId: 'p', createdAt: 1 });
    await nextTick();
    expect(JSON.parse(storage.getItem(KEYS.heldOutbox)!)).toEqual([
      { op: 'discard', messageId: 'm', pauseId: 'p', createdAt: 1 },
    ]);
    list.value = [];
    await nextTick();
    expect(storage.getItem(KEYS.heldOutbox)).toBeNull();
  });
});
