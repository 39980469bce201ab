import { readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { Server } from 'socket.io';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { createHttpApp } from './http/app.js';
import { jsonLogger, type Logger } from './log.js';
import { wireSockets } from './realtime/connection.js';
import type { AppServer } from './realtime/types.js';
import { originAllowed } from './security/origin.js';
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
  io.engine.on('connection', (rawSocket: { request: unknown }) => {
    rawSocket.request = null;
  });
  wireSockets(io, { store, clock, config, log, io });
  return {
    httpServer,
    io,
    async close() {
      await io.close();
      await store.close();
    },
  };
}
