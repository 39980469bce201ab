// bench:pause — N linked couples each pause once; how long until the partner's phone hears of it,
// against a bare Socket.IO relay under the same load. Prints one JSON line with --json.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { DEFAULT_BREAK_MINUTES } from '../../shared/pause/limits.js';
import { initialCoupleState } from '../../shared/pause/machine.js';
import { DEFAULT_REASSURANCE } from '../../shared/pause/reassurance.js';
import { newCredential, newId, sha256 } from '../../server/security/secrets.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { DeviceRecord } from '../../server/store/store.js';
import { startServerProcess } from '../server-process.js';
import { percentile, round } from './stats.js';

const { values } = parseArgs({
  options: {
    couples: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '0' },
    json: { type: 'boolean', default: false },
  },
});
const couples = Number(values.couples);
/** Pauses started per second, spread evenly; 0 fires them all at once. */
const rate = Number(values.rate);
const CONNECT_BATCH = 250;

interface Pair {
  a: Socket;
  b: Socket;
}

function log(message: string): void {
  if (!values.json) console.error(message);
}

async function seed(dataDir: string): Promise<Array<[string, string]>> {
  const store = openSqliteStore(join(dataDir, 'breather.db'));
  const credentials: Array<[string, string]> = [];
  const now = Date.now();
  const device = (coupleId: string, name: string) => {
    const id = newId();
    const { credential, secretHash } = newCredential(id);
    const record: DeviceRecord = {
      id, coupleId, name, secretHash, linkedAt: now,
      defaultMinutes: DEFAULT_BREAK_MINUTES, reassurance: DEFAULT_REASSURANCE, tendsToWithdraw: null, publicKey: null,
    };
    return { record, credential };
  };
  for (let i = 0; i < couples; i++) {
    const coupleId = newId();
    const a = device(coupleId, 'A');
    const b = device(coupleId, 'B');
    await store.createCouple(coupleId, a.record, initialCoupleState());
    const inviteId = newId();
    await store.createInvite({
      id: inviteId, coupleId, lookup: `B${i}`, secretHash: sha256(`s${i}`), tokenHash: sha256(`t${i}`),
      createdAt: now, expiresAt: now + 60_000, wrongGuesses: 0, usedAt: null,
    });
    await store.joinWithInvite(inviteId, b.record, now);
    credentials.push([a.credential, b.credential]);
  }
  await store.close();
  return credentials;
}

async function connectAll(port: number, auths: Array<[object, object]>): Promise<Pair[]> {
  const pairs: Pair[] = [];
  const open = (auth: object) =>
    new Promise<Socket>((done, fail) => {
      const socket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
      socket.once('connect', () => done(socket));
      socket.once('connect_error', fail);
    });
  for (let i = 0; i < auths.length; i += CONNECT_BATCH) {
    const batch = auths.slice(i, i + CONNECT_BATCH);
    pairs.push(...(await Promise.all(batch.map(async ([a, b]) => ({ a: await open(a), b: await open(b) })))));
  }
  return pairs;
}

/** Fires one trigger per pair at the configured rate; resolves with each pair's emit→partner latency. */
async function measure(pairs: Pair[], arm: (pair: Pair, i: number, done: (ms: number) => void) => () => void): Promise<number[]> {
  const latencies: number[] = [];
  await new Promise<void>((finished) => {
    let remaining = pairs.length;
    const triggers = pairs.map((pair, i) =>
      arm(pair, i, (ms) => {
        latencies.push(ms);
        if (--remaining === 0) finished();
      }),
    );
    if (rate <= 0) return triggers.forEach((fire) => fire());
    const started = performance.now();
    let next = 0;
    const tick = () => {
      const due = Math.min(triggers.length, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      while (next < due) triggers[next++]!();
      if (next < triggers.length) setTimeout(tick, 1);
    };
    tick();
  });
  return latencies.sort((x, y) => x - y);
}

function closeAll(pairs: Pair[]): void {
  for (const { a, b } of pairs) (a.close(), b.close());
}

async function benchBreather(): Promise<{ latencies: number[]; rssMb: number; rssPerSocketKb: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'breather-bench-'));
  log(`seeding ${couples} couples…`);
  const credentials = await seed(dataDir);
  // Every simulated phone shares one address here; the per-address event limit is for real traffic.
  const server = await startServerProcess({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, EVENT_LIMITS: 'off' });
  try {
    const idleRss = server.rssMb();
    log('connecting breather clients…');
    const pairs = await connectAll(server.port, credentials.map(([a, b]) => [{ credential: a }, { credential: b }]));
    const connectedRss = server.rssMb();
    log('pausing…');
    const latencies = await measure(pairs, ({ a, b }, i, done) => {
      let sentAt = 0;
      b.on('couple:state', (snapshot: { pause: unknown }) => {
        if (snapshot.pause && sentAt) done(performance.now() - sentAt);
      });
      return () => {
        sentAt = performance.now();
        a.emit('pause:start', { commandId: `bench-pause-${i}`, minutes: 20 }, () => {});
      };
    });
    const rssMb = Math.max(connectedRss, server.rssMb());
    closeAll(pairs);
    return { latencies, rssMb, rssPerSocketKb: ((connectedRss - idleRss) * 1024) / (couples * 2) };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchBaseline(): Promise<{ latencies: number[]; rssPerSocketKb: number }> {
  const server = await startServerProcess({ PORT: '0' }, 'scripts/bench/baseline-server.ts');
  try {
    log('connecting baseline clients…');
    const idleRss = server.rssMb();
    const pairs = await connectAll(server.port, Array.from({ length: couples }, (_, i) => [{ room: i }, { room: i }]));
    const rssPerSocketKb = ((server.rssMb() - idleRss) * 1024) / (couples * 2);
    const latencies = await measure(pairs, ({ a, b }, i, done) => {
      let sentAt = 0;
      b.on('relayed', () => done(performance.now() - sentAt));
      return () => {
        sentAt = performance.now();
        a.emit('relay', { commandId: `bench-pause-${i}`, minutes: 20 }, () => {});
      };
    });
    closeAll(pairs);
    return { latencies, rssPerSocketKb };
  } finally {
    await server.stop();
  }
}

const breather = await benchBreather();
const baseline = await benchBaseline();
const p50 = percentile(breather.latencies, 50);
const p99 = percentile(breather.latencies, 99);
const b50 = percentile(baseline.latencies, 50);
const b99 = percentile(baseline.latencies, 99);
const result = {
  couples,
  samples: breather.latencies.length,
  p50_ms: round(p50),
  p99_ms: round(p99),
  baseline_p50_ms: round(b50),
  baseline_p99_ms: round(b99),
  ratio_p50: round(p50 / b50),
  ratio_p99: round(p99 / b99),
  server_rss_mb: round(breather.rssMb, 1),
  rss_per_socket_kb: round(breather.rssPerSocketKb, 2),
  baseline_rss_per_socket_kb: round(baseline.rssPerSocketKb, 2),
};
console.log(values.json ? JSON.stringify(result) : result);
process.exit(0);
