// bench:pause — N linked couples each pause once; how long until the partner's phone hears of it,
// against two baselines under the same load: a bare Socket.IO relay, and a durable relay that commits
// each event to SQLite before it acks and forwards it (the floor for a pause that survives a crash).
// Burst by default; `--rate R` paces the pauses. Prints one JSON line with --json.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { startServerProcess } from '../server-process.js';
import { closeAll, connectAll, fullBreak, measure, measurePauses, seedCouples, type Pair } from './lib/couples.js';
import { median, percentile, round } from './stats.js';

const { values } = parseArgs({
  options: {
    couples: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '0' },
    rounds: { type: 'string', default: '3' },
    cold: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const couples = Number(values.couples);
/** Pauses started per second, spread evenly; 0 fires them all at once. */
const rate = Number(values.rate);
/** Breather then the baseline, back to back, this many times; the medians are reported (a shared machine is noisy). */
const rounds = Math.max(1, Number(values.rounds));

function log(message: string): void {
  if (!values.json) console.error(message);
}

async function seed(dataDir: string): Promise<Array<[string, string]>> {
  const store = openSqliteStore(join(dataDir, 'breather.db'));
  const credentials = await seedCouples(store, couples);
  await store.close();
  return credentials;
}

const WARM_UP_EVENTS = 6;

async function warmUpBaseline(pairs: Pair[]): Promise<void> {
  await Promise.all(
    pairs.map(async ({ a }, i) => {
      for (let n = 0; n < WARM_UP_EVENTS; n++)
        await a.emitWithAck('relay', { commandId: `bench-warm-${n}-${i}`, minutes: 20 });
    }),
  );
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
  // `--cpu-prof DIR`: Breather's server writes a V8 CPU profile there when it stops.
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values['cpu-prof'])}`] : [];
  const server = await startServerProcess(
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, EVENT_LIMITS: 'off' },
    undefined,
    profile,
  );
  try {
    const idleRss = server.rssMb();
    log('connecting breather clients…');
    const pairs = await connectAll(
      server.url,
      server.url,
      credentials.map(([a, b]) => [{ credential: a }, { credential: b }]),
    );
    const connectedRss = server.rssMb();
    if (!values.cold) {
      log('warming up…');
      await fullBreak(pairs, 'warm');
    }
    log('pausing…');
    const cpuBefore = server.cpuMs();
    const { latencies } = await measurePauses(pairs, rate, 'measured');
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
    const pairs = await connectAll(
      server.url,
      server.url,
      Array.from({ length: couples }, (_, i) => [{ room: i }, { room: i }]),
    );
    const rssPerSocketKb = ((server.rssMb() - idleRss) * 1024) / (couples * 2);
    if (!values.cold) await warmUpBaseline(pairs);
    const cpuBefore = server.cpuMs();
    const { latencies } = await measure(pairs, rate, ({ a, b }, i, done) => {
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
    p50,
    p99,
    b50,
    b99,
    d50,
    d99,
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
