import Database from 'better-sqlite3';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { defaultConfig, type Config } from '../../server/config.js';
import { createApp, TCP_PER_SOCKET, type App } from '../../server/create-app.js';
import { silentLogger } from '../../server/log.js';
import { createMemoryAddressLimiter } from '../../server/security/memory-address-limiter.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Ack } from '../../shared/contracts/errors.js';
import { closeSockets, connectClient, connected, ManualClock, ok, type TestSocket } from '../support/server.js';

/**
 * One abusive client must not hurt anyone else, and refusing it must cost less than its flood:
 * a connection that keeps flooding past its warning is cut off and its address refused at the door
 * for a while; each address has a cap on open connections and on its handshake rate; a frame over
 * the transport buffer is dropped unread. Addresses are told apart by binding clients to different
 * loopback addresses (127.0.0.x all reach a server on 127.0.0.1); the limiter's time is a hand clock.
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

const LIMITS: NonNullable<Config['connectionLimits']> = {
  maxSocketsPerAddress: 20,
  handshakes: { capacity: 30, perMinute: 120 },
  refusalsBeforeCut: 20,
  penaltyMs: 60_000,
};

async function start(connectionLimits: Partial<typeof LIMITS> = {}, overrides: Partial<Config> = {}) {
  dir = mkdtempSync(join(tmpdir(), 'breather-flood-'));
  let t = 0;
  const config = defaultConfig({ dataDir: dir, connectionLimits: { ...LIMITS, ...connectionLimits }, ...overrides });
  const limiter = createMemoryAddressLimiter(
    { events: config.eventLimits, connections: config.connectionLimits },
    () => t,
  );
  app = createApp({
    store: openSqliteStore(join(dir, 'breather.db')),
    clock: new ManualClock(),
    config,
    log: silentLogger,
    limiter,
  });
  await new Promise<void>((resolve) => app!.httpServer.listen(0, '127.0.0.1', resolve));
  const port = (app.httpServer.address() as AddressInfo).port;
  return { port, url: `http://127.0.0.1:${port}`, limiter, advance: (ms: number) => (t += ms) };
}

function from(url: string, localAddress: string, credential?: string): TestSocket {
  const s = connectClient(url, credential, { localAddress });
  sockets.push(s);
  return s;
}

/** Resolves with the handshake refusal's text, or rejects if the socket connects. */
function refused(socket: TestSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected')));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

interface RawAnswer {
  status: number;
  body: string;
}

/** A bare long-polling handshake from `localAddress`; rejects when the server closes the TCP connection unanswered. */
function pollingHandshake(port: number, localAddress: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, localAddress, path: '/socket.io/?EIO=4&transport=polling', agent: false },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Sends `text` on a TCP connection from `localAddress` once `before` has run, and resolves with every
 * byte the server answered by the time it closed the connection.
 */
function rawExchange(port: number, localAddress: string, text: string, before: () => void = () => {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress }, () => {
      before();
      socket.write(text);
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => {});
    socket.on('close', () => resolve(answer));
    socket.setTimeout(5000, () => reject(new Error('no answer and not closed')));
  });
}

const POLLING_GET = 'GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';

type RawEmitter = { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<Ack<unknown>> } };

async function flood(socket: TestSocket, count: number): Promise<Record<string, number>> {
  const raw = socket as unknown as RawEmitter;
  const settled = await Promise.allSettled(
    Array.from({ length: count }, (_, i) => raw.timeout(20_000).emitWithAck('time:ping', { t0: i })),
  );
  const seen: Record<string, number> = {};
  for (const r of settled) {
    const key = r.status === 'rejected' ? 'unanswered' : 'error' in r.value ? r.value.error.code : 'ok';
    seen[key] = (seen[key] ?? 0) + 1;
  }
  return seen;
}

function disconnected(socket: TestSocket): Promise<string> {
  return new Promise((resolve) => (socket.connected ? socket.once('disconnect', resolve) : resolve('already')));
}

