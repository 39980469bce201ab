import compression from 'compression';
import express from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Trust } from '../security/client-address.js';
import type { Store } from '../store/store.js';

/**
 * Everything under /assets/ carries a content hash in its name, so a name never changes meaning:
 * cached for a year, never revalidated.
 */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Served with every response: only our own origin, no inline script, nothing from other hosts. */
export const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    manifestSrc: ["'self'"],
    workerSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** No monitoring: the app never asks for these, and nothing embedded or injected can either. */
export const permissionsPolicy = [
  'geolocation',
  'camera',
  'microphone',
  'payment',
  'usb',
  'serial',
  'hid',
  'midi',
  'display-capture',
  'accelerometer',
  'gyroscope',
  'magnetometer',
  'browsing-topics',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/**
 * Pages are never stored: a quick exit must not leave the app one Back press away, and Chromium
 * keeps no back/forward-cache copy of a page served with no-store.
 */
const NO_STORE = 'no-store';

export function createHttpApp(config: Config, store: Store, log: Logger, trust: Trust): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // The very function the socket layer uses, so `req.ip` and the socket's address always agree.
  app.set('trust proxy', trust);
  app.use(helmet({ contentSecurityPolicy, crossOriginEmbedderPolicy: false }));
  app.use((_req, res, next) => {
    res.setHeader('Permissions-Policy', permissionsPolicy);
    next();
  });
  // Scripts and styles go compressed: about a third of the bytes on a slow phone network.
  app.use(compression());

  app.get('/healthz', async (_req, res) => {
    const store_ = await store.health().catch(() => ({ ok: false, kind: 'unknown' }));
    res.status(store_.ok ? 200 : 503).json({ ok: store_.ok, version: config.version, store: store_ });
  });

  const index = join(config.clientDir, 'index.html');
  const assets = join(config.clientDir, 'assets');
  // Scripts and stylesheets go as the Brotli or gzip file the build wrote beside them
  // (scripts/vite/precompress.ts): smaller than compressing on the fly, and no CPU per request.
  app.use(
    '/assets',
    expressStaticGzip(assets, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: {
        index: false,
        cacheControl: false,
        setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE),
      },
    }),
  );
  app.use(
    express.static(config.clientDir, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, path) => {
        if (path.endsWith('.html')) res.setHeader('Cache-Control', NO_STORE);
        // The service worker and the manifest are never served stale: a new version is found at once.
        else if (/[\\/](sw\.js|manifest\.webmanifest)$/.test(path)) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  // Client routes all load the app shell; anything under /socket.io never reaches here.
  app.get('/{*path}', (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text').send('The app is not built yet. Run `npm run build`.');
      return;
    }
    res.setHeader('Cache-Control', NO_STORE);
    res.sendFile(index);
  });

  app.use(
    (
      err: Error & { status?: number; type?: string },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      const status = err.status && err.status < 500 ? err.status : 500;
      if (status === 500) log.error('http.failed', { error: err.name });
      res.status(status).json({ error: { code: status === 500 ? 'internal' : 'bad_request' } });
    },
  );
  return app;
}
