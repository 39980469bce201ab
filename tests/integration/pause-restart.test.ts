import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { MINUTE_MS } from '../../shared/pause/limits.js';
import { startServerProcess, type ServerProcess } from '../../scripts/server-process.js';
import {
  closeSockets,
  connectClient,
  linkedPair,
  nextEvent,
  ok,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

let children: ServerProcess[] = [];
const sockets: TestSocket[] = [];
let dataDir: string | undefined;

afterEach(async () => {
  closeSockets(sockets);
  for (const c of children) {
    if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await c.exited;
  }
  children = [];
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** The real entry point with its production flags, as `npm start` runs it. */
async function spawnServer(dir: string): Promise<ServerProcess> {
  const server = await startServerProcess({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    TLS_CERT_FILE: '',
    TLS_KEY_FILE: '',
  });
  children.push(server);
  expect(server.port).toBeGreaterThan(0);
  return server;
}

/** Connects with a stored credential; resolves with the snapshot the server sends on connect. */
async function reconnect(url: string, credential: string): Promise<CoupleSnapshot> {
  const socket = connectClient(url, credential);
  sockets.push(socket);
  const [snapshot] = await nextEvent(socket, 'couple:state', 5000);
  return snapshot;
}

test('a pause survives the server being killed mid-pause', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'breather-restart-'));
  const first = await spawnServer(dataDir);
  // linkedPair only needs the URL of a running server.
  const pair = await linkedPair({ url: first.url } as TestServer);
  sockets.push(pair.a, pair.b);

  const before = Date.now();
  const started = await ok(pair.a, 'pause:start', { commandId: 'restart-0001', minutes: 20 });
  const extended = await ok(pair.a, 'pause:extend', { commandId: 'restart-0002', seq: started.seq, minutes: 60 });
  const pause = extended.pause!;
  expect(extended.phase).toBe('paused');
  expect(pause.endsAt).toBeGreaterThanOrEqual(before + 80 * MINUTE_MS);

  // No shutdown handler runs: only what was durably written before the ack survives.
  first.proc.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  closeSockets(sockets);

  const second = await spawnServer(dataDir);
  expect(second.port).not.toBe(0);
  const [onA, onB] = await Promise.all([
    reconnect(second.url, pair.aCredential),
    reconnect(second.url, pair.bCredential),
  ]);
  for (const snap of [onA, onB]) {
    expect(snap.phase).toBe('paused');
    expect(snap.seq).toBe(extended.seq);
    expect(snap.pause!.id).toBe(pause.id);
    expect(snap.pause!.endsAt).toBe(pause.endsAt);
    expect(snap.pause).toEqual(pause);
    expect(snap.devices.map((d) => d.id)).toEqual(extended.devices.map((d) => d.id));
  }

  // The restored pause is live: the pauser can still end it, with the seq from the snapshot.
  const ended = await ok(sockets[0]!, 'pause:end', { commandId: 'restart-0003', seq: onA.seq, rating: 3 });
  expect(ended.seq).toBe(onA.seq + 1);
});