describe('flood isolation', () => {
  test('a connection that keeps flooding past its warning is cut off, and its address is refused at the door for a while', async () => {
    const server = await start();
    let decoded = 0;
    app!.io.on('connection', (socket) => {
      if (socket.handshake.address.endsWith('127.0.0.3')) socket.onAny(() => decoded++);
    });
    const neighbour = from(server.url, '127.0.0.2');
    const flooder = from(server.url, '127.0.0.3');
    await Promise.all([connected(neighbour), connected(flooder)]);
    const cut = disconnected(flooder);

    const seen = await flood(flooder, 300);
    // The burst passes, the next frames are answered `rate_limited` (the warning), and when the flood
    // goes on the connection is closed: the rest are never answered.
    expect(seen.ok).toBeGreaterThanOrEqual(25);
    expect(seen.ok).toBeLessThanOrEqual(30);
    expect(seen.rate_limited).toBe(LIMITS.refusalsBeforeCut);
    expect(seen.unanswered).toBe(300 - seen.ok! - seen.rate_limited!);
    expect(await cut).toMatch(/transport close|io server disconnect/);
    // Socket.IO never even decoded what came after the cut, though it arrived with the frames before it.
    expect(decoded).toBe(seen.ok! + seen.rate_limited!);

    // Penalised: a new socket is refused, and a bare TCP connection is closed before it is read.
    expect(await refused(from(server.url, '127.0.0.3'))).toMatch(/websocket error|xhr poll error/);
    await expect(pollingHandshake(server.port, '127.0.0.3')).rejects.toThrow(/socket hang up|ECONNRESET/);

    // Nobody else noticed: the neighbour's connection works, and its address may open more.
    expect(await ok(neighbour, 'time:ping', { t0: 1 })).toMatchObject({ t0: 1 });
    await connected(from(server.url, '127.0.0.2'));

    // Once the penalty is over the address is welcome again.
    server.advance(LIMITS.penaltyMs + 1);
    await connected(from(server.url, '127.0.0.3'));
  });

  test('only a connection’s own flood cuts it off: neighbours refused for the address’s sake stay connected', () => {
    let t = 0;
    const limiter = createMemoryAddressLimiter(
      {
        events: { perSocket: { capacity: 5, perMinute: 60 }, perAddress: { capacity: 8, perMinute: 60 } },
        connections: { ...LIMITS, refusalsBeforeCut: 3 },
      },
      () => t,
    );
    const flooder = {};
    const neighbour = {};
    const kinds = Array.from({ length: 9 }, () => limiter.packet(flooder, '10.0.0.1').kind);
    expect(kinds).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'refuse', 'refuse', 'refuse', 'cut']);
    expect(limiter.isPenalised('10.0.0.1')).toBe(true);
    expect(limiter.admit('10.0.0.1')).toBe('penalised');
    // A neighbour within its own allowance gets the 3 left in the address's bucket, then is refused
    // for the address's sake, and is never cut off.
    const neighbourKinds = Array.from({ length: 5 }, () => limiter.packet(neighbour, '10.0.0.1').kind);
    expect(neighbourKinds).toEqual(['pass', 'pass', 'pass', 'refuse', 'refuse']);
    t += 10_000;
    expect(Array.from({ length: 5 }, () => limiter.packet(neighbour, '10.0.0.1').kind)).not.toContain('cut');
    // Many connections flooding together each run through their own allowance and are cut off.
    const crowd = Array.from({ length: 4 }, () => ({}));
    const crowdKinds = crowd.map((c) => Array.from({ length: 9 }, () => limiter.packet(c, '10.0.0.2').kind));
    for (const kinds of crowdKinds) expect(kinds.at(-1)).toBe('cut');
    expect(limiter.admit('10.0.0.9')).toBeNull();
    t += LIMITS.penaltyMs + 1;
    expect(limiter.admit('10.0.0.1')).toBeNull();
  });

  test('each address may hold only so many connections open', async () => {
    const server = await start({ maxSocketsPerAddress: 3 });
    const three = [from(server.url, '127.0.0.4'), from(server.url, '127.0.0.4'), from(server.url, '127.0.0.4')];
    await Promise.all(three.map(connected));
    expect(await refused(from(server.url, '127.0.0.4'))).toMatch(/websocket error/);
    expect(await pollingHandshake(server.port, '127.0.0.4')).toEqual({
      status: 403,
      body: expect.stringContaining('too_many_connections'),
    });
    // Another address is not affected.
    await connected(from(server.url, '127.0.0.5'));
    // When one closes, there is room again.
    const engine = app!.io.engine;
    const before = engine.clientsCount;
    three[0]!.close();
    while (engine.clientsCount === before) await new Promise((resolve) => setImmediate(resolve));
    await connected(from(server.url, '127.0.0.4'));
  });

  test('each address may open only so many connections at once; one that keeps trying is penalised', async () => {
    const server = await start({ handshakes: { capacity: 4, perMinute: 60 }, refusalsBeforeCut: 2 });
    for (let i = 0; i < 4; i++) expect((await pollingHandshake(server.port, '127.0.0.6')).status).toBe(200);
    // Over the rate: refused with a code, twice as a warning; the third refusal puts the address in the penalty box.
    for (let i = 0; i < 3; i++) {
      expect(await pollingHandshake(server.port, '127.0.0.6')).toEqual({
        status: 403,
        body: expect.stringContaining('handshake_rate'),
      });
    }
    await expect(pollingHandshake(server.port, '127.0.0.6')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await pollingHandshake(server.port, '127.0.0.7')).status).toBe(200);
    server.advance(LIMITS.penaltyMs + 1);
    expect((await pollingHandshake(server.port, '127.0.0.6')).status).toBe(200);
  });

  test('a frame over the transport buffer is dropped unread: its connection closes, nothing runs, others carry on', async () => {
    const server = await start();
    const neighbour = from(server.url, '127.0.0.2');
    const sender = from(server.url, '127.0.0.8');
    await Promise.all([connected(neighbour), connected(sender)]);
    const gone = disconnected(sender);
    (sender as unknown as { emit(event: string, payload: unknown): void }).emit('invite:create', {
      name: 'x'.repeat(100_000),
    });
    expect(await gone).toMatch(/transport (close|error)/);
    // No client of ours sends one: its address is refused at the door at once, not after more tries.
    await expect(pollingHandshake(server.port, '127.0.0.8')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await ok(neighbour, 'time:ping', { t0: 2 })).toMatchObject({ t0: 2 });
    // The handler never ran: no couple was made.
    const db = new Database(join(dir, 'breather.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM couples').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  test('a penalised peer’s TCP connection is closed as it is accepted, before Node makes a socket of it', async () => {
    const server = await start();
    let sockets = 0;
    app!.httpServer.on('connection', () => sockets++);
    server.limiter.penalise('127.0.0.9');
    await expect(pollingHandshake(server.port, '127.0.0.9')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(sockets).toBe(0);
    expect((await pollingHandshake(server.port, '127.0.0.10')).status).toBe(200);
    expect(sockets).toBe(1);
  });

  test('a connection opened before its address was penalised gets no answer: the request is dropped unread', async () => {
    const server = await start();
    expect(await rawExchange(server.port, '127.0.0.11', POLLING_GET)).toMatch(/^HTTP\/1\.1 200/);
    const answer = await rawExchange(server.port, '127.0.0.11', POLLING_GET, () =>
      server.limiter.penalise('127.0.0.11'),
    );
    expect(answer).toBe('');
  });

  test('behind a trusted proxy a penalised client is answered 429, not dropped: the proxy’s connection serves others', async () => {
    const server = await start({}, { trustProxy: 1 });
    server.limiter.penalise('198.51.100.4');
    const via = (client: string) =>
      rawExchange(server.port, '127.0.0.12', POLLING_GET.replace('\r\n\r\n', `\r\nX-Forwarded-For: ${client}\r\n\r\n`));
    const refused = await via('198.51.100.4');
    expect(refused).toMatch(/^HTTP\/1\.1 429/);
    expect(refused).toContain('"code":"penalised"');
    expect(await via('198.51.100.5')).toMatch(/^HTTP\/1\.1 200/);
  });

  test('a long-polling body announced over the transport buffer is refused unread and penalises its address', async () => {
    const server = await start();
    const handshake = await pollingHandshake(server.port, '127.0.0.13');
    const sid = (JSON.parse(handshake.body.slice(1)) as { sid: string }).sid;
    const post =
      `POST /socket.io/?EIO=4&transport=polling&sid=${sid} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `Content-Type: text/plain;charset=UTF-8\r\nContent-Length: 900000\r\n\r\n`;
    expect(await rawExchange(server.port, '127.0.0.13', post + '4'.repeat(1000))).toBe('');
    expect(server.limiter.isPenalised('127.0.0.13')).toBe(true);
    expect((await pollingHandshake(server.port, '127.0.0.14')).status).toBe(200);
  });

  test('each address may have only so many TCP connections open: the next are closed as accepted, unread', async () => {
    const server = await start({ maxSocketsPerAddress: 2 });
    const max = 2 * TCP_PER_SOCKET;
    const accepted: Socket[] = [];
    app!.httpServer.on('connection', (socket: Socket) => accepted.push(socket));
    const held = Array.from({ length: max }, () =>
      connect({ host: '127.0.0.1', port: server.port, localAddress: '127.0.0.15' }),
    );
    while (accepted.length < max) await new Promise((resolve) => setImmediate(resolve));
    await expect(pollingHandshake(server.port, '127.0.0.15')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(accepted).toHaveLength(max);
    // Another address is not affected, and once one closes there is room again.
    expect((await pollingHandshake(server.port, '127.0.0.16')).status).toBe(200);
    const gone = new Promise((resolve) => accepted[0]!.once('close', resolve));
    held[0]!.destroy();
    await gone;
    expect((await pollingHandshake(server.port, '127.0.0.15')).status).toBe(200);
    for (const socket of held) socket.destroy();
  });
});
