import { connect } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { defaultConfig } from '../../server/config.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * A request must arrive whole within the request timeout: a POST that announces a huge body and never
 * sends it is answered and its connection closed, instead of holding it for Node's default 300 s.
 * (The timeouts are shortened here; the defaults live in config.ts.)
 */

let server: TestServer | undefined;

afterEach(async () => {
  await server?.stop();
  server?.cleanup();
  server = undefined;
});

test('a POST with a huge Content-Length and no body is cut off at the request timeout', async () => {
  server = await startServer({
    config: { http: { ...defaultConfig().http, requestTimeoutMs: 200, headersTimeoutMs: 200, checkEveryMs: 50 } },
  });
  const { port } = new URL(server.url);
  const socket = connect(Number(port), '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.write(
    `POST /anything HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000000\r\n\r\n`,
  );
  await closed;
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
}, 10_000);

test('the defaults keep requests short too', () => {
  const { http } = defaultConfig();
  expect(http.requestTimeoutMs).toBeLessThanOrEqual(60_000);
  expect(http.headersTimeoutMs).toBeLessThanOrEqual(http.requestTimeoutMs);
});
