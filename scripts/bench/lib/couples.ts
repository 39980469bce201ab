// Shared by the benchmarks: seed linked couples in a store, connect their phones, pace pauses and time
// how long the partner takes to hear of each.
import { io, type Socket } from 'socket.io-client';
import type { CoupleChange } from '../../../shared/contracts/change.js';
import { initialCoupleState } from '../../../shared/pause/machine.js';
import { newDevice } from '../../../server/realtime/handlers/pairing.js';
import { newId, sha256 } from '../../../server/security/secrets.js';
import type { Store } from '../../../server/store/store.js';

export interface Pair {
  a: Socket;
  b: Socket;
}

const CONNECT_BATCH = 250;
const SEED_BATCH = 20;
/** Couples going through a break at once: a burst of thousands would only time out in a pool queue. */
const BREAK_BATCH = 200;

/** Creates `couples` linked couples (A invited, B joined); resolves with each couple's two credentials. */
export async function seedCouples(store: Store, couples: number): Promise<Array<[string, string]>> {
  const now = Date.now();
  const one = async (i: number): Promise<[string, string]> => {
    const coupleId = newId();
    const a = newDevice(coupleId, 'A', now);
    const b = newDevice(coupleId, 'B', now);
    await store.createCouple(coupleId, a.device, initialCoupleState());
    const inviteId = newId();
    await store.createInvite({
      id: inviteId,
      coupleId,
      lookup: `B${i}`,
      secretHash: sha256(`s${i}`),
      tokenHash: sha256(`t${i}-${coupleId}`),
      createdAt: now,
      expiresAt: now + 60_000,
      wrongGuesses: 0,
      usedAt: null,
    });
    await store.joinWithInvite(inviteId, b.device, now);
    return [a.credential, b.credential];
  };
  const credentials: Array<[string, string]> = [];
  for (let i = 0; i < couples; i += SEED_BATCH) {
    const batch = Array.from({ length: Math.min(SEED_BATCH, couples - i) }, (_, k) => one(i + k));
    credentials.push(...(await Promise.all(batch)));
  }
  return credentials;
}

/** Opens every pair's two sockets: A on `urlA`, B on `urlB` (the same server, or two). */
export async function connectAll(urlA: string, urlB: string, auths: Array<[object, object]>): Promise<Pair[]> {
  const pairs: Pair[] = [];
  const open = (url: string, auth: object) =>
    new Promise<Socket>((done, fail) => {
      const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
      socket.once('connect', () => done(socket));
      socket.once('connect_error', fail);
    });
  for (let i = 0; i < auths.length; i += CONNECT_BATCH) {
    const batch = auths.slice(i, i + CONNECT_BATCH);
    pairs.push(
      ...(await Promise.all(batch.map(async ([a, b]) => ({ a: await open(urlA, a), b: await open(urlB, b) })))),
    );
  }
  return pairs;
}

/**
 * Fires one trigger per pair, `rate` a second spread evenly (0: all at once); resolves with each pair's
 * latency, sorted. A pair not heard within `timeoutMs` of the last trigger counts as lost.
 */
export async function measure(
  pairs: Pair[],
  rate: number,
  arm: (pair: Pair, i: number, done: (ms: number) => void) => () => void,
  timeoutMs = 30_000,
): Promise<{ latencies: number[]; lost: number }> {
  const latencies: number[] = [];
  await new Promise<void>((finished) => {
    let remaining = pairs.length;
    const triggers = pairs.map((pair, i) =>
      arm(pair, i, (ms) => {
        latencies.push(ms);
        if (--remaining === 0) finished();
      }),
    );
    const allSent = () => setTimeout(finished, timeoutMs).unref();
    if (rate <= 0) return (triggers.forEach((fire) => fire()), allSent());
    const started = performance.now();
    let next = 0;
    const tick = () => {
      const due = Math.min(triggers.length, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      while (next < due) triggers[next++]!();
      if (next < triggers.length) setTimeout(tick, 1);
      else allSent();
    };
    tick();
  });
  return { latencies: latencies.sort((x, y) => x - y), lost: pairs.length - latencies.length };
}

/**
 * Takes every couple once through a whole break (start, end early, both ready, back to normal). Before
 * measuring, this makes the measured pauses run warm code, as on a server that has been up a while,
 * rather than timing the JIT compiler; after a measured pause, it brings the couple back to calm.
 * `tag` keeps command ids unique (they are de-duplicated per couple).
 */
export async function fullBreak(pairs: Pair[], tag: string, skipStart = false): Promise<void> {
  for (let from = 0; from < pairs.length; from += BREAK_BATCH) await breakBatch(pairs, from, tag, skipStart);
}

async function breakBatch(pairs: Pair[], from: number, tag: string, skipStart: boolean): Promise<void> {
  await Promise.all(
    pairs.slice(from, from + BREAK_BATCH).map(async ({ a, b }, k) => {
      const i = from + k;
      let step = 0;
      const send = async (socket: Socket, event: string, payload: object) => {
        const res = (await socket.emitWithAck(event, { commandId: `bench-${tag}-${step++}-${i}`, ...payload })) as {
          data?: { seq: number };
        };
        if (!res.data) throw new Error(`${event} refused: ${JSON.stringify(res)}`);
        return res.data.seq;
      };
      let seq = skipStart
        ? ((await a.emitWithAck('state:get', {})) as { data: { seq: number } }).data.seq
        : await send(a, 'pause:start', { minutes: 20 });
      seq = await send(a, 'pause:end', { seq, rating: 2 });
      seq = await send(a, 'pause:ready', { seq });
      seq = await send(b, 'pause:ready', { seq });
      seq = await send(a, 'pause:close', { seq });
      await send(b, 'conversation:close-answer', { seq, answer: 'accept' });
    }),
  );
}

/** Times A's pause:start until B hears of the pause, for every pair at `rate`. */
export function measurePauses(pairs: Pair[], rate: number, tag: string) {
  return measure(pairs, rate, ({ a, b }, i, done) => {
    let sentAt = 0;
    const onChange = (change: CoupleChange) => {
      if (!change.set.pause || !sentAt) return;
      b.off('couple:change', onChange);
      done(performance.now() - sentAt);
    };
    b.on('couple:change', onChange);
    return () => {
      sentAt = performance.now();
      a.emit('pause:start', { commandId: `bench-pause-${tag}-${i}`, minutes: 20 }, () => {});
    };
  });
}

export function closeAll(pairs: Pair[]): void {
  for (const { a, b } of pairs) {
    a.close();
    b.close();
  }
}
