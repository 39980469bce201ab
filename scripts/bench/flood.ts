// bench:flood — innocent couples pause at a steady rate while one address floods the server in four
// shapes; how long until each partner hears of each pause, against the same with nobody flooding.
// The server and the flooder each run in their own process. Prints one JSON line with --json.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import type { CoupleChange } from '../../shared/contracts/change.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { startServerProcess, type ServerProcess } from '../server-process.js';
import { seedCouples } from './lib/couples.js';
import { median, percentile, round } from './stats.js';

const { values } = parseArgs({
  options: {
    couples: { type: 'string', default: '100' },
    rate: { type: 'string', default: '25' },
    seconds: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    shapes: { type: 'string', default: 'tiny_events,large_events,sockets_50,connect_2000' },
    json: { type: 'boolean', default: false },
    'flooder-nice': { type: 'string', default: '19' },
    'cpu-prof': { type: 'string' },
  },
});
const couples = Number(values.couples);
/** Pauses a second across all couples; each couple pauses, ends, and is ready again before its next turn. */
const rate = Number(values.rate);
const phaseMs = Number(values.seconds) * 1000;
/** Idle and every shape, this many times; medians are reported (a shared machine is noisy). */
const rounds = Math.max(1, Number(values.rounds));
/** A partner who has not heard of a pause by now counts it as lost. */
const LOST_AFTER_MS = 5000;
const ALL_SHAPES = ['tiny_events', 'large_events', 'sockets_50', 'connect_2000'];
/** `--shapes a,b` measures only those (to profile one shape at a time). */
const SHAPES = values.shapes.split(',').filter((shape) => ALL_SHAPES.includes(shape));
const root = resolve(import.meta.dirname, '../..');
/**
 * A real flooder's CPU is on its own machine. Here it shares two cores with the server and the innocent
 * couples, and it can keep one of them busy on its own; at the lowest priority it still floods as fast
 * as the server lets it, but it does not take the core the server would otherwise get. 0 is even terms.
 */
const flooderNice = Number(values['flooder-nice']);

function log(message: string): void {
  if (!values.json) console.error(message);
}

interface Couple {
  a: Socket;
  b: Socket;
  busy: boolean;
  step: number;
}

async function seed(dataDir: string): Promise<Array<[string, string]>> {
  const store = openSqliteStore(join(dataDir, 'breather.db'));
  const credentials = await seedCouples(store, couples);
  await store.close();
  return credentials;
}

/** Each couple is a household of its own: both phones at one address, 127.0.1.x. */
function open(port: number, credential: string, localAddress: string): Promise<Socket> {
  return new Promise((done, fail) => {
    const options = {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { credential },
      localAddress,
    };
    const socket = io(`http://127.0.0.1:${port}`, options as Parameters<typeof io>[1]);
    socket.once('connect', () => done(socket));
    socket.once('connect_error', fail);
  });
}

type Reply = { data?: { seq: number }; error?: { code: string } };

async function send(couple: Couple, who: 'a' | 'b', event: string, payload: object): Promise<number> {
  const res = (await couple[who]
    .timeout(LOST_AFTER_MS)
    .emitWithAck(event, { commandId: `bench-flood-${couple.step++}`, ...payload })) as Reply;
  if (!res.data) throw new Error(`${event} refused: ${res.error?.code}`);
  return res.data.seq;
}

/** One pause, measured from A's emit to B hearing of it; then the whole break back to normal. */
async function pauseOnce(couple: Couple): Promise<number> {
  const heard = new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('not heard')), LOST_AFTER_MS);
    const onChange = (change: CoupleChange) => {
      if (!change.set.pause) return;
      clearTimeout(timer);
      couple.b.off('couple:change', onChange);
      done(performance.now());
    };
    couple.b.on('couple:change', onChange);
  });
  // Lost either way if the start itself fails: only the first failure counts.
  heard.catch(() => {});
  const sentAt = performance.now();
  let seq = await send(couple, 'a', 'pause:start', { minutes: 20 });
  const latency = (await heard) - sentAt;
  // Back to calm the way the protocol asks: an early end with a calm rating, both ready, both close.
  seq = await send(couple, 'a', 'pause:end', { seq, rating: 2 });
  seq = await send(couple, 'a', 'pause:ready', { seq });
  seq = await send(couple, 'b', 'pause:ready', { seq });
  seq = await send(couple, 'a', 'pause:close', { seq });
  await send(couple, 'b', 'conversation:close-answer', { seq, answer: 'accept' });
  return latency;
}

interface Phase {
  latencies: number[];
  failed: number;
}

