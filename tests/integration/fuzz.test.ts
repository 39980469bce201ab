import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../shared/contracts/errors.js';
import { clientEventSchemas, MAX_EVENT_BYTES, type ClientEventName } from '../../shared/contracts/events.js';
import { TRANSPORT_BUFFER_BYTES } from '../../server/create-app.js';
import {
  call,
  connectClient,
  connected,
  linkedPair,
  ok,
  startServer,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

/**
 * Throws malformed traffic at every event the server knows (and some it does not) and checks that
 * each one is refused politely, changes nothing, and leaves the connection and the server working.
 */

const SEED = 0x5eed_b7e4;
const CASES_PER_SOCKET = { unauthenticated: 800, a: 500, b: 400 };

/** mulberry32: small, fast, reproducible. */
function prng(seed: number) {
  let t = seed >>> 0;
  const next = () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = t;
    r = Math.imul(r ^ (r >>> 15), r | 1);
    r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const EVENTS = Object.keys(clientEventSchemas) as ClientEventName[];
const UNKNOWN_EVENTS: unknown[] = [
  'foo',
  'invite:Create',
  'INVITE:CREATE',
  'pause:start ',
  ' state:get',
  'pause:*',
  'pause',
  '',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'admin:reset',
  'couple:state',
  'couple:change',
  'couple:unlinked',
  'x'.repeat(2000),
  '\u0000',
  'état:get',
  0,
  1,
  -1,
  3.5,
];

/** Shapes close to right, which the mutations below push off course. Events not listed start from `{}`. */
const BASES: Record<string, Array<Record<string, unknown>>> = {
  'time:ping': [{ t0: 1_700_000_000_000 }],
  'state:get': [{}],
  'invite:create': [{ name: 'Alex' }],
  'invite:join': [
    { code: 'ABCD-EFGH', name: 'Sam' },
    { token: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'Sam' },
  ],
  'couple:unpair': [{}],
  'settings:update': [
    { name: 'Sam' },
    { defaultMinutes: 30 },
    { reassurance: 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA' },
    { tendsToWithdraw: true },
  ],
  'keys:publish': [{ publicKey: 'B' + 'A'.repeat(86) }],
  'pause:start': [{ commandId: 'cmd-00000001', minutes: 20 }],
  'pause:extend': [{ commandId: 'cmd-00000002', seq: 1, minutes: 20 }],
  'pause:end': [{ commandId: 'cmd-00000003', seq: 1 }],
  'pause:ready': [{ commandId: 'cmd-00000004', seq: 1 }],
  'pause:close': [{ commandId: 'cmd-00000005', seq: 1 }],
  'held:save': [{ messageId: 'msg-00000001', payload: 'b64-ciphertext' }],
  'held:discard': [{ messageId: 'msg-00000001' }],
  'held:send': [{ messageId: 'msg-00000001' }, { messageId: 'msg-00000001', payload: 'b64-ciphertext' }],
  'held:mine': [{}],
  'held:received': [{ messageIds: ['msg-00000001'] }],
  'conversation:rate': [{ commandId: 'cmd-00000006', seq: 1, rating: 3 }],
  'conversation:continue': [{ commandId: 'cmd-00000007', seq: 1 }],
  'conversation:share': [{ commandId: 'cmd-00000008', seq: 1, payload: 'b64-ciphertext' }],
  'conversation:floor': [{ commandId: 'cmd-00000009', seq: 1 }],
  'conversation:paraphrase': [{ commandId: 'cmd-00000010', seq: 1, payload: 'b64-ciphertext' }],
  'conversation:confirm': [{ commandId: 'cmd-00000011', seq: 1, yes: false }],
  'conversation:validate': [
    { commandId: 'cmd-00000012', seq: 1, payload: 'b64-ciphertext' },
    { commandId: 'cmd-00000013', seq: 1 },
  ],
  'conversation:repair': [
    { commandId: 'cmd-00000014', seq: 1, willDo: 'b64-ciphertext' },
    { commandId: 'cmd-00000015', seq: 1, regret: 'a', sorry: 'b', willDo: 'c', wouldLike: 'd' },
  ],
  'push:subscribe': [
    { endpoint: 'http://127.0.0.1:9/push/1', keys: { p256dh: 'B' + 'A'.repeat(86), auth: 'A'.repeat(22) } },
  ],
  'conversation:respond': [
    { commandId: 'cmd-00000016', seq: 1, status: 'accepted' },
    { commandId: 'cmd-00000017', seq: 1, status: 'adjusted', adjustment: 'b64-ciphertext' },
  ],
  'agreement:accept': [
    { terms: 'AAAAAAAAAAAAAAAAAAAAAA' },
    { terms: 'AAAAAAAAAAAAAAAAAAAAAA', minutes: 30, signal: 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA' },
  ],
};

function basesFor(event: string): Array<Record<string, unknown>> {
  return BASES[event] ?? [{}];
}

const EXTRA_KEYS = [
  'extra',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'admin',
  'seq',
  'deviceId',
  'coupleId',
  'code',
  'token',
  '',
];

/** A string whose JSON encoding takes about `bytes` bytes (escapes and multi-byte characters included). */
function bigString(rng: Rng, bytes: number): string {
  const chunk = rng.pick(['a', 'Z9', 'é', '💥', '\u0000', '"\\', ' ', '<script>']);
  const cost = Buffer.byteLength(JSON.stringify(chunk)) - 2;
  return chunk.repeat(Math.ceil(bytes / cost));
}

function nested(rng: Rng, depth: number): unknown {
  let v: unknown = rng.pick([1, 'x', null, {}]);
  for (let i = 0; i < depth; i++) v = rng.next() < 0.5 ? [v] : { k: v };
  return v;
}

/** A JSON-made object whose `__proto__`/`constructor` keys are its own properties, as they arrive off the wire. */
function withRawKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const entries = Object.entries(base).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  entries.unshift(`${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`);
  return JSON.parse(`{${entries.join(',')}}`) as Record<string, unknown>;
}

function weird(rng: Rng): unknown {
  switch (rng.int(0, 27)) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return 0;
    case 3:
      return -1;
    case 4:
      return 1.5;
    case 5:
      return 1e308;
    case 6:
      return Number.NaN;
    case 7:
      return Number.MAX_SAFE_INTEGER + 2;
    case 8:
      return true;
    case 9:
      return false;
    case 10:
      return '';
    case 11:
      return '   ';
    case 12:
      return 'x'.repeat(rng.int(41, 400));
    case 13:
      return '\u0000\u0001';
    case 14:
      return '💥'.repeat(rng.int(1, 60));
    case 15:
      return [];
    case 16:
      return [1, 'two', null];
    case 17:
      return {};
    case 18:
      return { a: { b: { c: {} } } };
    case 19:
      return nested(rng, rng.int(5, 300));
    case 20:
      return JSON.parse('{"__proto__":{"polluted":true}}');
    case 21:
      return JSON.parse('{"constructor":{"prototype":{"polluted":true}}}');
    case 22:
      return Buffer.from('binary');
    case 23:
      return '20';
    case 24:
      return -20;
    case 25:
      return 'cmd-00000001';
    case 26:
      return { toString: 'x', valueOf: 1 };
    default:
      return new Date(0).toISOString();
  }
}

type AckMode = 'fn' | 'none' | 'string' | 'number';
interface Case {
  kind: string;
  event: unknown;
  args: unknown[];
  ack: AckMode;
}

function mutate(rng: Rng, event: ClientEventName): Omit<Case, 'ack' | 'event'> {
  const base = { ...rng.pick(basesFor(event)) };
  const keys = Object.keys(base);
  switch (rng.int(0, 11)) {
    case 0: {
      if (!keys.length) return { kind: 'missing-all', args: [] };
      delete base[rng.pick(keys)];
      return { kind: 'missing-field', args: [base] };
    }
    case 1:
    case 2: {
      if (!keys.length) return { kind: 'wrong-type-empty', args: [{ [rng.pick(EXTRA_KEYS)]: weird(rng) }] };
      base[rng.pick(keys)] = weird(rng);
      return { kind: 'wrong-type', args: [base] };
    }
    case 3:
      return { kind: 'extra-field', args: [withRawKey(base, rng.pick(EXTRA_KEYS), weird(rng))] };
    case 4:
      return {
        kind: 'proto-key',
        args: [
          withRawKey(
            base,
            rng.pick(['__proto__', 'constructor']),
            rng.pick([{ polluted: true }, { prototype: { polluted: true } }, null, 1]),
          ),
        ],
      };
    case 5:
      return { kind: 'not-an-object', args: [weird(rng)] };
    case 6:
      return { kind: 'wrapped', args: [rng.pick([[base], { payload: base }, { data: base }, [[base]]])] };
    case 7: {
      // Over the 64 KB event limit, still under the transport buffer with the longest event name (a larger frame closes the connection).
      const s = bigString(rng, rng.int(MAX_EVENT_BYTES + 1, TRANSPORT_BUFFER_BYTES - 2600));
      return {
        kind: 'huge',
        args: [
          keys.length && rng.next() < 0.7 ? { ...base, [rng.pick(keys)]: s } : rng.pick([s, { ...base, extra: s }]),
        ],
      };
    }
    case 8: {
      // Big, but small enough to get past the size check: the schema must catch it.
      const s = bigString(rng, rng.int(1_000, 60_000));
      return { kind: 'big', args: [keys.length ? { ...base, [rng.pick(keys)]: s } : { pad: s }] };
    }
    case 9:
      return {
        kind: 'multiple',
        args: rng.pick([[base, base], [base, weird(rng)], [], [base, base, base], [base, undefined]]),
      };
    case 10:
      return {
        kind: 'deep',
        args: [rng.next() < 0.5 ? nested(rng, rng.int(100, 3000)) : { ...base, deep: nested(rng, rng.int(10, 1000)) }],
      };
    default:
      return { kind: 'array-payload', args: [rng.pick([[], [1], Object.values(base), Object.entries(base)])] };
  }
}

/** What the server must answer, from the dispatcher's contract: known name, then size, then shape. */
function expectedCode(c: Case): ErrorCode {
  if (typeof c.event !== 'string' || !Object.hasOwn(clientEventSchemas, c.event)) return 'unknown_event';
  if (Buffer.byteLength(JSON.stringify(c.args)) > MAX_EVENT_BYTES) return 'too_large';
  return 'bad_request';
}

/** True if the server could accept this: the payload passes its schema as sent or as it arrives (JSON round trip). */
function couldBeValid(c: Case): boolean {
  if (typeof c.event !== 'string' || !Object.hasOwn(clientEventSchemas, c.event) || c.args.length !== 1) return false;
  const schema = clientEventSchemas[c.event as ClientEventName];
  const wire = JSON.stringify(c.args[0]);
  return schema.safeParse(c.args[0]).success || (wire !== undefined && schema.safeParse(JSON.parse(wire)).success);
}

function generate(seed: number, count: number): { cases: Case[]; skippedValid: number } {
  const rng = prng(seed);
  const cases: Case[] = [];
  let skippedValid = 0;
  // A few exact-boundary cases first: one byte under, at, and over the limit.
  for (const event of ['invite:create', 'settings:update'] as const) {
    const overhead = Buffer.byteLength(JSON.stringify([{ name: '' }]));
    for (const delta of [-1, 0, 1]) {
      cases.push({
        kind: `boundary${delta}`,
        event,
        args: [{ name: 'x'.repeat(MAX_EVENT_BYTES - overhead + delta) }],
        ack: 'fn',
      });
    }
  }
  while (cases.length < count) {
    const roll = rng.next();
    const known = roll < 0.85;
    const event = known ? rng.pick(EVENTS) : rng.pick(UNKNOWN_EVENTS);
    const shape: Omit<Case, 'ack' | 'event'> = known
      ? mutate(rng, event as ClientEventName)
      : {
          kind: 'unknown-event',
          args: rng.next() < 0.5 ? [{ ...rng.pick(basesFor(rng.pick(EVENTS))) }] : mutate(rng, rng.pick(EVENTS)).args,
        };
    const r = rng.next();
    const ack: AckMode = r < 0.88 ? 'fn' : r < 0.94 ? 'none' : r < 0.97 ? 'string' : 'number';
    const c: Case = { ...shape, event, ack };
    if (couldBeValid(c)) {
      skippedValid++;
      continue;
    }
    cases.push(c);
  }
  return { cases, skippedValid };
}

interface RawSocket {
  emit(event: unknown, ...args: unknown[]): unknown;
  timeout(ms: number): { emitWithAck(event: unknown, ...args: unknown[]): Promise<unknown> };
}

async function ping(socket: TestSocket, t0: number): Promise<void> {
  expect(await ok(socket, 'time:ping', { t0 })).toEqual({ t0, serverNow: expect.any(Number) });
}

async function fire(socket: TestSocket, cases: Case[], label: string): Promise<Record<string, number>> {
  const raw = socket as unknown as RawSocket;
  const seen: Record<string, number> = {};
  for (const [i, c] of cases.entries()) {
    const where = `${label} case ${i} (${c.kind}, ${String(c.event).slice(0, 40)}, ack ${c.ack})`;
    if (c.ack === 'fn') {
      const res = (await raw
        .timeout(5000)
        .emitWithAck(c.event, ...c.args)
        .catch((err: Error) => ({ failed: err.message }))) as {
        error?: { code: string };
      };
      expect(res, where).toEqual({ error: { code: expectedCode(c) } });
      expect(ERROR_CODES, where).toContain(res.error!.code);
      seen[res.error!.code] = (seen[res.error!.code] ?? 0) + 1;
    } else {
      const last = c.ack === 'string' ? ['not-a-function'] : c.ack === 'number' ? [42] : [];
      raw.emit(c.event, ...c.args, ...last);
      // Dropped without an answer; the connection must still work right after.
      await ping(socket, i);
      seen.dropped = (seen.dropped ?? 0) + 1;
    }
    if (i % 50 === 0) await ping(socket, i);
  }
  return seen;
}

/** Every table, every row, in a stable order: the server's whole persistent state. */
function dumpDb(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    const dump: Record<string, unknown> = { user_version: db.pragma('user_version', { simple: true }) };
    for (const { name } of tables) dump[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    return JSON.stringify(dump, (_k, v: unknown) =>
      v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer'
        ? Buffer.from((v as { data: number[] }).data).toString('hex')
        : v,
    );
  } finally {
    db.close();
  }
}

describe('fuzzing the socket API', () => {
  let server: TestServer;
  let unauthenticated: TestSocket;
  let pair: Awaited<ReturnType<typeof linkedPair>>;
  const disconnects: string[] = [];

  beforeAll(async () => {
    // Thousands of events in seconds from one address: the rate limits (tests/integration/rate-limit.test.ts)
    // would answer most of them, and this test is about what the handlers' gate refuses.
    server = await startServer({ config: { eventLimits: null, connectionLimits: null } });
    pair = await linkedPair(server);
    unauthenticated = connectClient(server.url);
    await connected(unauthenticated);
    for (const [name, s] of [
      ['unauthenticated', unauthenticated],
      ['a', pair.a],
      ['b', pair.b],
    ] as const) {
      s.on('disconnect', (reason) => disconnects.push(`${name}: ${reason}`));
    }
  });

  afterAll(async () => {
    for (const s of [unauthenticated, pair?.a, pair?.b]) s?.close();
    await server.stop();
    server.cleanup();
  });

  test('the generator is reproducible and only makes requests the server must refuse', () => {
    const one = generate(SEED, 300);
    const two = generate(SEED, 300);
    expect(JSON.stringify(one.cases.map((c) => [c.event, c.args.length, c.ack, c.kind]))).toBe(
      JSON.stringify(two.cases.map((c) => [c.event, c.args.length, c.ack, c.kind])),
    );
    for (const c of one.cases) expect(couldBeValid(c)).toBe(false);
    // The validity filter itself works: a right-shaped payload is recognised.
    expect(couldBeValid({ kind: 'ok', event: 'invite:create', args: [{ name: 'Alex' }], ack: 'fn' })).toBe(true);
    expect(
      couldBeValid({ kind: 'ok', event: 'invite:create', args: [{ name: 'Alex', x: undefined }], ack: 'fn' }),
    ).toBe(true);
  });

  test('over 1,000 malformed events on unauthenticated and linked sockets are refused and change nothing', async () => {
    const before = dumpDb(server.dbFile);
    const seqBefore = (await ok(pair.a, 'state:get', {})).seq;

    const totals: Record<string, number> = {};
    const kinds = new Set<string>();
    const events = new Set<unknown>();
    let offset = 0;
    for (const [label, socket, count] of [
      ['unauthenticated', unauthenticated, CASES_PER_SOCKET.unauthenticated],
      ['a', pair.a, CASES_PER_SOCKET.a],
      ['b', pair.b, CASES_PER_SOCKET.b],
    ] as const) {
      const { cases } = generate(SEED + offset++, count);
      for (const c of cases) {
        kinds.add(c.kind);
        events.add(c.event);
      }
      const seen = await fire(socket, cases, label);
      for (const [code, n] of Object.entries(seen)) totals[code] = (totals[code] ?? 0) + n;
      expect(socket.connected, `${label} still connected`).toBe(true);
    }

    const total = Object.values(totals).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(1000);
    // Every kind of refusal and every event name was exercised.
    expect(totals.bad_request).toBeGreaterThan(100);
    expect(totals.unknown_event).toBeGreaterThan(50);
    expect(totals.too_large).toBeGreaterThan(20);
    expect(totals.dropped).toBeGreaterThan(20);
    for (const e of EVENTS) expect(events, e).toContain(e);
    for (const k of [
      'missing-field',
      'wrong-type',
      'extra-field',
      'proto-key',
      'not-an-object',
      'huge',
      'big',
      'multiple',
      'deep',
    ]) {
      expect(kinds, k).toContain(k);
    }

    expect(disconnects).toEqual([]);
    expect(dumpDb(server.dbFile)).toBe(before);
    // Nothing leaked into shared objects.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // Everyone still works, and is who they were.
    await ping(unauthenticated, 1);
    expect(await call(unauthenticated, 'state:get', {})).toEqual({ error: { code: 'not_linked' } });
    const state = await ok(pair.a, 'state:get', {});
    expect(state.seq).toBe(seqBefore);
    expect(state.devices.map((d) => d.name)).toEqual(['Alex', 'Sam']);
    expect((await ok(pair.b, 'state:get', {})).seq).toBe(seqBefore);

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
  });

  test('malformed handshake credentials are refused as not_linked and change nothing', async () => {
    const before = dumpDb(server.dbFile);
    const rng = prng(SEED ^ 0xa5a5);
    const real = pair.aCredential;
    const [deviceId, secret] = real.split('.') as [string, string];
    const credentials: unknown[] = [
      null,
      0,
      1,
      true,
      false,
      '',
      ' ',
      [],
      [real],
      { credential: real },
      JSON.parse('{"__proto__":{"x":1}}'),
      deviceId,
      `${deviceId}.`,
      `.${secret}`,
      `${deviceId}.${secret}x`,
      `${deviceId}.${secret.slice(1)}`,
      `${deviceId.toUpperCase()}.${secret}`,
      ` ${real}`,
      `${real} `,
      `${real}\n`,
      real.replace('.', ':'),
      `${deviceId}.${'A'.repeat(43)}`,
      `00000000-0000-0000-0000-000000000000.${secret}`,
      'x'.repeat(50_000),
      `${deviceId}.${secret}.${secret}`,
      `${'0'.repeat(36)}.${secret}`,
    ];
    while (credentials.length < 60) {
      // (No credential at all is a fine, unlinked connection, so not in this list.)
      const c = rng.pick([weird(rng), bigString(rng, rng.int(1, 5000))]);
      if (c !== undefined) credentials.push(c);
    }
    for (const credential of credentials) {
      const s = connectClient(server.url, undefined, { auth: { credential } });
      const err = await new Promise<Error & { data?: { code?: string } }>((resolve, reject) => {
        s.once('connect', () => reject(new Error(`connected with ${JSON.stringify(credential)?.slice(0, 80)}`)));
        s.once('connect_error', resolve);
      }).finally(() => s.close());
      expect(err.data, JSON.stringify(credential)?.slice(0, 80)).toEqual({ code: 'not_linked' });
    }
    // The real credential still works.
    const s = connectClient(server.url, real);
    await connected(s);
    expect((await ok(s, 'state:get', {})).devices).toHaveLength(2);
    s.close();
    expect(dumpDb(server.dbFile)).toBe(before);
  });

  test('an event over the transport buffer closes only that connection', async () => {
    const victim = connectClient(server.url);
    await connected(victim);
    const gone = new Promise<string>((resolve) => victim.once('disconnect', resolve));
    (victim as unknown as RawSocket).emit('invite:create', { name: 'x'.repeat(1_200_000) });
    expect(await gone).toMatch(/transport (close|error)/);
    victim.close();
    await ping(pair.a, 1);
    await ping(unauthenticated, 2);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(disconnects).toEqual([]);
  });
});
