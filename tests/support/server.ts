import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { Clock } from '../../server/clock.js';
import { defaultConfig, type Config } from '../../server/config.js';
import { createApp, type App } from '../../server/create-app.js';
import { jsonLogger, silentLogger, type Logger } from '../../server/log.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Ack } from '../../shared/contracts/errors.js';
import type {
  ClientAckData,
  ClientEventName,
  ClientPayload,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../shared/contracts/events.js';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(public t = Date.UTC(2026, 10, 28, 20, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestServer<C extends Clock = ManualClock> {
  app: App;
  url: string;
  dbFile: string;
  dataDir: string;
  clock: C;
  config: Config;
  /** Closes the server (and the store); the temp dir stays until `cleanup`. */
  stop(): Promise<void>;
  /** A new server on the same DB file, as after a restart. */
  restart(): Promise<TestServer<C>>;
  cleanup(): void;
}

export interface StartOptions {
  dataDir?: string;
  /** A ManualClock unless given; pass `{ now: () => Date.now() }` for real time. */
  clock?: Clock;
  config?: Partial<Config>;
  log?: Logger;
  /** Listen on this port instead of an ephemeral one (a restart that browsers must find at the same address). */
  port?: number;
}

export function startServer<C extends Clock>(opts: StartOptions & { clock: C }): Promise<TestServer<C>>;
export function startServer(opts?: StartOptions): Promise<TestServer>;
export async function startServer(opts: StartOptions = {}): Promise<TestServer<Clock>> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'breather-test-'));
  const dbFile = join(dataDir, 'breather.db');
  const clock = opts.clock ?? new ManualClock();
  const config = defaultConfig({ dataDir, port: 0, host: '127.0.0.1', ...opts.config });
  const app = createApp({
    store: openSqliteStore(dbFile),
    clock,
    config,
    log: opts.log ?? (process.env.TEST_LOG ? jsonLogger((l) => console.log(l)) : silentLogger),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const server: TestServer<Clock> = {
    app,
    url: `http://127.0.0.1:${port}`,
    dbFile,
    dataDir,
    clock,
    config,
    stop: () => app.close(),
    restart: () => startServer({ ...opts, dataDir, clock }),
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
  return server;
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectClient(url: string, credential?: string, extra: Record<string, unknown> = {}): TestSocket {
  return connect(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: credential ? { credential } : {},
    ...extra,
  });
}

export function connected(socket: TestSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Resolves with the refusal's code when the handshake is refused; rejects if the socket connects. */
export function refusedHandshake(socket: TestSocket, why = 'a refused credential'): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error(`connected with ${why}`)));
    socket.once('connect_error', (err) =>
      resolve((err as Error & { data?: { code?: string } }).data?.code ?? err.message),
    );
  });
}

/** Closes every socket in the list and empties it, so a later teardown does not close them again. */
export function closeSockets(sockets: TestSocket[]): void {
  for (const s of sockets.splice(0)) s.close();
}

/** A test file's afterEach: close its sockets, then stop the server and remove its temp dir. */
export async function tearDown(sockets: TestSocket[], server: TestServer<Clock> | undefined): Promise<void> {
  closeSockets(sockets);
  await server?.stop();
  server?.cleanup();
}

/** Emits with an ack and resolves with the server's answer. */
export function call<E extends ClientEventName>(
  socket: TestSocket,
  event: E,
  payload: ClientPayload<E>,
): Promise<Ack<ClientAckData[E]>> {
  // The typed emit cannot follow a generic event name; the contract types the result instead.
  const untyped = socket.timeout(5000) as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  return untyped.emitWithAck(event, payload) as Promise<Ack<ClientAckData[E]>>;
}

/** The ack's data, or a thrown error naming the refusal. */
export async function ok<E extends ClientEventName>(
  socket: TestSocket,
  event: E,
  payload: ClientPayload<E>,
): Promise<ClientAckData[E]> {
  const res = await call(socket, event, payload);
  if ('error' in res) throw new Error(`${event} refused: ${res.error.code}`);
  return res.data;
}

export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  timeoutMs = 2000,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, ((...args: Parameters<ServerToClientEvents[E]>) => {
      clearTimeout(timer);
      resolve(args);
    }) as never);
  });
}

/** Two linked phones: A created the invite, B joined with the code. */
export async function linkedPair(server: TestServer, names = { a: 'Alex', b: 'Sam' }) {
  const a = connectClient(server.url);
  await connected(a);
  const invite = await ok(a, 'invite:create', { name: names.a });
  const b = connectClient(server.url);
  await connected(b);
  const joined = await ok(b, 'invite:join', { code: invite.code, name: names.b });
  return { a, b, invite, joined, aCredential: invite.credential, bCredential: joined.credential };
}
