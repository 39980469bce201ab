import { afterEach, expect, test } from 'vitest';
import {
  connectClient,
  connected,
  linkedPair,
  nextEvent,
  ok,
  startServer,
  tearDown,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

let server: TestServer | undefined;
const sockets: TestSocket[] = [];

afterEach(async () => {
  await tearDown(sockets, server);
  server = undefined;
});

/** What connection-state recovery keeps to replay (server/realtime/recovery-adapter.ts). */
function recoveryBuffer(s: TestServer): Array<{ opts: { rooms: Set<string> }; data: unknown[] }> {
  return (s.app.io.of('/').adapter as unknown as { packets: Array<{ opts: { rooms: Set<string> }; data: unknown[] }> })
    .packets;
}

test('the recovery buffer keeps what went to the couple, not the snapshot each phone is sent on connect', async () => {
  server = await startServer();
  const { a, b, aCredential, invite } = await linkedPair(server);
  sockets.push(a, b);
  const before = recoveryBuffer(server).length;

  const again = connectClient(server.url, aCredential);
  sockets.push(again);
  const onConnect = nextEvent(again, 'couple:state');
  await connected(again);
  await onConnect;
  expect(recoveryBuffer(server)).toHaveLength(before);

  const heard = nextEvent(b, 'couple:change');
  await ok(a, 'pause:start', { commandId: 'recovery-buffer-1', minutes: 20 });
  await heard;
  const kept = recoveryBuffer(server).slice(before);
  expect(kept.map((p) => [...p.opts.rooms])).toEqual([[`couple:${invite.snapshot.coupleId}`]]);
  expect(kept[0]!.data[0]).toBe('couple:change');
});
