import { readFileSync, existsSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import type { Ack, ErrorCode } from '../../shared/contracts/errors.js';
import { CODE_LENGTH, CROCKFORD_ALPHABET, formatCode } from '../../shared/pairing/code.js';
import { MINUTE_MS } from '../../shared/pause/limits.js';
import {
  call,
  closeSockets,
  connectClient,
  connected,
  linkedPair,
  nextEvent,
  ok,
  startServer,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

let servers: TestServer[] = [];
const sockets: TestSocket[] = [];

afterEach(async () => {
  closeSockets(sockets);
  for (const s of servers) await s.stop().catch(() => undefined);
  for (const s of servers) s.cleanup();
  servers = [];
});

async function start(opts: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer(opts);
  servers.push(server);
  return server;
}

async function restart(server: TestServer): Promise<TestServer> {
  await server.stop();
  const next = await server.restart();
  servers.push(next);
  return next;
}

function track(socket: TestSocket): TestSocket {
  sockets.push(socket);
  return socket;
}

async function client(
  server: TestServer,
  credential?: string,
  extra: Record<string, unknown> = {},
): Promise<TestSocket> {
  const socket = track(connectClient(server.url, credential, extra));
  await connected(socket);
  return socket;
}

async function pair(server: TestServer) {
  const p = await linkedPair(server);
  track(p.a);
  track(p.b);
  return p;
}

function expectRefused(res: Ack<unknown>, code: ErrorCode): void {
  expect(res).toEqual({ error: { code } });
}

/** The `connect_error` of a socket whose handshake the server refuses. */
function connectError(socket: TestSocket, timeoutMs = 3000): Promise<Error & { data?: { code?: string } }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no connect_error')), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      reject(new Error('connected, but should have been refused'));
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      resolve(err);
    });
  });
}

async function expectNotLinked(server: TestServer, credential: string): Promise<void> {
  const err = await connectError(track(connectClient(server.url, credential)));
  expect(err.data?.code).toBe('not_linked');
}

/** A code with the same first half (so it finds the invite) but a different second half. */
function wrongSecret(code: string, n: number): string {
  const secret = code.slice(4);
  let wrong = secret;
  let i = n;
  while (wrong === secret) {
    wrong = Array.from({ length: 4 }, (_, k) => CROCKFORD_ALPHABET[(i * 7 + k * 3 + 1) % 32]).join('');
    i++;
  }
  return code.slice(0, 4) + wrong;
}

const CROCKFORD_CODE = new RegExp(`^[${CROCKFORD_ALPHABET}]{${CODE_LENGTH}}$`);

