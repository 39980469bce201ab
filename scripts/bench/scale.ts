// bench:scale — N linked couples pause at a paced rate, measured three ways in one run: one process on
// SQLite, one process on PostgreSQL + Redis, and two processes on PostgreSQL + Redis with each couple's
// partners on different processes. Also steps the rate up to find the highest whose p99 stays under
// 100 ms, for one and for two processes. Prints one JSON line with --json.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createClient } from 'redis';
import { openPostgresStore } from '../../server/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { cpuMs, startServerProcess, type ServerProcess } from '../server-process.js';
import { closeAll, connectAll, fullBreak, measurePauses, seedCouples, type Pair } from './lib/couples.js';
import { percentile, round } from './stats.js';

const { values } = parseArgs({
  options: {
    couples: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '200' },
    json: { type: 'boolean', default: false },
  },
});
const couples = Number(values.couples);
const rate = Number(values.rate);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The bench's server connections name themselves, so their PostgreSQL backends can be told from others'. */
const APP_NAME = 'breather-bench';
const P99_LIMIT_MS = 100;
/** Rates tried when looking for the highest one under the p99 limit; each step runs this many seconds. */
const RATE_STEPS = [50, 100, 150, 200, 300, 400, 500, 650, 800, 1000, 1250, 1500, 2000, 2500, 3000];
const STEP_SECONDS = 5;

function log(message: string): void {
  if (!values.json) console.error(message);
}

