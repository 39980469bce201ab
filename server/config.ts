import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MINUTE_MS } from '../shared/pause/limits.js';
import { LOG_LEVELS, type LogLevel } from './log.js';
import { findRoot } from './root.js';

export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Web Push (server/push). Optional: without it the app shows in-page notices while it is open. */
export interface PushConfig {
  enabled: boolean;
  /** VAPID keys from the environment; when null they are made on first start and kept in the data dir. */
  vapid: { publicKey: string; privateKey: string } | null;
  /** The VAPID `sub` claim: a mailto: or https: contact for the push services. */
  subject: string;
  /** How often the time-up sweep runs (server clock). */
  sweepIntervalMs: number;
  /** Subscription endpoints must be https on one of these hosts (or a subdomain): the browsers' push services. */
  endpointHosts: string[];
  /** Tests only: also accept http://127.0.0.1 endpoints (a local fake push service). */
  allowLoopbackHttp: boolean;
}

export const DEFAULT_PUSH_HOSTS = [
  'fcm.googleapis.com',
  'push.services.mozilla.com',
  'push.apple.com',
  'notify.windows.com',
];

/** A token bucket: `capacity` events at once, refilled at `perMinute` a minute. */
export interface EventLimit {
  capacity: number;
  perMinute: number;
}

/**
 * Which hops in front of the server are proxies whose X-Forwarded-For entry is believed, as Express's
 * `trust proxy`: false (none, the socket's peer is the client), a hop count, or addresses / CIDRs /
 * `loopback` / `linklocal` / `uniquelocal`. The client is the rightmost entry not from a trusted proxy.
 */
export type TrustProxy = false | number | string[];

/**
 * Per-address connection limits, checked on the handshake before a Socket.IO socket exists.
 * A connection that keeps flooding after its warning is cut off and its address penalised.
 */
export interface ConnectionLimits {
  /** Open connections per address; the default fits a household or office behind one router. */
  maxSocketsPerAddress: number;
  /** New connections (handshakes) per address. */
  handshakes: EventLimit;
  /** Refusals a connection (or address, for handshakes) may run up past its warning before it is cut off. */
  refusalsBeforeCut: number;
  /** How long a penalised address is refused at the door (its TCP connections closed unread). */
  penaltyMs: number;
}

export interface HttpLimits {
  /** The whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** How often the server looks for requests past those timeouts. */
  checkEveryMs: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Browser origins allowed to open a socket; empty means the page's own origin only. */
  origins: string[];
  /**
   * Host names (without port) requests may carry in `Host`, against DNS rebinding. Always allowed on top:
   * localhost names, this machine's addresses, the configured host and the hosts of `origins`.
   */
  hosts: string[];
  trustProxy: TrustProxy;
  clientDir: string;
  version: string;
  /** Serve HTTPS directly (phones need a secure origin); null serves plain HTTP. */
  tls: { certFile: string; keyFile: string } | null;
  push: PushConfig;
  invite: {
    ttlMs: number;
    maxWrongGuesses: number;
    joinLimit: RateLimit;
    createLimit: RateLimit;
  };
  /**
   * Socket events per connection and per client address, checked before any handler runs.
   * Null turns the limits off (the fuzz test and the load bench, which send far more than a person).
   */
  eventLimits: { perSocket: EventLimit; perAddress: EventLimit } | null;
  /** Null turns them off (load benchmarks, where every simulated phone shares one address). */
  connectionLimits: ConnectionLimits | null;
  http: HttpLimits;
  retention: {
    /** How long an unpaired couple's remaining server data is kept before it is purged. */
    afterUnpairMs: number;
    /** How often the purge runs (it also runs at start). */
    purgeEveryMs: number;
  };
  /**
   * Several processes (README, "Run on several servers"): DATABASE_URL selects the PostgreSQL store and
   * REDIS_URL the shared Socket.IO adapter. Both null (the default) is one process on SQLite.
   */
  databaseUrl: string | null;
  redisUrl: string | null;
  /** The least severe log lines written; `silent` writes none. */
  logLevel: LogLevel;
}

export const DAY_MS = 24 * 60 * MINUTE_MS;
export const DEFAULT_RETENTION_DAYS = 30;

const root = findRoot(import.meta.dirname);

