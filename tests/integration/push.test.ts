import { createECDH, createPublicKey, hkdfSync, createDecipheriv, randomBytes, verify, createHmac } from 'node:crypto';
import { statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/config.js';
import { VAPID_FILE } from '../../server/push/vapid.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { PushPayload } from '../../shared/contracts/push.js';
import { call, linkedPair, ok, startServer, type TestServer, type TestSocket } from '../support/server.js';

const MINUTE_MS = 60_000;

/** A browser's side of a subscription: its ECDH key pair and auth secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, p256dh: ecdh.getPublicKey().toString('base64url'), authB64: auth.toString('base64url') };
}
type BrowserKeys = ReturnType<typeof browserKeys>;

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A push service on loopback: records every POST and answers with the status set per path. */
async function fakePushService() {
  const received: Received[] = [];
  const status = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = status.get(req.url ?? '') ?? 201;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin, received, status };
}

/** Checks `Authorization: vapid t=<jwt>, k=<key>` (RFC 8292): an ES256 JWT signed by that key, for this origin. */
function verifyVapid(headers: IncomingMessage['headers'], audience: string, expectedKey: string): void {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(String(headers.authorization));
  expect(match, String(headers.authorization)).not.toBeNull();
  const [, jwt, k] = match!;
  expect(k).toBe(expectedKey);
  const [h, p, s] = jwt!.split('.');
  expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toMatchObject({ typ: 'JWT', alg: 'ES256' });
  const point = Buffer.from(k!, 'base64url');
  expect(point.length).toBe(65);
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s!, 'base64url'),
  );
  expect(signed).toBe(true);
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  expect(claims.aud).toBe(audience);
  const nowS = Date.now() / 1000;
  expect(claims.exp).toBeGreaterThan(nowS);
  expect(claims.exp).toBeLessThanOrEqual(nowS + 24 * 3600);
  expect(claims.sub).toMatch(/^(mailto:|https:)/);
}

