import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { defaultConfig } from '../../server/config.js';
import { createApp, type App } from '../../server/create-app.js';
import { silentLogger } from '../../server/log.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Store } from '../../server/store/store.js';
import { call, closeSockets, connectClient, connected, ManualClock, ok, type TestSocket } from '../support/server.js';

/**
 * An unpair (from the partner's phone) that lands between a command's read and its write makes the command fail: unpairing bumps
 * the couple's seq, so the command's compare-and-set loses and its retry finds no device.
 */

let app: App | undefined;
let dir = '';
const sockets: TestSocket[] = [];

afterEach(async () => {
  closeSockets(sockets);
  await app?.close();
  app = undefined;
  rmSync(dir, { recursive: true, force: true });
});

test('a pause:start racing couple:unpair is refused and stores nothing', async () => {
  dir = mkdtempSync(join(tmpdir(), 'breather-race-'));
  const real = openSqliteStore(join(dir, 'breather.db'));
  // The race, made deterministic: the first state write waits until the partner's unpair has committed.
  let unpairNow: (() => Promise<unknown>) | null = null;
  const store: Store = {
    ...real,
    async saveCoupleState(coupleId, expectedSeq, next) {
      const racing = unpairNow;
      unpairNow = null;
      if (racing) await racing();
      return real.saveCoupleState(coupleId, expectedSeq, next);
    },
  };
  app = createApp({ store, clock: new ManualClock(), config: defaultConfig({ dataDir: dir }), log: silentLogger });
  await new Promise<void>((resolve) => app!.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;

  const a = connectClient(url);
  sockets.push(a);
  await connected(a);
  const invite = await ok(a, 'invite:create', { name: 'Alex' });
  const b = connectClient(url);
  sockets.push(b);
  await connected(b);
  await ok(b, 'invite:join', { code: invite.code, name: 'Sam' });
  const coupleId = invite.snapshot.coupleId;

  // Straight to the store: the unpair handler would also disconnect A before its ack could arrive.
  unpairNow = () => real.unpairCouple(coupleId, Date.now());
  const paused = await call(a, 'pause:start', { commandId: 'cmd-race-1', minutes: 20 });
  expect(paused).toEqual({ error: { code: 'not_linked' } });
  const state = await real.loadCoupleState(coupleId);
  expect(state?.phase).not.toBe('paused');
});