/** Pauses at `rate` a second, each by the next couple not busy with its previous break, for `phaseMs`. */
async function run(all: Couple[]): Promise<Phase> {
  const latencies: number[] = [];
  let failed = 0;
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  let fired = 0;
  let next = 0;
  while (performance.now() - started < phaseMs) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (fired < due) {
      fired++;
      let couple: Couple | undefined;
      for (let k = 0; k < all.length && !couple; k++) {
        const candidate = all[next++ % all.length]!;
        if (!candidate.busy) couple = candidate;
      }
      // Every couple still mid-break from its last turn: the server is that far behind.
      if (!couple) {
        failed++;
        continue;
      }
      couple.busy = true;
      const turn = couple;
      pending.push(
        pauseOnce(turn)
          .then(
            (ms) => void latencies.push(ms),
            () => void failed++,
          )
          .finally(() => (turn.busy = false)),
      );
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(pending);
  return { latencies: latencies.sort((x, y) => x - y), failed };
}

/** Starts the flooder and resolves once it says it is flooding (tsx takes a moment to start). */
async function startFlooder(url: string, shape: string, address: string) {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench/flooder.ts', '--url', url, '--shape', shape, '--address', address],
    { cwd: root },
  );
  setPriority(proc.pid!, flooderNice);
  let started: () => void;
  const flooding = new Promise<void>((done) => (started = done));
  const report = new Promise<unknown>((done) => {
    let last: unknown = null;
    createInterface({ input: proc.stdout }).on('line', (line) => {
      if (line === 'flooding') return started();
      try {
        last = JSON.parse(line);
      } catch {
        // not a report line
      }
    });
    proc.once('exit', () => done(last));
  });
  await flooding;
  return {
    async stop() {
      proc.kill('SIGTERM');
      return report;
    },
  };
}

interface Measured {
  p50: number;
  p99: number;
  failed: number;
  cpuMs: number;
}

function measured(phase: Phase, cpuMs: number): Measured {
  return { p50: percentile(phase.latencies, 50), p99: percentile(phase.latencies, 99), failed: phase.failed, cpuMs };
}

/** Medians over the rounds for the timings and CPU; lost pauses are added up. */
function combine(runs: Measured[]) {
  return {
    p50_ms: round(median(runs.map((r) => r.p50))),
    p99_ms: round(median(runs.map((r) => r.p99))),
    failed: runs.reduce((n, r) => n + r.failed, 0),
    server_cpu_ms: round(median(runs.map((r) => r.cpuMs))),
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'breather-flood-'));
let server: ServerProcess | null = null;
try {
  log(`seeding ${couples} couples…`);
  const credentials = await seed(dataDir);
  // Every limit at its default: that is what is being measured.
  // `--cpu-prof DIR`: the server writes a V8 CPU profile there when it stops.
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values['cpu-prof'])}`] : [];
  server = await startServerProcess(
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, PUSH: 'off' },
    undefined,
    profile,
  );
  const port = server.port;
  log('connecting…');
  const all: Couple[] = [];
  for (const [i, [a, b]] of credentials.entries()) {
    const address = `127.0.1.${(i % 250) + 1}`;
    all.push({ a: await open(port, a, address), b: await open(port, b, address), busy: false, step: 0 });
  }
  log('warming up…');
  await Promise.all(all.map((c) => pauseOnce(c)));
  const idle: Measured[] = [];
  const byShape = new Map<string, Measured[]>(SHAPES.map((shape) => [shape, []]));
  const flooders: Record<string, unknown> = {};
  for (let r = 0; r < rounds; r++) {
    log(`round ${r + 1} of ${rounds}: idle…`);
    const cpuIdle = server.cpuMs();
    const quiet = await run(all);
    idle.push(measured(quiet, server.cpuMs() - cpuIdle));
    log(`  p99 ${round(idle.at(-1)!.p99)} ms, failed ${quiet.failed}`);
    for (const [i, shape] of SHAPES.entries()) {
      // Each shape from an address of its own in every round, so no earlier penalty spares it.
      const flooder = await startFlooder(server.url, shape, `127.0.2.${r * SHAPES.length + i + 1}`);
      const cpuBefore = server.cpuMs();
      const phase = await run(all);
      const m = measured(phase, server.cpuMs() - cpuBefore);
      flooders[shape] = await flooder.stop();
      byShape.get(shape)!.push(m);
      log(
        `  ${shape}: p99 ${round(m.p99)} ms, failed ${m.failed}, server CPU ${m.cpuMs} ms, flooder ${JSON.stringify(flooders[shape])}`,
      );
    }
  }
  const quiet = combine(idle);
  const result: Record<string, unknown> = {
    couples,
    rate,
    seconds: phaseMs / 1000,
    rounds,
    flooder_nice: flooderNice,
    idle_p50_ms: quiet.p50_ms,
    idle_p99_ms: quiet.p99_ms,
    idle_failed: quiet.failed,
    idle_server_cpu_ms: quiet.server_cpu_ms,
  };
  // What the flooder managed in the last round: on a busy machine it may get less done than it could.
  for (const shape of SHAPES) result[shape] = { ...combine(byShape.get(shape)!), flooder: flooders[shape] };
  for (const c of all) {
    c.a.close();
    c.b.close();
  }
  console.log(values.json ? JSON.stringify(result) : result);
} finally {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
