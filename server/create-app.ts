import { readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer, type ServerOptions } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { Server } from 'socket.io';
import { MAX_EVENT_BYTES } from '../shared/contracts/events.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { createHttpApp } from './http/app.js';
import { jsonLogger, type Logger } from './log.js';
import { wireSockets } from './realtime/connection.js';
import { RoomRecoveryAdapter } from './realtime/recovery-adapter.js';
import type { AppServer } from './realtime/types.js';
import { createPushService, type PushService } from './push/service.js';
import type { AddressLimiter } from './security/address-limiter.js';
import { clientAddressOf, compileTrust } from './security/client-address.js';
import { admitHandshake, gateEngine } from './security/engine-gate.js';
import { ENGINE_SECURITY_HEADERS, guardAccept, guardRequests } from './security/http-guard.js';
import { createMemoryAddressLimiter } from './security/memory-address-limiter.js';
import { allowedHosts, hostAllowed, socketRequestRefusal } from './security/origin.js';
import type { Store } from './store/store.js';

export interface AppOptions {
  store: Store;
  clock: Clock;
  config: Config;
  log?: Logger;
  /** Per-address counting; in this process's memory unless given (a shared one for several processes). */
  limiter?: AddressLimiter;
}

export interface App {
  httpServer: HttpServer;
  io: AppServer;
  /** Web Push, or null when disabled. Its sweep runs on an interval; tests call `sweep()` directly. */
  push: PushService | null;
  /**
   * Retention: deletes couples unpaired longer ago than the retention period, never-joined invites
   * (and their lone couple) a day after they expired, and rate-limit counts whose window has passed.
   * Runs at start and on an interval; returns how many couples went.
   */
  purgeExpired(): Promise<number>;
  /** Stops accepting, disconnects everyone and closes the store. */
  close(): Promise<void>;
}

/** Just above the 64 KB event limit (room for Socket.IO's framing and the event name): a larger frame is dropped unread. */
export const TRANSPORT_BUFFER_BYTES = MAX_EVENT_BYTES + 4096;
/**
 * TCP connections one address may have open for each socket it may hold: a phone's socket, its
 * long-polling requests while it upgrades, and its browser loading the app alongside.
 */
export const TCP_PER_SOCKET = 3;
/** How long an invite that nobody used is kept after it expired, with the couple that only its maker joined. */
export const ABANDONED_INVITE_MS = 24 * 60 * 60_000;
const SOCKET_PATH = '/socket.io/';

export function createApp({ store, clock, config, log = jsonLogger(), limiter }: AppOptions): App {
  const trust = compileTrust(config.trustProxy);
  const limits =
    limiter ?? createMemoryAddressLimiter({ events: config.eventLimits, connections: config.connectionLimits });
  const handler = createHttpApp(config, store, log, trust);
  const serverOptions: ServerOptions = {
    requestTimeout: config.http.requestTimeoutMs,
    headersTimeout: config.http.headersTimeoutMs,
    connectionsCheckingInterval: config.http.checkEveryMs,
  };
  const httpServer: HttpServer = config.tls
    ? createTlsServer(
        { ...serverOptions, cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) },
        handler,
      )
    : createServer(serverOptions, handler);
  const io: AppServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: TRANSPORT_BUFFER_BYTES,
    allowRequest: admitHandshake(limits, trust),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    adapter: RoomRecoveryAdapter,
  });
  const hosts = allowedHosts(config);
  guardRequests(httpServer, (req) => {
    const address = clientAddressOf(req, trust);
    // A penalised client is refused before its request is read: dropped unanswered when it is the peer
    // itself (a connection it opened before its penalty), answered when a trusted proxy carries it (a
    // proxy counts a dropped connection against the whole server and would stop sending anyone).
    const refusePenalised = () => (trust(req.socket.remoteAddress ?? '', 0) ? 'penalised' : 'drop');
    if (limits.isPenalised(address)) return refusePenalised();
    if (!hostAllowed(req, hosts)) return 'host_refused';
    if (!req.url?.startsWith(SOCKET_PATH)) return null;
    // A long-polling body announced over the transport buffer is abuse, as an oversized WebSocket frame
    // is (security/engine-gate): penalised before a byte of it is read.
    if (Number(req.headers['content-length']) > TRANSPORT_BUFFER_BYTES) {
      limits.penalise(address);
      return refusePenalised();
    }
    return socketRequestRefusal(req, { origins: config.origins, tls: config.tls !== null, trust });
  });
  if (config.connectionLimits) {
    guardAccept(httpServer, trust, {
      isPenalised: (address) => limits.isPenalised(address),
      maxPerAddress: config.connectionLimits.maxSocketsPerAddress * TCP_PER_SOCKET,
    });
  }
  gateEngine(io.engine, limits, log, ENGINE_SECURITY_HEADERS);
  const push = config.push.enabled ? createPushService({ store, clock, config, log }) : null;
  push?.start();
  // Retention: housekeeping on a timer is fine here, since it holds no state; the clock decides what is due.
  const purgeExpired = async (): Promise<number> => {
    const now = clock.now();
    const couples = await store.purgeUnpaired(now - config.retention.afterUnpairMs);
    const abandoned = await store.purgeAbandonedInvites(now - ABANDONED_INVITE_MS);
    await store.purgeRateLimits(now);
    if (couples + abandoned > 0) log.info('retention.purged', { couples, abandoned });
    return couples + abandoned;
  };
  const runPurge = () => void purgeExpired().catch(() => log.error('retention.failed', {}));
  runPurge();
  const purgeTimer = setInterval(runPurge, config.retention.purgeEveryMs);
  purgeTimer.unref();
  wireSockets(io, { store, clock, config, log, io, push });
  return {
    httpServer,
    io,
    push,
    purgeExpired,
    async close() {
      clearInterval(purgeTimer);
      await io.close();
      await push?.stop();
      await store.close();
    },
  };
}
