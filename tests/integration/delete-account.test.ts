import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import {
  call,
  connectClient,
  connected,
  linkedPair,
  nextEvent,
  ok,
  refusedHandshake,
  startServer,
  tearDown,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

/**
 * Delete everything, on the server: `account:delete` removes the person's device, their held messages
 * and the couple at once. With secure_delete and a truncating WAL checkpoint, nothing they wrote stays
 * readable in the database file or its WAL.
 */

/** Every byte the database keeps on disk: the main file, the WAL and the shared-memory index. */
function diskBytes(dbFile: string): Buffer {
  return Buffer.concat([dbFile, `${dbFile}-wal`, `${dbFile}-shm`].filter(existsSync).map((f) => readFileSync(f)));
}

function canary(label: string): string {
  // Letters and digits only, so it fits a name and an envelope-shaped payload alike.
  return `${label}${randomBytes(12).toString('hex')}`;
}

describe('delete everything (server side)', () => {
  let server: TestServer | undefined;
  const sockets: TestSocket[] = [];

  afterEach(async () => {
    await tearDown(sockets, server);
    server = undefined;
  });

  test('the person’s name and held message leave no trace in the database file or the WAL', async () => {
    server = await startServer();
    const name = canary('Nm');
    const held = canary('HeldCanary');
    const pair = await linkedPair(server, { a: 'Alex', b: name });
    sockets.push(pair.a, pair.b);
    await ok(pair.a, 'pause:start', { commandId: 'cmd-delete-1', minutes: 20 });
    await ok(pair.b, 'held:save', { messageId: 'msg-delete-1', payload: `v1.AAAAAAAAAAAAAAAA.${held}` });
    // Edited once, so an older copy of the row exists too.
    await ok(pair.b, 'held:save', { messageId: 'msg-delete-1', payload: `v1.BBBBBBBBBBBBBBBB.${held}x` });

    // The test means something only if the words are on disk to begin with.
    const before = diskBytes(server.dbFile);
    expect(before.includes(name)).toBe(true);
    expect(before.includes(held)).toBe(true);

    const told = nextEvent(pair.a, 'couple:unlinked');
    expect(await ok(pair.b, 'account:delete', {})).toEqual({ deleted: true });
    await told;

    const after = diskBytes(server.dbFile);
    expect(after.includes(name)).toBe(false);
    expect(after.includes(held)).toBe(false);
    // The WAL was emptied, not merely rewound.
    if (existsSync(`${server.dbFile}-wal`)) expect(readFileSync(`${server.dbFile}-wal`).length).toBe(0);

    // Still nothing after a restart (which replays nothing, since the WAL is empty).
    await server.stop();
    server = await server.restart();
    expect(diskBytes(server.dbFile).includes(held)).toBe(false);
    expect(diskBytes(server.dbFile).includes(name)).toBe(false);
  });

  test('both phones are unlinked at once; the partner is told and neither credential works any more', async () => {
    server = await startServer();
    const pair = await linkedPair(server);
    sockets.push(pair.a, pair.b);
    const told = nextEvent(pair.a, 'couple:unlinked');
    const aDropped = new Promise<string>((resolve) => pair.a.once('disconnect', resolve));
    expect(await ok(pair.b, 'account:delete', {})).toEqual({ deleted: true });
    await told;
    expect(await aDropped).toBe('io server disconnect');

    for (const credential of [pair.aCredential, pair.bCredential]) {
      const s = connectClient(server.url, credential);
      sockets.push(s);
      expect(await refusedHandshake(s, 'a deleted credential')).toBe('not_linked');
    }
    // Nothing is kept for a retention period: the couple is gone now.
    expect(await server.app.purgeExpired()).toBe(0);
  });

  test('a phone that is not linked has nothing on the server: not_linked, and nothing changes', async () => {
    server = await startServer();
    const pair = await linkedPair(server);
    const stranger = connectClient(server.url);
    sockets.push(pair.a, pair.b, stranger);
    await connected(stranger);
    expect(await call(stranger, 'account:delete', {})).toEqual({ error: { code: 'not_linked' } });
    expect((await ok(pair.a, 'state:get', {})).devices).toHaveLength(2);
  });
});