/** RFC 8291 (aes128gcm, RFC 8188) decryption with the browser's private key and auth secret. */
function decrypt(body: Buffer, keys: BrowserKeys): string {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  expect(idlen).toBe(65);
  expect(ciphertext.length).toBeLessThanOrEqual(rs);
  const uaPublic = keys.ecdh.getPublicKey();
  const ecdhSecret = keys.ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  // HKDF(auth, ecdh_secret, key_info, 32), written out as in RFC 8291 §3.4.
  const prkKey = createHmac('sha256', keys.auth).update(ecdhSecret).digest();
  const ikm = createHmac('sha256', prkKey)
    .update(Buffer.concat([keyInfo, Buffer.from([1])]))
    .digest();
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(-16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 and then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  expect(padded[end]).toBe(2);
  return padded.subarray(0, end).toString('utf8');
}

async function subscribe(socket: TestSocket, endpoint: string, keys: BrowserKeys) {
  return call(socket, 'push:subscribe', {
    endpoint,
    expirationTime: null,
    keys: { p256dh: keys.p256dh, auth: keys.authB64 },
  });
}

describe('Web Push', () => {
  let push: Awaited<ReturnType<typeof fakePushService>>;
  let server: TestServer;
  let a: TestSocket;
  let b: TestSocket;
  const keysA = browserKeys();
  const keysB = browserKeys();
  let publicKey: string;
  let reassurance: string;
  const pushConfig = { ...defaultConfig().push, allowLoopbackHttp: true, sweepIntervalMs: 3_600_000 };

  beforeAll(async () => {
    push = await fakePushService();
    server = await startServer({ config: { push: pushConfig } });
    const pair = await linkedPair(server, { a: 'Alex', b: 'Sam' });
    a = pair.a;
    b = pair.b;
    reassurance = (await ok(a, 'state:get', {})).devices[0]!.reassurance;
    publicKey = (await ok(a, 'push:key', {})).publicKey!;
    expect(publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
  });

  afterAll(async () => {
    a?.disconnect();
    b?.disconnect();
    await server?.stop();
    server?.cleanup();
    await new Promise((r) => push?.server.close(r));
  });

  it('keeps the generated VAPID keys in the data dir, readable by the server only', () => {
    const mode = statSync(join(server.dataDir, VAPID_FILE)).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('accepts only push-service endpoints and well-formed keys', async () => {
    const refused = async (endpoint: string, keys = keysA) => {
      const res = await subscribe(a, endpoint, keys);
      expect('error' in res && res.error.code).toBe('bad_request');
    };
    await refused('https://evil.example.com/push/1');
    await refused('http://10.0.0.1/push');
    await refused('http://localhost:1/push');
    await refused(`https://fcm.googleapis.com.evil.example/x`);
    await refused(`${push.origin}/a`, { ...keysA, p256dh: Buffer.alloc(65, 1).toString('base64url') });
    await refused(`${push.origin}/a`, { ...keysA, authB64: Buffer.alloc(15).toString('base64url') });
    // Without the test-only flag a loopback http endpoint is refused too.
    const strict = await startServer();
    try {
      const pair = await linkedPair(strict);
      const res = await subscribe(pair.a, `${push.origin}/a`, keysA);
      expect('error' in res && res.error.code).toBe('bad_request');
      pair.a.disconnect();
      pair.b.disconnect();
    } finally {
      await strict.stop();
      strict.cleanup();
    }
  });

  it('tells the partner, and only the partner, that a break started: signed, encrypted, neutral', async () => {
    expect(
      await ok(a, 'push:subscribe', {
        endpoint: `${push.origin}/a`,
        keys: { p256dh: keysA.p256dh, auth: keysA.authB64 },
      }),
    ).toEqual({ subscribed: true });
    expect(
      await ok(b, 'push:subscribe', {
        endpoint: `${push.origin}/b`,
        keys: { p256dh: keysB.p256dh, auth: keysB.authB64 },
      }),
    ).toEqual({ subscribed: true });
    const before = push.received.length;
    const snapshot = await ok(a, 'pause:start', { commandId: 'cmd-push-0001', minutes: 20 });
    // Every push this start began has been answered: nothing else is on its way.
    await server.app.push!.settled();
    expect(push.received.slice(before).map((r) => r.path)).toEqual(['/b']);
    const got = push.received[before]!;

    verifyVapid(got.headers, push.origin, publicKey);
    expect(got.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(got.headers.ttl)).toBeGreaterThan(0);
    expect(Number(got.headers.ttl)).toBeLessThanOrEqual(20 * 60);
    const text = decrypt(got.body, keysB);
    for (const personal of ['Alex', 'Sam', reassurance, 'reassurance']) expect(text).not.toContain(personal);
    const payload = JSON.parse(text) as PushPayload;
    expect(payload).toMatchObject({ kind: 'pause_started', title: 'Breather', endsAt: snapshot.pause!.endsAt });
    expect(payload.body).toBe('Your partner is taking a break.');
    // The ciphertext itself carries nothing readable.
    expect(got.body.toString('latin1')).not.toContain('pause_started');

    // A retried tap (same command id) changes nothing and notifies no one again.
    await ok(a, 'pause:start', { commandId: 'cmd-push-0001', minutes: 20 });
    await server.app.push!.settled();
    expect(push.received.length).toBe(before + 1);
  });

  it('tells both phones when the time is up, once, even across a restart; a 410 removes the subscription', async () => {
    const before = push.received.length;
    expect(await server.app.push!.sweep()).toBe(0);
    server.clock.advance(20 * MINUTE_MS);
    push.status.set('/a', 410);
    expect(await server.app.push!.sweep()).toBe(1);
    const sent = push.received.slice(before);
    expect(sent.map((r) => r.path).sort()).toEqual(['/a', '/b']);
    for (const r of sent) verifyVapid(r.headers, push.origin, publicKey);
    const forB = JSON.parse(decrypt(sent.find((r) => r.path === '/b')!.body, keysB)) as PushPayload;
    const forA = JSON.parse(decrypt(sent.find((r) => r.path === '/a')!.body, keysA)) as PushPayload;
    for (const p of [forA, forB])
      expect(p).toMatchObject({ kind: 'time_up', title: 'Breather', body: 'Time to check in' });

    // The push service said /a is gone: it is removed.
    const reader = openSqliteStore(server.dbFile);
    const subs = await reader.listPushSubscriptions((await ok(b, 'state:get', {})).coupleId);
    await reader.close();
    expect(subs.map((s) => s.endpoint)).toEqual([`${push.origin}/b`]);

    // Again, and after a restart on the same data: nothing more for this deadline.
    expect(await server.app.push!.sweep()).toBe(0);
    a.disconnect();
    b.disconnect();
    await server.stop();
    server = await server.restart();
    expect(server.app.push!.publicKey).toBe(publicKey);
    server.clock.advance(MINUTE_MS);
    expect(await server.app.push!.sweep()).toBe(0);
    await server.app.push!.settled();
    expect(push.received.length).toBe(before + 2);
  });
});

describe('Web Push when a break is ended early', () => {
  it('sends “time to check in” at once, not at the next sweep, and only once', async () => {
    const push = await fakePushService();
    const server = await startServer({
      config: { push: { ...defaultConfig().push, allowLoopbackHttp: true, sweepIntervalMs: 3_600_000 } },
    });
    const { a, b } = await linkedPair(server);
    try {
      const keysB = browserKeys();
      await ok(b, 'push:subscribe', {
        endpoint: `${push.origin}/b`,
        keys: { p256dh: keysB.p256dh, auth: keysB.authB64 },
      });
      const started = await ok(a, 'pause:start', { commandId: 'cmd-early-0001', minutes: 20 });
      await server.app.push!.settled();
      const before = push.received.length;

      server.clock.advance(5 * MINUTE_MS);
      await ok(a, 'pause:end', { commandId: 'cmd-early-0002', seq: started.seq, rating: 2 });
      await server.app.push!.settled();
      expect(push.received.slice(before).map((r) => r.path)).toEqual(['/b']);
      expect(JSON.parse(decrypt(push.received[before]!.body, keysB))).toMatchObject({
        kind: 'time_up',
        body: 'Time to check in',
      });
      // The sweep finds this deadline already announced.
      expect(await server.app.push!.sweep()).toBe(0);
      expect(push.received.length).toBe(before + 1);
    } finally {
      a.disconnect();
      b.disconnect();
      await server.stop();
      server.cleanup();
      await new Promise((r) => push.server.close(r));
    }
  });
});