describe('pairing', () => {
  test('A invites, B joins with the code: both see both names; credentials are long random secrets', async () => {
    const server = await start();
    const a = await client(server);
    const invite = await ok(a, 'invite:create', { name: 'Alex' });

    expect(invite.code).toMatch(CROCKFORD_CODE);
    expect(invite.token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(invite.token, 'base64url')).toHaveLength(16);
    expect(invite.expiresAt).toBe(server.clock.now() + 10 * MINUTE_MS);
    expect(invite.snapshot.devices.map((d) => d.name)).toEqual(['Alex']);

    const b = await client(server);
    const aHears = nextEvent(a, 'couple:state', 1000);
    const joined = await ok(b, 'invite:join', { code: invite.code, name: 'Sam' });
    expect(joined.snapshot.devices.map((d) => d.name)).toEqual(['Alex', 'Sam']);
    expect(joined.snapshot.phase).toBe('calm');
    const [broadcast] = await aHears;
    expect(broadcast.coupleId).toBe(invite.snapshot.coupleId);
    expect(broadcast.devices.map((d) => d.name)).toEqual(['Alex', 'Sam']);
    expect(broadcast.devices.map((d) => d.id)).toEqual([invite.deviceId, joined.deviceId]);

    for (const [credential, deviceId] of [
      [invite.credential, invite.deviceId],
      [joined.credential, joined.deviceId],
    ] as const) {
      const [id, secret] = credential.split('.');
      expect(id).toBe(deviceId);
      expect(secret).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(secret!, 'base64url').length * 8).toBeGreaterThanOrEqual(256);
    }
    expect(invite.credential).not.toBe(joined.credential);

    // The credentials work on a fresh connection, and each phone gets the pair's state.
    const a2 = track(connectClient(server.url, invite.credential));
    const a2State = nextEvent(a2, 'couple:state');
    await connected(a2);
    expect((await a2State)[0].devices.map((d) => d.name)).toEqual(['Alex', 'Sam']);
    const state = await ok(a2, 'state:get', {});
    expect(state.devices).toHaveLength(2);
  });

  test.each([
    ['lowercase without the dash', (c: string) => c.toLowerCase()],
    ['lowercase with the dash', (c: string) => formatCode(c).toLowerCase()],
    ['uppercase with the dash and spaces', (c: string) => ` ${formatCode(c)} `],
    [
      'with look-alike letters (o for 0, l for 1)',
      (c: string) => c.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l'),
    ],
  ])('a code typed %s still links', async (_label, typed) => {
    const server = await start();
    const a = await client(server);
    const invite = await ok(a, 'invite:create', { name: 'Alex' });
    const b = await client(server);
    const joined = await ok(b, 'invite:join', { code: typed(invite.code), name: 'Sam' });
    expect(joined.snapshot.devices.map((d) => d.name)).toEqual(['Alex', 'Sam']);
  });

  test('an invite expires after 10 minutes; just under 10 minutes it still works', async () => {
    const server = await start();
    const a = await client(server);
    const first = await ok(a, 'invite:create', { name: 'Alex' });
    server.clock.advance(10 * MINUTE_MS);
    const late = await client(server);
    expectRefused(await call(late, 'invite:join', { code: first.code, name: 'Sam' }), 'invite_expired');
    expectRefused(await call(late, 'invite:join', { token: first.token, name: 'Sam' }), 'invite_expired');

    const c = await client(server);
    const second = await ok(c, 'invite:create', { name: 'Kim' });
    server.clock.advance(10 * MINUTE_MS - 1);
    const d = await client(server);
    const joined = await ok(d, 'invite:join', { code: second.code, name: 'Jo' });
    expect(joined.snapshot.devices.map((x) => x.name)).toEqual(['Kim', 'Jo']);
  });

  test('a code is single-use: a second join and a third phone are refused; linked phones cannot invite', async () => {
    const server = await start();
    const { a, b, invite, aCredential, bCredential } = await pair(server);

    const c = await client(server);
    const again = await call(c, 'invite:join', { code: invite.code, name: 'Third' });
    expect('error' in again && ['invite_not_found', 'couple_full'].includes(again.error.code)).toBe(true);
    const byToken = await call(c, 'invite:join', { token: invite.token, name: 'Third' });
    expect('error' in byToken && ['invite_not_found', 'couple_full'].includes(byToken.error.code)).toBe(true);

    expectRefused(await call(a, 'invite:create', { name: 'Alex' }), 'already_linked');
    expectRefused(await call(b, 'invite:create', { name: 'Sam' }), 'already_linked');
    expectRefused(await call(b, 'invite:join', { code: invite.code, name: 'Sam' }), 'already_linked');

    // The same holds on a fresh connection made with a stored credential.
    const a2 = await client(server, aCredential);
    expectRefused(await call(a2, 'invite:create', { name: 'Alex' }), 'already_linked');
    const b2 = await client(server, bCredential);
    expectRefused(await call(b2, 'invite:join', { token: invite.token, name: 'Sam' }), 'already_linked');

    // Still exactly two devices.
    expect((await ok(a2, 'state:get', {})).devices).toHaveLength(2);
  });

  test('two phones racing to use one code: exactly one links', async () => {
    const server = await start();
    const a = await client(server);
    const invite = await ok(a, 'invite:create', { name: 'Alex' });
    const racers = await Promise.all([client(server), client(server), client(server)]);
    const results = await Promise.all(
      racers.map((s, i) =>
        call(s, 'invite:join', i === 1 ? { token: invite.token, name: `P${i}` } : { code: invite.code, name: `P${i}` }),
      ),
    );
    const winners = results.filter((r) => 'data' in r);
    expect(winners).toHaveLength(1);
    for (const r of results) if ('error' in r) expect(['invite_not_found', 'couple_full']).toContain(r.error.code);
    expect((await ok(a, 'state:get', {})).devices).toHaveLength(2);
  });

  test('five wrong codes lock the invite, even against the right code; the QR token then is locked too', async () => {
    const server = await start();
    const a = await client(server);
    const invite = await ok(a, 'invite:create', { name: 'Alex' });
    const guesser = await client(server);
    const max = server.config.invite.maxWrongGuesses;
    expect(max).toBe(5);
    // A code that cannot be a code (U is not in the alphabet) is simply not found, and counts for nothing.
    expectRefused(
      await call(guesser, 'invite:join', { code: invite.code.slice(0, 4) + 'UUUU', name: 'Eve' }),
      'invite_not_found',
    );
    for (let i = 0; i < max - 1; i++) {
      expectRefused(
        await call(guesser, 'invite:join', { code: wrongSecret(invite.code, i), name: 'Eve' }),
        'invite_not_found',
      );
    }
    expectRefused(
      await call(guesser, 'invite:join', { code: wrongSecret(invite.code, max), name: 'Eve' }),
      'invite_locked',
    );

    const b = await client(server);
    expectRefused(await call(b, 'invite:join', { code: invite.code, name: 'Sam' }), 'invite_locked');
    expectRefused(await call(b, 'invite:join', { token: invite.token, name: 'Sam' }), 'invite_locked');
  });

  test('four wrong codes do not lock; the right code still links', async () => {
    const server = await start();
    const a = await client(server);
    const invite = await ok(a, 'invite:create', { name: 'Alex' });
    const guesser = await client(server);
    for (let i = 0; i < 4; i++) {
      expectRefused(
        await call(guesser, 'invite:join', { code: wrongSecret(invite.code, i), name: 'Eve' }),
        'invite_not_found',
      );
    }
    const b = await client(server);
    expect((await ok(b, 'invite:join', { code: invite.code, name: 'Sam' })).snapshot.devices).toHaveLength(2);
  });

  test('joining with the QR token links', async () => {
    const server = await start();
    const a = await client(server);
    const invite = await ok(a, 'invite:create', { name: 'Alex' });
    const b = await client(server);
    const aHears = nextEvent(a, 'couple:state', 1000);
    const joined = await ok(b, 'invite:join', { token: invite.token, name: 'Sam' });
    expect(joined.snapshot.devices.map((d) => d.name)).toEqual(['Alex', 'Sam']);
    expect((await aHears)[0].devices).toHaveLength(2);
    // The code is now used as well.
    const c = await client(server);
    expectRefused(await call(c, 'invite:join', { code: invite.code, name: 'Eve' }), 'invite_not_found');
    // A token that was never issued is refused.
    expectRefused(await call(c, 'invite:join', { token: 'A'.repeat(22), name: 'Eve' }), 'invite_not_found');
  });

  test('join attempts per address are limited; the count survives reconnects and restarts, and resets a window later', async () => {
    let server = await start();
    const { max, windowMs } = server.config.invite.joinLimit;
    // A code nobody issued (the first half matches no invite, so no lockout is involved).
    const bogus = '00000000';
    let s = await client(server);
    for (let i = 0; i < max; i++) {
      expectRefused(await call(s, 'invite:join', { code: bogus, name: 'Eve' }), 'invite_not_found');
    }
    expectRefused(await call(s, 'invite:join', { code: bogus, name: 'Eve' }), 'rate_limited');

    // A new connection from the same address is still limited, even with a real invite.
    const a = await client(server);
    const invite = await ok(a, 'invite:create', { name: 'Alex' });
    s.close();
    s = await client(server);
    expectRefused(await call(s, 'invite:join', { code: invite.code, name: 'Sam' }), 'rate_limited');

    // And after a restart.
    server = await restart(server);
    s = await client(server);
    expectRefused(await call(s, 'invite:join', { code: bogus, name: 'Eve' }), 'rate_limited');

    // A window later the address may try again; the invite was made in the same instant, so renew it.
    server.clock.advance(windowMs);
    const a2 = await client(server);
    const fresh = await ok(a2, 'invite:create', { name: 'Kim' });
    const joined = await ok(s, 'invite:join', { code: fresh.code, name: 'Jo' });
    expect(joined.snapshot.devices.map((d) => d.name)).toEqual(['Kim', 'Jo']);
  });
});

