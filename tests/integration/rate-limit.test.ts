import { afterEach, describe, expect, test } from 'vitest';
import { ackErrorSchema } from '../../shared/contracts/error-schema.js';
import type { Ack } from '../../shared/contracts/errors.js';
import { createMemoryAddressLimiter } from '../../server/security/memory-address-limiter.js';
import { TokenBucket } from '../../server/security/token-bucket.js';
import {
  connectClient,
  connected,
  linkedPair,
  nextEvent,
  ok,
  startServer,
  tearDown,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

/**
 * Socket events are rate limited per connection and per address (a token bucket: 30 at once, 100 a
 * minute) before any handler runs. A flood is refused with `rate_limited` and changes nothing; a
 * connection that keeps going past that warning is cut off (see flood-isolation.test.ts).
 */

const FLOOD = 1000;

type RawEmitter = { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<Ack<unknown>> } };

/** Every answer, or `cut` for an event still unanswered when the server closed the connection. */
async function flood(
  socket: TestSocket,
  count: number,
  payload: (i: number) => [string, unknown],
): Promise<Array<Ack<unknown> | 'cut'>> {
  const raw = socket as unknown as RawEmitter;
  const settled = await Promise.allSettled(
    Array.from({ length: count }, (_, i) => {
      const [event, body] = payload(i);
      return raw.timeout(20_000).emitWithAck(event, body);
    }),
  );
  return settled.map((r) => (r.status === 'fulfilled' ? r.value : 'cut'));
}

function codes(results: Array<Ack<unknown> | 'cut'>): Record<string, number> {
  const seen: Record<string, number> = {};
  for (const r of results) {
    const key = r === 'cut' ? 'cut' : 'error' in r ? r.error.code : 'ok';
    seen[key] = (seen[key] ?? 0) + 1;
  }
  return seen;
}

describe('token bucket', () => {
  test('allows a burst up to its capacity, then refills at its rate', () => {
    let t = 0;
    const bucket = new TokenBucket({ capacity: 30, perMinute: 100 }, t);
    let passed = 0;
    for (let i = 0; i < 100; i++) if (bucket.take(t)) passed++;
    expect(passed).toBe(30);
    // 100 a minute: one every 600 ms.
    t += 599;
    expect(bucket.take(t)).toBe(false);
    t += 1;
    expect(bucket.take(t)).toBe(true);
    // A minute of quiet brings back a full burst, never more.
    t += 10 * 60_000;
    passed = 0;
    for (let i = 0; i < 100; i++) if (bucket.take(t)) passed++;
    expect(passed).toBe(30);
  });

  test('a connection over its own limit does not drain its address', () => {
    let t = 0;
    const limiter = createMemoryAddressLimiter(
      {
        events: { perSocket: { capacity: 5, perMinute: 60 }, perAddress: { capacity: 8, perMinute: 60 } },
        connections: null,
      },
      () => t,
    );
    const one = {};
    const two = {};
    const passed = (connection: object, address: string) => limiter.packet(connection, address).kind === 'pass';
    expect(Array.from({ length: 50 }, () => passed(one, '10.0.0.1')).filter(Boolean)).toHaveLength(5);
    // The neighbour behind the same router still has the 3 left in the address's bucket.
    expect(Array.from({ length: 4 }, () => passed(two, '10.0.0.1')).filter(Boolean)).toHaveLength(3);
    expect(limiter.packet(two, '10.0.0.1')).toEqual({ kind: 'refuse', scope: 'address', first: false });
    // Refused frames still spent its own 5: elsewhere too it must now wait.
    expect(limiter.packet(two, '10.0.0.2')).toEqual({ kind: 'refuse', scope: 'socket', first: true });
    // One second later both buckets have one token again.
    t += 1000;
    expect(limiter.packet(two, '10.0.0.1')).toEqual({ kind: 'pass' });
  });

  test('null limits let everything through', () => {
    const limiter = createMemoryAddressLimiter({ events: null, connections: null });
    for (let i = 0; i < 1000; i++) expect(limiter.packet({}, 'x').kind).toBe('pass');
    expect(limiter.admit('x')).toBeNull();
  });
});

