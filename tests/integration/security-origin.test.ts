import { request } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

/**
 * Only our own pages reach the socket endpoint, on every request: JSONP polling is refused, every
 * long-polling request (not only the handshake) has its Origin (scheme included) or Sec-Fetch-Site
 * checked, and a request whose Host is not one of this server's names (DNS rebinding) is refused.
 * Engine.io's own responses carry the security headers Express would have added.
 */

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(
  server: TestServer,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const HANDSHAKE = '/socket.io/?EIO=4&transport=polling';

/** A polling session opened the way a non-browser client does (no Origin); returns its sid. */
async function session(server: TestServer): Promise<string> {
  const res = await get(server, HANDSHAKE);
  expect(res.status).toBe(200);
  return (JSON.parse(res.body.slice(1)) as { sid: string }).sid;
}

function code(res: Answer): string {
  return (JSON.parse(res.body) as { error: { code: string } }).error.code;
}

describe('origin and host checks', () => {
  let server: TestServer | undefined;

  afterEach(async () => {
    await server?.stop();
    server?.cleanup();
    server = undefined;
  });

  test('JSONP polling is refused, with or without a session', async () => {
    server = await startServer();
    const jsonp = await get(server, `${HANDSHAKE}&j=0`);
    expect(jsonp.status).toBe(403);
    expect(code(jsonp)).toBe('jsonp_refused');
    const sid = await session(server);
    expect(code(await get(server, `${HANDSHAKE}&sid=${sid}&j=1`))).toBe('jsonp_refused');
  });

  test('every polling request is checked, not only the handshake', async () => {
    server = await startServer();
    const own = server.url;
    const sid = await session(server);
    const poll = `${HANDSHAKE}&sid=${sid}`;
    // A foreign page's fetch carries its Origin; a foreign <script src> carries Sec-Fetch-Site.
    expect(code(await get(server, poll, { origin: 'http://evil.example' }))).toBe('origin_refused');
    expect(code(await get(server, poll, { 'sec-fetch-site': 'cross-site' }))).toBe('origin_refused');
    expect(code(await get(server, poll, { 'sec-fetch-site': 'same-site' }))).toBe('origin_refused');
    expect(code(await get(server, poll, { origin: 'null' }))).toBe('origin_refused');
    const post = await get(
      server,
      poll,
      { origin: 'http://evil.example', 'content-type': 'text/plain' },
      'POST',
      '42["time:ping",{"t0":1}]',
    );
    expect(code(post)).toBe('origin_refused');
    // Our own page passes: a POST carries its Origin, a same-origin GET only Sec-Fetch-Site. (The
    // CONNECT posted first gets the GET its answer at once instead of a long poll.)
    const ownPost = await get(server, poll, { origin: own, 'content-type': 'text/plain' }, 'POST', '40');
    expect(ownPost.status).toBe(200);
    expect((await get(server, poll, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  test('the Origin’s scheme must match too', async () => {
    server = await startServer();
    const https = server.url.replace('http:', 'https:');
    const res = await get(server, HANDSHAKE, { origin: https });
    expect(res.status).toBe(403);
    expect(code(res)).toBe('origin_refused');
    expect((await get(server, HANDSHAKE, { origin: server.url })).status).toBe(200);
  });

  test('ALLOWED_ORIGINS are compared whole: scheme, host and port', async () => {
    server = await startServer({ config: { origins: ['https://app.example.org'] } });
    expect((await get(server, HANDSHAKE, { origin: 'https://app.example.org' })).status).toBe(200);
    expect(code(await get(server, HANDSHAKE, { origin: 'http://app.example.org' }))).toBe('origin_refused');
    expect(code(await get(server, HANDSHAKE, { origin: 'https://app.example.org:8443' }))).toBe('origin_refused');
  });

  test('a Host that is not one of this server’s names is refused, for the app and the socket endpoint (DNS rebinding)', async () => {
    server = await startServer({ config: { hosts: ['breather.example.org'] } });
    const port = new URL(server.url).port;
    for (const path of ['/', '/healthz', HANDSHAKE]) {
      const res = await get(server, path, { host: `rebound.example:${port}` });
      expect(res.status, path).toBe(403);
      expect(code(res)).toBe('host_refused');
    }
    // The rebinding page is same-origin with itself, so its Origin matches its Host: still refused.
    const rebound = await get(server, HANDSHAKE, {
      host: `rebound.example:${port}`,
      origin: `http://rebound.example:${port}`,
    });
    expect(code(rebound)).toBe('host_refused');
    expect(code(await get(server, '/healthz', { host: 'bad host' }))).toBe('host_refused');
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      `app.localhost:${port}`,
      'breather.example.org',
    ]) {
      expect((await get(server, '/healthz', { host })).status, host).toBe(200);
    }
  });

  test('engine.io’s polling responses carry nosniff and a restrictive CSP', async () => {
    server = await startServer();
    const sid = await session(server);
    const poll = `${HANDSHAKE}&sid=${sid}`;
    const answers = [
      await get(server, HANDSHAKE),
      await get(server, poll, { 'content-type': 'text/plain' }, 'POST', '40'),
      await get(server, poll),
    ];
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    }
  });
});