describe('unpairing', () => {
  test('unpair tells the partner, disconnects both and revokes both credentials', async () => {
    const server = await start();
    const { a, b, aCredential, bCredential } = await pair(server);
    const bUnlinked = nextEvent(b, 'couple:unlinked');
    const bGone = new Promise<string>((resolve) => b.once('disconnect', (reason) => resolve(reason)));
    const aGone = new Promise<string>((resolve) => a.once('disconnect', (reason) => resolve(reason)));
    expect(await ok(a, 'couple:unpair', {})).toEqual({ unlinked: true });
    await bUnlinked;
    expect(await bGone).toBe('io server disconnect');
    expect(await aGone).toBe('io server disconnect');

    await expectNotLinked(server, aCredential);
    await expectNotLinked(server, bCredential);
    // A malformed credential is refused the same way.
    await expectNotLinked(server, 'not-a-credential');
    // Forged secret for a real device id is refused.
    const fresh = await pair(server);
    await expectNotLinked(server, `${fresh.joined.deviceId}.${'A'.repeat(43)}`);
  });

  /**
   * Connection-state recovery restores a dropped socket's rooms and data. The server re-runs its
   * auth middleware on recovery, so a phone unpaired while it was away must not slip back in.
   */
  const RECONNECT_DELAY_MS = 200;
  const recovering = {
    reconnection: true,
    reconnectionDelay: RECONNECT_DELAY_MS,
    reconnectionDelayMax: RECONNECT_DELAY_MS,
    randomizationFactor: 0,
  };

  async function dropTransport(server: TestServer, socket: TestSocket): Promise<void> {
    const id = socket.id!;
    socket.io.engine.close();
    // Wait until the server has seen the drop and kept the session for recovery.
    await expect.poll(() => server.app.io.sockets.sockets.has(id), { message: 'the server sees the drop' }).toBe(false);
  }

  test.each([
    ['with its credential in the handshake', true],
    ['that linked in this session (no credential in the handshake)', false],
  ])('a phone %s recovers after a drop, but not once it was unpaired while away', async (_label, withCredential) => {
    const server = await start();
    const a = await client(server);
    const invite = await ok(a, 'invite:create', { name: 'Alex' });
    let b: TestSocket;
    let bCredential: string;
    if (withCredential) {
      const first = await client(server);
      bCredential = (await ok(first, 'invite:join', { code: invite.code, name: 'Sam' })).credential;
      first.close();
      b = await client(server, bCredential, recovering);
    } else {
      b = await client(server, undefined, recovering);
      bCredential = (await ok(b, 'invite:join', { code: invite.code, name: 'Sam' })).credential;
    }
    // Recovery needs an offset: one broadcast to B.
    const first = nextEvent(b, 'couple:state');
    await ok(a, 'settings:update', { name: 'Alexa' });
    await first;

    // Control: a plain drop recovers the session and replays what B missed.
    await dropTransport(server, b);
    await ok(a, 'settings:update', { name: 'Alex' });
    const missed = nextEvent(b, 'couple:state', 3000);
    await expect.poll(() => b.connected, { message: 'B reconnects' }).toBe(true);
    expect(b.recovered).toBe(true);
    expect((await missed)[0].devices.map((d) => d.name)).toEqual(['Alex', 'Sam']);
    expect((await ok(b, 'state:get', {})).devices).toHaveLength(2);

    // Now drop again and unpair while B is away (a longer pause before B retries leaves room for that).
    b.io.reconnectionDelay(1500);
    b.io.reconnectionDelayMax(1500);
    let attemptAt = Infinity;
    b.io.once('reconnect_attempt', () => (attemptAt = Date.now()));
    let recoveredAgain = false;
    b.once('connect', () => (recoveredAgain = b.recovered));
    const refused = connectError(b, 5000);
    await dropTransport(server, b);
    await ok(a, 'couple:unpair', {});
    const unpairedAt = Date.now();
    const err = await refused;
    expect(unpairedAt).toBeLessThan(attemptAt);
    expect(err.data?.code).toBe('not_linked');
    expect(recoveredAgain).toBe(false);
    expect(b.connected).toBe(false);
    await expectNotLinked(server, bCredential);
  });
});