describe('rate limits on the socket API', () => {
  let server: TestServer | undefined;
  const sockets: TestSocket[] = [];

  afterEach(async () => {
    await tearDown(sockets, server);
    server = undefined;
  });

  test('a flood from one client is limited while a second couple’s pause still goes through promptly', async () => {
    server = await startServer();
    const flooder = await linkedPair(server, { a: 'Flo', b: 'Dee' });
    const calm = await linkedPair(server, { a: 'Alex', b: 'Sam' });
    sockets.push(flooder.a, flooder.b, calm.a, calm.b);
    const seqBefore = (await ok(flooder.a, 'state:get', {})).seq;

    // 1,000 settings changes at once from one phone; each accepted one would bump the seq.
    const flooding = flood(flooder.a, FLOOD, (i) => ['settings:update', { defaultMinutes: 20 + (i % 100) }]);
    // Meanwhile another couple pauses: the partner hears of it within a second.
    const heard = nextEvent(calm.b, 'couple:change', 1000);
    const started = Date.now();
    const paused = await ok(calm.a, 'pause:start', { commandId: 'cmd-ratelimit-1', minutes: 20 });
    const [{ set: heardByB }] = await heard;
    const latency = Date.now() - started;
    expect(paused.phase).toBe('paused');
    expect(heardByB.phase).toBe('paused');
    expect(latency).toBeLessThan(1000);

    const results = await flooding;
    const seen = codes(results);
    // Only the burst passed; the next ones were refused before reaching a handler (the warning), and
    // the connection was cut off when the flood went on, leaving the rest unanswered.
    expect(seen.ok).toBeGreaterThanOrEqual(25);
    expect(seen.ok).toBeLessThanOrEqual(35);
    expect(seen.rate_limited).toBe(server.config.connectionLimits!.refusalsBeforeCut);
    expect(seen.cut).toBe(FLOOD - seen.ok! - seen.rate_limited!);
    for (const r of results) if (r !== 'cut' && 'error' in r) expect(ackErrorSchema.parse(r)).toEqual(r);
    expect(flooder.a.connected).toBe(false);

    // Refused events changed nothing: the seq moved once per accepted change, no more. Its partner,
    // on its own connection, was never limited.
    const after = await ok(flooder.b, 'state:get', {});
    expect(after.seq).toBe(seqBefore + seen.ok!);
  });

  test('many connections from one address share that address’s limit; other addresses are unaffected', async () => {
    server = await startServer({
      config: {
        trustProxy: 1,
        eventLimits: { perSocket: { capacity: 30, perMinute: 100 }, perAddress: { capacity: 60, perMinute: 100 } },
      },
    });
    const from = (address: string) => {
      const s = connectClient(server!.url, undefined, { extraHeaders: { 'x-forwarded-for': address } });
      sockets.push(s);
      return s;
    };
    const crowd = Array.from({ length: 5 }, () => from('203.0.113.7'));
    const neighbour = from('198.51.100.4');
    await Promise.all([...crowd, neighbour].map(connected));

    // 5 × 20 pings: each connection is within its own 30, but together they pass the address's 60
    // (which the 5 connections' CONNECT frames have already taken 5 from: every frame counts).
    const results = (await Promise.all(crowd.map((s) => flood(s, 20, (i) => ['time:ping', { t0: i }])))).flat();
    const seen = codes(results);
    expect(seen.ok).toBeGreaterThanOrEqual(53);
    expect(seen.ok).toBeLessThanOrEqual(57);
    expect(seen.rate_limited).toBe(100 - seen.ok!);

    // A phone at another address goes straight through.
    const answers = codes(await flood(neighbour, 20, (i) => ['time:ping', { t0: i }]));
    expect(answers).toEqual({ ok: 20 });
  });

  test('the limit applies to unknown and malformed events too, and to connections that never linked', async () => {
    server = await startServer();
    const stranger = connectClient(server.url);
    sockets.push(stranger);
    await connected(stranger);
    const seen = codes(await flood(stranger, 200, (i) => [i % 2 ? 'no:such-event' : 'invite:create', { nonsense: i }]));
    expect(seen.rate_limited).toBe(server.config.connectionLimits!.refusalsBeforeCut);
    const answered = (seen.unknown_event ?? 0) + (seen.bad_request ?? 0);
    expect(answered).toBeGreaterThanOrEqual(25);
    expect(answered).toBeLessThanOrEqual(30);
    expect(seen.cut).toBe(200 - answered - seen.rate_limited!);
  });
});
