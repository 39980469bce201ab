import { join } from 'node:path';
import { systemClock } from './clock.js';
import { configFromEnv } from './config.js';
import { createApp } from './create-app.js';
import { jsonLogger } from './log.js';
import { openSqliteStore } from './store/sqlite/sqlite-store.js';

const config = configFromEnv();
const log = jsonLogger();
const store = openSqliteStore(join(config.dataDir, 'breather.db'));
const app = createApp({ store, clock: systemClock, config, log });

app.httpServer.listen(config.port, config.host, () => {
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info('server.listening', { port, url: `${config.tls ? 'https' : 'http'}://localhost:${port}` });
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log.info('server.stopping', { signal });
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