export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 3000,
    host: '0.0.0.0',
    dataDir: resolve(root, 'data'),
    origins: [],
    hosts: [],
    trustProxy: false,
    clientDir: resolve(root, 'dist/client'),
    version: packageVersion(),
    tls: null,
    push: {
      enabled: true,
      vapid: null,
      subject: 'mailto:breather@example.org',
      sweepIntervalMs: 15_000,
      endpointHosts: DEFAULT_PUSH_HOSTS,
      allowLoopbackHttp: false,
    },
    invite: {
      ttlMs: 10 * MINUTE_MS,
      maxWrongGuesses: 5,
      joinLimit: { max: 10, windowMs: 10 * MINUTE_MS },
      createLimit: { max: 20, windowMs: 60 * MINUTE_MS },
    },
    // A person taps a few times a minute; bursts (reconnect, clock sync) stay well under 30.
    // One address may be several phones behind a home router or a carrier's NAT: ten times as much.
    eventLimits: {
      perSocket: { capacity: 30, perMinute: 100 },
      perAddress: { capacity: 300, perMinute: 1000 },
    },
    connectionLimits: {
      maxSocketsPerAddress: 20,
      // A household reconnecting at once after a Wi-Fi drop, then two a second.
      handshakes: { capacity: 30, perMinute: 120 },
      refusalsBeforeCut: 20,
      penaltyMs: 60_000,
    },
    // Long-polling responses wait up to 25 s, but a request itself (headers and a small body) comes at once.
    http: { requestTimeoutMs: 30_000, headersTimeoutMs: 15_000, checkEveryMs: 5_000 },
    retention: { afterUnpairMs: DEFAULT_RETENTION_DAYS * DAY_MS, purgeEveryMs: 60 * MINUTE_MS },
    databaseUrl: null,
    redisUrl: null,
    logLevel: 'info',
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
    origins: list(env.ALLOWED_ORIGINS),
    hosts: list(env.ALLOWED_HOSTS).map((h) => h.toLowerCase()),
    trustProxy: trustProxy(env.TRUST_PROXY),
    tls: env.TLS_CERT_FILE && env.TLS_KEY_FILE ? { certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE } : null,
    push: pushFromEnv(env, base.push),
    eventLimits: env.EVENT_LIMITS === 'off' ? null : base.eventLimits,
    connectionLimits: env.EVENT_LIMITS === 'off' ? null : connectionLimits(env, base.connectionLimits!),
    retention: { ...base.retention, afterUnpairMs: retentionDays(env.RETENTION_DAYS) * DAY_MS },
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    logLevel: logLevel(env.LOG_LEVEL, base.logLevel),
  };
}

/** LOG_LEVEL: one of LOG_LEVELS; anything else stops the server rather than logging at a level nobody chose. */
function logLevel(raw: string | undefined, fallback: LogLevel): LogLevel {
  if (raw === undefined || raw === '') return fallback;
  const level = LOG_LEVELS.find((l) => l === raw.trim().toLowerCase());
  if (!level) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * TRUST_PROXY: unset, `0`, `false` or `off` trusts no proxy; a number is how many proxies sit in front
 * (`true` means one, not Express's "trust everyone", which would believe the spoofable leftmost entry);
 * anything else is a comma-separated list of proxy addresses, CIDRs or proxy-addr's names.
 */
export function trustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === '0' || value === 'false' || value === 'off') return false;
  if (value === 'true') return 1;
  if (/^\d+$/.test(value)) return Number(value);
  return list(value);
}

function connectionLimits(env: NodeJS.ProcessEnv, base: ConnectionLimits): ConnectionLimits {
  const max = env.MAX_SOCKETS_PER_ADDRESS;
  if (max === undefined || max.trim() === '') return base;
  const n = Number(max);
  if (!Number.isInteger(n) || n < 1) throw new Error('MAX_SOCKETS_PER_ADDRESS must be a whole number, 1 or more');
  return { ...base, maxSocketsPerAddress: n };
}

/** RETENTION_DAYS: a number of days, 0 or more (unset: 30). A typo stops the server rather than keep data longer. */
export function retentionDays(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isFinite(days) || days < 0) throw new Error('RETENTION_DAYS must be a number of days, 0 or more');
  return days;
}

function pushFromEnv(env: NodeJS.ProcessEnv, base: PushConfig): PushConfig {
  const hosts = (env.PUSH_ENDPOINT_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return {
    ...base,
    enabled: env.PUSH !== 'off',
    vapid:
      env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY
        ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY }
        : null,
    subject: env.VAPID_SUBJECT ?? base.subject,
    endpointHosts: hosts.length ? hosts : base.endpointHosts,
  };
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
