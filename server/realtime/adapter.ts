import type { RedisClientType, RedisDefaultModules } from 'redis';
import type { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from '../log.js';
import type { AppServer } from './types.js';

/** Redis keys and the stream this app's processes share; another app on the same Redis stays apart. */
const STREAM_NAME = 'breather:socket.io';
const SESSION_PREFIX = 'breather:sio-session:';

export type RedisClient = RedisClientType<RedisDefaultModules>;

export interface SharedRedis {
  /** The connected client, for other shared state (see address-budget.ts). */
  client: RedisClient;
  /** Makes this Socket.IO server broadcast through the shared stream; once, before it listens. */
  attach(io: AppServer): void;
  /** Rejects while Redis does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

type StreamsAdapter = ReturnType<ReturnType<typeof createAdapter>>;

/**
 * Every process reads every entry of the stream, its own included. The adapter would parse an own
 * entry's JSON and only then drop it for being its own; its sender id is a field of the raw entry, so
 * the check can come first. One parse fewer per broadcast on the process that sent it.
 */
function skipOwnEntries(adapter: StreamsAdapter): void {
  // `uid` is protected in the typings; it is the id this adapter stamps on what it publishes.
  const ownId = (adapter as unknown as { uid: string }).uid;
  const read = adapter.onRawMessage.bind(adapter);
  adapter.onRawMessage = (raw, offset) => {
    if (raw.uid !== ownId) read(raw, offset);
  };
}

/**
 * Several processes (REDIS_URL): broadcasts to a couple's room go through a Redis stream, so the
 * partner hears them on whichever process their phone is connected to, and Socket.IO's
 * connection-state recovery keeps working when a phone comes back on another process. The Redis
 * client is loaded only here, so a single process never needs it installed or running.
 *
 * While Redis is unreachable the client reconnects by itself and the adapter resumes the stream where it
 * was; `guardAvailability` keeps phones off this process meanwhile.
 */
export async function connectRedis(url: string, log: Logger): Promise<SharedRedis> {
  const [{ createClient }, streams] = await Promise.all([import('redis'), import('@socket.io/redis-streams-adapter')]);
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) } });
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    log.error('redis.unreachable', { error: err.name });
  });
  client.on('ready', () => {
    if (down) log.info('redis.back', {});
    down = false;
  });
  // The adapter's own connection (and the stream reader and subscriber it duplicates from it), without
  // the client's default command timeout: that arms a timer for every command which fires five seconds
  // later and builds an error, three per broadcast with two processes. The reader polls again after
  // any error anyway, and a broadcast whose XADD hangs waits with it while `guardAvailability` sends the
  // phones away; they get the state from PostgreSQL when they are back.
  const streamsClient = client.duplicate({ commandOptions: { timeout: 0 } });
  // The same outage as the main client's, which logs it.
  streamsClient.on('error', () => {});
  await Promise.all([client.connect(), streamsClient.connect()]);
  return {
    client,
    attach(io) {
      const perNamespace = streams.createAdapter(streamsClient, {
        streamName: STREAM_NAME,
        sessionKeyPrefix: SESSION_PREFIX,
        onlyPlaintext: true,
      });
      // Socket.IO calls this with `new`, hence a function and not an arrow.
      io.adapter(function (nsp: Parameters<typeof perNamespace>[0]) {
        const adapter = perNamespace(nsp);
        skipOwnEntries(adapter);
        return adapter;
      });
    },
    async ping() {
      if (!client.isReady) throw new Error('redis not ready');
      await client.ping();
    },
    async close() {
      await Promise.all([client, streamsClient].map((c) => c.quit().catch(() => c.destroy())));
    },
  };
}
