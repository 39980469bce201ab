import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MINUTE_MS } from '../shared/pause/limits.js';

export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Browser origins allowed to open a socket; empty means the page's own origin only. */
  origins: string[];
  /** Behind a reverse proxy, take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  clientDir: string;
  version: string;
  /** Serve HTTPS directly (phones need a secure origin); null serves plain HTTP. */
  tls: { certFile: string; keyFile: string } | null;
  invite: {
    ttlMs: number;
    maxWrongGuesses: number;
    joinLimit: RateLimit;
    createLimit: RateLimit;
  };
}

const root = resolve(import.meta.dirname, '..');

export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 3000,
    host: '0.0.0.0',
    dataDir: resolve(root, 'data'),
    origins: [],
    trustProxy: false,
    clientDir: resolve(root, 'dist/client'),
    version: packageVersion(),
    tls: null,
    invite: {
      ttlMs: 10 * MINUTE_MS,
      maxWrongGuesses: 5,
      joinLimit: { max: 10, windowMs: 10 * MINUTE_MS },
      createLimit: { max: 20, windowMs: 60 * MINUTE_MS },
    },
    ...overrides,
  };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const base = defaultConfig();
  return {
    ...base,
    port: env.PORT !== undefined ? Number(env.PORT) : base.port,
    host: env.HOST ?? base.host,
    dataDir: env.DATA_DIR ? resolve(env.DATA_DIR) : base.dataDir,
    origins: (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    tls: env.TLS_CERT_FILE && env.TLS_KEY_FILE ? { certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE } : null,
  };
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
