import { join } from 'node:path';
import { systemClock } from './clock.js';
import { configFromEnv } from './config.js';
import { createApp } from './create-app.js';
import { jsonLogger } from './log.js';
import { openSqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';

const config = configFromEnv();
const log = jsonLogger(undefined, config.logLevel);
// PostgreSQL and Redis are loaded only when configured: a single process needs neither.
const store: Store = config.databaseUrl
  ? await (await import('./store/postgres/postgres-store.js')).openPostgresStore(config.databaseUrl)
  : openSqliteStore(join(config.dataDir, 'breather.db'));
const redis = config.redisUrl ? await (await import('./realtime/adapter.js')).connectRedis(config.redisUrl, log) : null;
// With several processes, an address's event budget is counted across all of them (see shared-address-limiter.ts).
const limiter =
  redis && config.eventLimits
    ? (await import('./security/shared-address-limiter.js')).createSharedAddressLimiter(redis.client, {
        events: config.eventLimits,
        connections: config.connectionLimits,
      })
    : undefined;
const app = createApp({ store, clock: systemClock, config, log, limiter });
redis?.attach(app.io);
if (config.databaseUrl || redis) {
  const { guardAvailability } = await import('./realtime/availability.js');
  guardAvailability(
    app.io,
    { ...(config.databaseUrl && { postgres: () => store.health() }), ...(redis && { redis: () => redis.ping() }) },
    log,
  );
}

app.httpServer.listen(config.port, config.host, () => {
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info('server.listening', {
    port,
    url: `${config.tls ? 'https' : 'http'}://localhost:${port}`,
    store: config.databaseUrl ? 'postgres' : 'sqlite',
    fanout: redis ? 'redis' : 'local',
  });
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log.info('server.stopping', { on: signal });
    app
      .close()
      .then(() => limiter?.close())
      .then(() => redis?.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}