describe('durability and storage', () => {
  test('after a restart on the same database both credentials still connect and see the pair', async () => {
    const server = await start();
    const { a, b, aCredential, bCredential, invite } = await pair(server);
    a.close();
    b.close();
    const next = await restart(server);
    for (const credential of [aCredential, bCredential]) {
      const s = track(connectClient(next.url, credential));
      const state = nextEvent(s, 'couple:state');
      await connected(s);
      const [snapshot] = await state;
      expect(snapshot.coupleId).toBe(invite.snapshot.coupleId);
      expect(snapshot.devices.map((d) => d.name)).toEqual(['Alex', 'Sam']);
      expect((await ok(s, 'state:get', {})).devices).toHaveLength(2);
    }
  });

  test('the database holds no credential, code or token', async () => {
    const server = await start();
    const a = await client(server);
    const invite = await ok(a, 'invite:create', { name: 'Alex' });
    // A second invite that stays open, so an unused code and token are in the file too.
    const c = await client(server);
    const open = await ok(c, 'invite:create', { name: 'Kim' });
    const b = await client(server);
    const joined = await ok(b, 'invite:join', { code: invite.code, name: 'Sam' });

    const files = [server.dbFile, `${server.dbFile}-wal`].filter(existsSync);
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    // Sanity: the file really is searched (the names are stored in plain text).
    expect(bytes.includes('Alex')).toBe(true);
    expect(bytes.includes(invite.deviceId)).toBe(true);

    const secrets: string[] = [];
    for (const credential of [invite.credential, open.credential, joined.credential]) {
      const secret = credential.split('.')[1]!;
      secrets.push(credential, secret);
      expect(bytes.includes(Buffer.from(secret, 'base64url'))).toBe(false);
    }
    for (const i of [invite, open]) {
      secrets.push(i.code, formatCode(i.code), i.code.slice(4) + '\u0000', i.token);
      expect(bytes.includes(Buffer.from(i.token, 'base64url'))).toBe(false);
    }
    for (const s of secrets) expect(bytes.includes(s), `found ${s}`).toBe(false);
  });
});

