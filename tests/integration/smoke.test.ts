import { afterEach, expect, test } from 'vitest';
import { linkedPair, ok, startServer, type TestServer } from '../support/server.js';

let server: TestServer;
afterEach(async () => {
  await server.stop();
  server.cleanup();
});

test('two phones link and pause', async () => {
  server = await startServer();
  const { a, b, joined } = await linkedPair(server);
  expect(joined.snapshot.devices.map((d) => d.name)).toEqual(['Alex', 'Sam']);
  const p = await ok(a, 'pause:start', { commandId: 'cmd-00000001', minutes: 20 });
  expect(p.phase).toBe('paused');
  a.close();
  b.close();
});