async function admin<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** PostgreSQL processes whose CPU is the cost of the bench's queries: its backends and the WAL and checkpoint writers. */
async function postgresPids(): Promise<number[]> {
  const rows = await admin<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity
      WHERE application_name = '${APP_NAME}' OR backend_type IN ('walwriter', 'checkpointer', 'background writer')`,
  );
  return rows.map((r) => r.pid);
}

async function redisPid(): Promise<number> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  const info = await client.info('server');
  await client.quit();
  return Number(/process_id:(\d+)/.exec(info)![1]);
}

const safeCpu = (pid: number) => {
  try {
    return cpuMs(pid);
  } catch {
    return NaN;
  }
};

/** CPU used by a set of processes between `start` and `stop`; processes that appear meanwhile count from zero. */
async function cpuMeter(nodes: ServerProcess[], usesServices: boolean) {
  const redis = usesServices ? await redisPid() : null;
  const pgBefore = new Map((usesServices ? await postgresPids() : []).map((pid) => [pid, safeCpu(pid)]));
  const nodeBefore = nodes.map((n) => n.cpuMs());
  const redisBefore = redis ? cpuMs(redis) : 0;
  return async () => {
    const node = nodes.reduce((sum, n, i) => sum + n.cpuMs() - nodeBefore[i]!, 0);
    let pgMs = 0;
    if (usesServices) {
      for (const pid of new Set([...pgBefore.keys(), ...(await postgresPids())])) {
        const delta = safeCpu(pid) - (pgBefore.get(pid) ?? 0);
        if (Number.isFinite(delta)) pgMs += delta;
      }
    }
    return { node, pg: pgMs, redis: redis ? cpuMs(redis) - redisBefore : 0 };
  };
}

interface Setup {
  name: 'sqlite_1p' | 'pg_1p' | 'pg_2p';
  processes: 1 | 2;
  env: Record<string, string>;
  usesServices: boolean;
}

async function runSetup(setup: Setup, credentials: Array<[string, string]>, stepRates: boolean) {
  const dataDirs: string[] = [];
  const servers: ServerProcess[] = [];
  try {
    for (let p = 0; p < setup.processes; p++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'breather-bench-scale-'));
      dataDirs.push(dataDir);
      // Every round starts from the seeded couples, none of which has paused yet.
      if (!setup.usesServices) copyFileSync(sqliteSeed, join(dataDir, 'breather.db'));
      servers.push(
        await startServerProcess({
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          EVENT_LIMITS: 'off',
          ...setup.env,
        }),
      );
    }
    const idleRss = servers.reduce((sum, s) => sum + s.rssMb(), 0);
    log(`${setup.name}: connecting ${couples * 2} phones…`);
    const urlB = servers[setup.processes - 1]!.url;
    const pairs = await connectAll(
      servers[0]!.url,
      urlB,
      credentials.map(([a, b]) => [{ credential: a }, { credential: b }]),
    );
    const rssPerSocketKb = ((servers.reduce((sum, s) => sum + s.rssMb(), 0) - idleRss) * 1024) / (couples * 2);
    log(`${setup.name}: warming up…`);
    await fullBreak(pairs, `${setup.name}-warm`);
    log(`${setup.name}: ${couples} pauses at ${rate}/s…`);
    const meter = await cpuMeter(servers, setup.usesServices);
    const { latencies, lost } = await measurePauses(pairs, rate, `${setup.name}-measured`);
    const cpu = await meter();
    const per = (ms: number) => round((ms * 1000) / couples, 1);
    const result = {
      p50_ms: round(percentile(latencies, 50)),
      p99_ms: round(percentile(latencies, 99)),
      node_cpu_us_per_pause: per(cpu.node),
      pg_cpu_us_per_pause: per(cpu.pg),
      redis_cpu_us_per_pause: per(cpu.redis),
      rss_per_socket_kb: round(rssPerSocketKb, 2),
      lost,
    };
    log(`${setup.name}: ${JSON.stringify(result)}`);
    const maxRate = stepRates ? await findMaxRate(setup.name, pairs) : null;
    // Leaves every couple calm: the next setup on the same database starts where this one did.
    if (!stepRates) await fullBreak(pairs, `${setup.name}-done`, true);
    closeAll(pairs);
    return { result, maxRate };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** Steps the paced rate up until p99 reaches the limit (or a pause is lost); returns the last rate under it. */
async function findMaxRate(name: string, pairs: Pair[]): Promise<number> {
  let best = 0;
  let paused = pairs;
  for (const [step, stepRate] of RATE_STEPS.entries()) {
    // Back to calm, so every couple can pause again.
    await fullBreak(paused, `${name}-reset-${step}`, true);
    paused = pairs.slice(0, Math.min(pairs.length, stepRate * STEP_SECONDS));
    const { latencies, lost } = await measurePauses(paused, stepRate, `${name}-step-${step}`);
    const p99 = percentile(latencies, 99);
    log(`${name}: ${stepRate}/s → p99 ${round(p99)} ms${lost ? `, ${lost} lost` : ''}`);
    if (lost > 0 || p99 >= P99_LIMIT_MS) break;
    best = stepRate;
  }
  await fullBreak(paused, `${name}-done`, true);
  return best;
}

const schema = `bench_${process.pid}_${Date.now()}`;
const pgUrl = new URL(DATABASE_URL);
pgUrl.searchParams.set('options', `-c search_path=${schema}`);
pgUrl.searchParams.set('application_name', APP_NAME);

const seedDir = mkdtempSync(join(tmpdir(), 'breather-bench-scale-seed-'));
const sqliteSeed = join(seedDir, 'breather.db');
try {
  log(`seeding ${couples} couples in SQLite and PostgreSQL (schema ${schema})…`);
  const sqliteStore = openSqliteStore(sqliteSeed);
  const sqliteCredentials = await seedCouples(sqliteStore, couples);
  await sqliteStore.close();
  await admin(`CREATE SCHEMA ${schema}`);
  const pgStore = await openPostgresStore(pgUrl.toString());
  const pgCredentials = await seedCouples(pgStore, couples);
  await pgStore.close();

  const services = { DATABASE_URL: pgUrl.toString(), REDIS_URL };
  const sqlite = await runSetup(
    { name: 'sqlite_1p', processes: 1, env: {}, usesServices: false },
    sqliteCredentials,
    false,
  );
  const pg1 = await runSetup({ name: 'pg_1p', processes: 1, env: services, usesServices: true }, pgCredentials, true);
  const pg2 = await runSetup({ name: 'pg_2p', processes: 2, env: services, usesServices: true }, pgCredentials, true);
  const result = {
    couples,
    rate,
    sqlite_1p: sqlite.result,
    pg_1p: pg1.result,
    pg_2p: pg2.result,
    max_rate_1p: pg1.maxRate,
    max_rate_2p: pg2.maxRate,
  };
  console.log(values.json ? JSON.stringify(result) : result);
} finally {
  rmSync(seedDir, { recursive: true, force: true });
  await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
process.exit(0);
