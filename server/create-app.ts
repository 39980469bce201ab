import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { Server } from 'socket.io';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { createHttpApp } from './http/app.js';
import { jsonLogger, type Logger } from './log.js';
import { wireSockets } from './realtime/connection.js';
import type { AppServer } from './realtime/types.js';
import { createPushService, type PushService } from './push/service.js';
import { clientAddress, originAllowed, type EngineConnection } from './security/origin.js';
import type { Store } from './store/store.js';

export interface AppOptions {
  store: Store;
  clock: Clock;
  config: Config;
  log?: Logger;
}

export interface App {
  httpServer: HttpServer;
  io: AppServer;
  /** Web Push, or null when disabled. Its sweep runs on an interval; tests call `sweep()` directly. */
  push: PushService | null;
  /** Deletes couples unpaired longer ago than the retention period; runs at start and on an interval. */
  purgeExpired(): Promise<number>;
  /** Stops accepting, disconnects everyone and closes the store. */
  close(): Promise<void>;
}

/** Socket.IO buffers up to this; anything between it and the 64 KB event limit is refused politely. */
const TRANSPORT_BUFFER_BYTES = 1_000_000;

export function createApp({ store, clock, config, log = jsonLogger() }: AppOptions): App {
  const handler = createHttpApp(config, store, log);
  const httpServer: HttpServer = config.tls
    ? createTlsServer({ cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }, handler)
    : createServer(handler);
  const io: AppServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: TRANSPORT_BUFFER_BYTES,
    allowRequest: (req, callback) => callback(null, originAllowed(req, config.origins)),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });
  // Nothing reads the upgrade request after the handshake; keeping it costs a few KB per socket.
  // Socket.IO builds each socket's `handshake.headers` from it later, so the client address (which may
  // come from X-Forwarded-For) is worked out now and kept on the connection (see EngineConnection).
  io.engine.on('connection', (rawSocket: EngineConnection & { request: IncomingMessage | null; remoteAddress: string }) => {
    if (rawSocket.request) {
      rawSocket.clientAddress = clientAddress({ headers: rawSocket.request.headers, address: rawSocket.remoteAddress }, config.trustProxy);
    }
    rawSocket.request = null;
  });
  const push = config.push.enabled ? createPushService({ store, clock, config, log }) : null;
  push?.start();
  // Retention: housekeeping on a timer is fine here, since it holds no state; the clock decides what is due.
  const purgeExpired = async (): Promise<number> => {
    const purged = await store.purgeUnpaired(clock.now() - config.retention.afterUnpairMs);
    if (purged > 0) log.info('retention.purged', { couples: purged });
    return purged;
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
