// bench:pause — N linked couples each pause once; how long until the partner's phone hears of it,
// against two baselines under the same load: a bare Socket.IO relay, and a durable relay that commits
// each event to SQLite before it acks and forwards it (the floor for a pause that survives a crash).
// Burst by default; `--rate R` paces the pauses. Prints one JSON line with --json.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
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
import { median, percentile, round } from './stats.js';

const { values } = parseArgs({
  options: {
    couples: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '0' },
    rounds: { type: 'string', default: '3' },
    cold: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const couples = Number(values.couples);
/** Pauses started per second, spread evenly; 0 fires them all at once. */
const rate = Number(values.rate);
/** Breather then the baseline, back to back, this many times; the medians are reported (a shared machine is noisy). */
const rounds = Math.max(1, Number(values.rounds));
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

/**
 * Before measuring, every couple goes once through a whole break (start, end early, both ready, back
 * to normal), so the measured pauses run warm code, as on a server that has been up a while, rather
 * than timing the JIT compiler. The baseline relays as many events first.
 */
async function warmUpBreather(pairs: Pair[]): Promise<void> {
  await Promise.all(
    pairs.map(async ({ a, b }, i) => {
      // Command ids are de-duplicated per couple, so each step needs its own.
      let step = 0;
      const send = async (socket: Socket, event: string, payload: object) => {
        const res = (await socket.emitWithAck(event, { commandId: `bench-warm-${step++}-${i}`, ...payload })) as {
          data?: { seq: number };
        };
        if (!res.data) throw new Error(`warm-up ${event} refused: ${JSON.stringify(res)}`);
        return res.data.seq;
      };
      let seq = await send(a, 'pause:start', { minutes: 20 });
      seq = await send(a, 'pause:end', { seq, rating: 2 });
      seq = await send(a, 'pause:ready', { seq });
      seq = await send(b, 'pause:ready', { seq });
      seq = await send(a, 'pause:close', { seq });
      await send(b, 'talk:close-answer', { seq, answer: 'accept' });
    }),
  );
}

const WARM_UP_EVENTS = 6;

async function warmUpBaseline(pairs: Pair[]): Promise<void> {
  await Promise.all(
    pairs.map(async ({ a }, i) => {
      for (let n = 0; n < WARM_UP_EVENTS; n++) await a.emitWithAck('relay', { commandId: `bench-warm-${n}-${i}`, minutes: 20 });
    }),
  );
}

function closeAll(pairs: Pair[]): void {
  for (const { a, b } of pairs) (a.close(), b.close());
}

interface Run {
  latencies: number[];
  rssPerSocketKb: number;
  /** Server CPU time (user + system) per pause while they went through: steadier than latency on a shared machine. */
  cpuUsPerPause: number;
}

/** Every round starts from a copy of the same seeded database: no couple has paused yet. */
async function benchBreather(seeded: string, credentials: Array<[string, string]>): Promise<Run & { rssMb: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'breather-bench-'));
  copyFileSync(seeded, join(dataDir, 'breather.db'));
  // Every simulated phone shares one address here; the per-address event limit is for real traffic.
  const server = await startServerProcess({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, EVENT_LIMITS: 'off' });
  try {
    const idleRss = server.rssMb();
    log('connecting breather clients…');
    const pairs = await connectAll(server.port, credentials.map(([a, b]) => [{ credential: a }, { credential: b }]));
    const connectedRss = server.rssMb();
    if (!values.cold) {
      log('warming up…');
      await warmUpBreather(pairs);
    }
    log('pausing…');
    const cpuBefore = server.cpuMs();
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
    const cpuUsPerPause = ((server.cpuMs() - cpuBefore) * 1000) / couples;
    const rssMb = Math.max(connectedRss, server.rssMb());
    closeAll(pairs);
    return { latencies, rssMb, rssPerSocketKb: ((connectedRss - idleRss) * 1024) / (couples * 2), cpuUsPerPause };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const BARE_RELAY = 'scripts/bench/baseline-server.ts';
const DURABLE_RELAY = 'scripts/bench/durable-relay-server.ts';

async function benchRelay(entry: string): Promise<Run> {
  const server = await startServerProcess({ PORT: '0' }, entry);
  try {
    log(`connecting ${entry} clients…`);
    const idleRss = server.rssMb();
    const pairs = await connectAll(server.port, Array.from({ length: couples }, (_, i) => [{ room: i }, { room: i }]));
    const rssPerSocketKb = ((server.rssMb() - idleRss) * 1024) / (couples * 2);
    if (!values.cold) await warmUpBaseline(pairs);
    const cpuBefore = server.cpuMs();
    const latencies = await measure(pairs, ({ a, b }, i, done) => {
      let sentAt = 0;
      b.on('relayed', () => done(performance.now() - sentAt));
      return () => {
        sentAt = performance.now();
        a.emit('relay', { commandId: `bench-pause-${i}`, minutes: 20 }, () => {});
      };
    });
    const cpuUsPerPause = ((server.cpuMs() - cpuBefore) * 1000) / couples;
    closeAll(pairs);
    return { latencies, rssPerSocketKb, cpuUsPerPause };
  } finally {
    await server.stop();
  }
}

const seedDir = mkdtempSync(join(tmpdir(), 'breather-bench-seed-'));
log(`seeding ${couples} couples…`);
const credentials = await seed(seedDir);
interface RoundResult {
  samples: number;
  p50: number;
  p99: number;
  b50: number;
  b99: number;
  d50: number;
  d99: number;
  ratio50: number;
  ratio99: number;
  durableRatio50: number;
  durableRatio99: number;
  rssMb: number;
  rssPerSocketKb: number;
  baselineRssPerSocketKb: number;
  cpu: number;
  baselineCpu: number;
  durableCpu: number;
}
const results: RoundResult[] = [];
for (let r = 0; r < rounds; r++) {
  log(`round ${r + 1} of ${rounds}`);
  const breather = await benchBreather(join(seedDir, 'breather.db'), credentials);
  const baseline = await benchRelay(BARE_RELAY);
  const durable = await benchRelay(DURABLE_RELAY);
  const [p50, p99, b50, b99, d50, d99] = [
    percentile(breather.latencies, 50),
    percentile(breather.latencies, 99),
    percentile(baseline.latencies, 50),
    percentile(baseline.latencies, 99),
    percentile(durable.latencies, 50),
    percentile(durable.latencies, 99),
  ];
  log(
    `  p99 ${round(p99)} ms vs bare ${round(b99)} ms, durable ${round(d99)} ms; ` +
      `CPU ${round(breather.cpuUsPerPause)} vs ${round(baseline.cpuUsPerPause)}, ${round(durable.cpuUsPerPause)} µs a pause`,
  );
  results.push({
    samples: breather.latencies.length,
    p50, p99, b50, b99, d50, d99,
    ratio50: p50 / b50,
    ratio99: p99 / b99,
    durableRatio50: p50 / d50,
    durableRatio99: p99 / d99,
    rssMb: breather.rssMb,
    rssPerSocketKb: breather.rssPerSocketKb,
    baselineRssPerSocketKb: baseline.rssPerSocketKb,
    cpu: breather.cpuUsPerPause,
    baselineCpu: baseline.cpuUsPerPause,
    durableCpu: durable.cpuUsPerPause,
  });
}
rmSync(seedDir, { recursive: true, force: true });
const med = (key: keyof RoundResult) => median(results.map((x) => x[key]));
const result = {
  couples,
  rate,
  rounds,
  warm: !values.cold,
  samples: med('samples'),
  p50_ms: round(med('p50')),
  p99_ms: round(med('p99')),
  baseline_p50_ms: round(med('b50')),
  baseline_p99_ms: round(med('b99')),
  // Each round's ratio compares two runs made back to back; the median of those is the steadiest figure.
  ratio_p50: round(med('ratio50')),
  ratio_p99: round(med('ratio99')),
  durable_p50_ms: round(med('d50')),
  durable_p99_ms: round(med('d99')),
  ratio_durable_p50: round(med('durableRatio50')),
  ratio_durable_p99: round(med('durableRatio99')),
  server_rss_mb: round(med('rssMb'), 1),
  rss_per_socket_kb: round(med('rssPerSocketKb'), 2),
  baseline_rss_per_socket_kb: round(med('baselineRssPerSocketKb'), 2),
  server_cpu_us_per_pause: round(med('cpu'), 1),
  baseline_cpu_us_per_pause: round(med('baselineCpu'), 1),
  durable_cpu_us_per_pause: round(med('durableCpu'), 1),
};
console.log(values.json ? JSON.stringify(result) : result);
process.exit(0);
