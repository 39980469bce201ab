import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../server/clock.js';
import { defaultConfig, type Config } from '../../server/config.js';
import { createApp, type App } from '../../server/create-app.js';
import { silentLogger, type Logger } from '../../server/log.js';
import { connectRedis } from '../../server/realtime/adapter.js';
import { guardAvailability } from '../../server/realtime/availability.js';
import { createSharedAddressLimiter } from '../../server/security/shared-address-limiter.js';
import { openPostgresStore } from '../../server/store/postgres/postgres-store.js';
import type { TestServer } from './server.js';

/**
 * One server of a scaled-out deployment, in this test process: its own PostgreSQL pool and Redis
 * clients on the shared database and stream, wired as server/main.ts wires them, with a clock the
 * test moves. Several of these stand for several processes (shared state lives only in PostgreSQL
 * and Redis); the tests that need a real SIGKILL spawn real processes instead.
 */
export async function startScaledServer<C extends Clock>(opts: {
  databaseUrl: string;
  redisUrl: string;
  clock: C;
  log?: Logger;
  config?: Partial<Config>;
}): Promise<TestServer<C>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'breather-scaled-'));
  const config = defaultConfig({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    databaseUrl: opts.databaseUrl,
    redisUrl: opts.redisUrl,
    ...opts.config,
  });
  const log = opts.log ?? silentLogger;
  const store = await openPostgresStore(opts.databaseUrl);
  const redis = await connectRedis(opts.redisUrl, log);
  const limiter = config.eventLimits
    ? createSharedAddressLimiter(redis.client, { events: config.eventLimits, connections: config.connectionLimits })
    : undefined;
  const app: App = createApp({ store, clock: opts.clock, config, log, limiter });
  redis.attach(app.io);
  const stopGuard = guardAvailability(app.io, { postgres: () => store.health(), redis: () => redis.ping() }, log);
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dbFile: '',
    dataDir,
    clock: opts.clock,
    config,
    async stop() {
      stopGuard();
      await app.close();
      await limiter?.close();
      await redis.close();
    },
    restart: () => startScaledServer(opts),
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