describe('http and origin', () => {
  test('healthz answers 200 JSON with version and store status, with security headers', async () => {
    const server = await start();
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { ok: boolean; version: string; store: { ok: boolean; kind: string } };
    expect(body).toEqual({ ok: true, version: server.config.version, store: { ok: true, kind: 'sqlite' } });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);

    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [name, ...values] = d.split(/\s+/);
          return [name!, values] as const;
        }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // No third-party host anywhere, no inline or eval.
    expect(csp).not.toMatch(/https?:|\*|unsafe-inline|unsafe-eval/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  test.each([['websocket'], ['polling']])(
    'a %s handshake from a foreign Origin is refused; same origin is allowed',
    async (transport) => {
      const server = await start();
      const opts = (origin: string) => ({ transports: [transport], extraHeaders: { origin } });
      const foreign = track(connectClient(server.url, undefined, opts('https://evil.example')));
      await connectError(foreign);
      const lookalike = track(connectClient(server.url, undefined, opts(`http://127.0.0.1.evil.example`)));
      await connectError(lookalike);
      const same = await client(server, undefined, opts(server.url));
      expect((await ok(same, 'time:ping', { t0: 1 })).t0).toBe(1);
      expect(server.app.io.sockets.sockets.size).toBe(1);
    },
  );

  test('with configured origins, only those may connect', async () => {
    const server = await start({ config: { origins: ['https://breather.example'] } });
    const opts = (origin: string) => ({ extraHeaders: { origin } });
    await connectError(track(connectClient(server.url, undefined, opts(server.url))));
    await client(server, undefined, opts('https://breather.example'));
  });
});
