import { afterEach, expect, test } from 'vitest';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { MINUTE_MS } from '../../shared/pause/limits.js';
import { estimateOffset, PING_SAMPLES, remainingMs, type PingSample } from '../../shared/time/offset.js';
import type { Clock } from '../../server/clock.js';
import {
  linkedPair,
  nextEvent,
  ok,
  startServer,
  tearDown,
  type TestServer,
  type TestSocket,
} from '../support/server.js';

const SKEW_MS = 10 * MINUTE_MS;
/** Some pings are held up on one leg only, as on a busy mobile link; they must not drag the estimate. */
const SLOW_LEG_MS = 250;

let server: TestServer<Clock>;
const sockets: TestSocket[] = [];

afterEach(() => tearDown(sockets, server));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * NTP-style sampling as a phone does it, with the phone's own (skewed) clock.
 * Every other ping is slow on one leg: the request (`slow: 'up'`) or the reply (`slow: 'down'`).
 */
async function sampleOffset(socket: TestSocket, localNow: () => number, slow: 'up' | 'down') {
  const samples: PingSample[] = [];
  for (let i = 0; i < PING_SAMPLES; i++) {
    const lag = i % 2 === 1;
    const t0 = localNow();
    if (lag && slow === 'up') await sleep(SLOW_LEG_MS);
    const { serverNow } = await ok(socket, 'time:ping', { t0 });
    if (lag && slow === 'down') await sleep(SLOW_LEG_MS);
    const t1 = localNow();
    samples.push({ t0, serverNow, t1 });
  }
  expect(samples.length).toBeGreaterThanOrEqual(5);
  return { samples, ...estimateOffset(samples) };
}

test('phones ten minutes apart show the same deadline and the same time left', async () => {
  server = await startServer({ clock: { now: () => Date.now() } });
  // linkedPair only needs the URL; its parameter is typed for the ManualClock server.
  const { a, b } = await linkedPair({ url: server.url } as TestServer);
  sockets.push(a, b);
  await ok(b, 'state:get', {});

  const aNow = () => Date.now() + SKEW_MS;
  const bNow = () => Date.now() - SKEW_MS;
  const aEst = await sampleOffset(a, aNow, 'up');
  const bEst = await sampleOffset(b, bNow, 'down');

  // The lopsided samples really are off: an estimator that used them would disagree.
  const rawOffsets = (s: PingSample[]) => s.map((x) => x.serverNow - (x.t0 + x.t1) / 2);
  expect(Math.max(...rawOffsets(aEst.samples)) - -SKEW_MS).toBeGreaterThan(SLOW_LEG_MS / 2 - 50);
  expect(Math.min(...rawOffsets(bEst.samples)) - SKEW_MS).toBeLessThan(-(SLOW_LEG_MS / 2 - 50));

  // Each phone's offset undoes its skew.
  expect(Math.abs(aEst.offsetMs + SKEW_MS)).toBeLessThan(50);
  expect(Math.abs(bEst.offsetMs - SKEW_MS)).toBeLessThan(50);

  const seen = nextEvent(b, 'couple:change');
  const started: CoupleSnapshot = await ok(a, 'pause:start', { commandId: 'skew-0000001', minutes: 20 });
  const [{ set: onB }] = await seen;
  const endsAt = started.pause!.endsAt;
  expect(onB.pause!.endsAt).toBe(endsAt);

  // Each phone's deadline in its own local time…
  const aLocalDeadline = endsAt - aEst.offsetMs;
  const bLocalDeadline = onB.pause!.endsAt - bEst.offsetMs;
  expect(Math.abs(aLocalDeadline - (endsAt + SKEW_MS))).toBeLessThan(100);
  expect(Math.abs(bLocalDeadline - (endsAt - SKEW_MS))).toBeLessThan(100);

  // …and the time left, read at the same moment on both phones.
  const aLeft = remainingMs(endsAt, aNow(), aEst.offsetMs);
  const bLeft = remainingMs(onB.pause!.endsAt, bNow(), bEst.offsetMs);
  expect(Math.abs(aLeft - bLeft)).toBeLessThan(1000);
  expect(aLeft).toBeGreaterThan(20 * MINUTE_MS - 2000);
  expect(aLeft).toBeLessThanOrEqual(20 * MINUTE_MS + 100);

  // Taking each phone's skew out again, both describe the same instant as the server's endsAt.
  const aDeadlineTrue = aLocalDeadline - SKEW_MS;
  const bDeadlineTrue = bLocalDeadline + SKEW_MS;
  expect(Math.abs(aDeadlineTrue - bDeadlineTrue)).toBeLessThan(100);
  expect(Math.abs(aDeadlineTrue - endsAt)).toBeLessThan(100);
  expect(Math.abs(bDeadlineTrue - endsAt)).toBeLessThan(100);
});
