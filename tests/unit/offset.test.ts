import { describe, expect, test } from 'vitest';
import { estimateOffset, PING_KEEP, remainingMs, type PingSample } from '../../shared/time/offset.js';

const SERVER_T = Date.UTC(2026, 5, 1, 22, 0, 0);
const TEN_MIN = 10 * 60_000;

/**
 * One ping as a phone whose clock reads `skew` ms ahead of the server would record it:
 * the request takes `up` ms to reach the server, the reply `down` ms to come back.
 */
function sample(serverSendAt: number, skew: number, up: number, down: number): PingSample {
  const t0 = serverSendAt + skew;
  const serverNow = serverSendAt + up;
  const t1 = serverSendAt + up + down + skew;
  return { t0, serverNow, t1 };
}

describe('estimateOffset', () => {
  test('one symmetric sample: offset is server time minus the midpoint, rtt the round trip', () => {
    expect(estimateOffset([{ t0: 1000, serverNow: 5060, t1: 1100 }])).toEqual({ offsetMs: 4010, rttMs: 100 });
  });

  test('keeps the fastest samples and ignores slow, lopsided ones', () => {
    const samples = [
      sample(SERVER_T, 0, 400, 10), // slow request: would say +195
      sample(SERVER_T + 1000, 0, 5, 5),
      sample(SERVER_T + 2000, 0, 700, 10), // would say +345
      sample(SERVER_T + 3000, 0, 4, 6),
      sample(SERVER_T + 4000, 0, 900, 20), // would say +440
      sample(SERVER_T + 5000, 0, 6, 4),
    ];
    const est = estimateOffset(samples);
    expect(est.rttMs).toBe(10);
    expect(Math.abs(est.offsetMs)).toBeLessThanOrEqual(1);
    // Averaging everything would be far off: the estimate must not be.
    const naive = samples.reduce((sum, s) => sum + s.serverNow - (s.t0 + s.t1) / 2, 0) / samples.length;
    expect(Math.abs(naive)).toBeGreaterThan(40);
  });

  test.each([
    ['ten minutes fast, slow requests', TEN_MIN, 'up'],
    ['ten minutes fast, slow replies', TEN_MIN, 'down'],
    ['ten minutes slow, slow requests', -TEN_MIN, 'up'],
    ['ten minutes slow, slow replies', -TEN_MIN, 'down'],
  ] as const)('a local clock %s', (_label, skew, slowLeg) => {
    // One leg slow, the other quick: each slow sample's midpoint is off by hundreds of ms, all the same way.
    const lopsided = (at: number, slowMs: number) =>
      slowLeg === 'up' ? sample(at, skew, slowMs, 15) : sample(at, skew, 15, slowMs);
    const samples = [
      lopsided(SERVER_T, 600),
      sample(SERVER_T + 700, skew, 12, 10),
      lopsided(SERVER_T + 1400, 900),
      sample(SERVER_T + 2100, skew, 9, 11),
      lopsided(SERVER_T + 2800, 1500),
      sample(SERVER_T + 3500, skew, 11, 9),
    ];
    const est = estimateOffset(samples);
    // Local + offset = server time: the offset undoes the skew, to within half the best round trip.
    expect(Math.abs(est.offsetMs - -skew)).toBeLessThanOrEqual(est.rttMs / 2);
    expect(est.rttMs).toBe(20);

    // The deadline and the remaining time read the same on this phone as on the server.
    const endsAt = SERVER_T + 20 * 60_000;
    const localDeadline = endsAt - est.offsetMs;
    expect(Math.abs(localDeadline - (endsAt + skew))).toBeLessThanOrEqual(10);
    const localNow = SERVER_T + 5 * 60_000 + skew;
    expect(Math.abs(remainingMs(endsAt, localNow, est.offsetMs) - 15 * 60_000)).toBeLessThanOrEqual(10);
  });

  test(`by default the median of the ${PING_KEEP} fastest`, () => {
    const samples: PingSample[] = [
      { t0: 0, serverNow: 100 + 2, t1: 4 }, // rtt 4, offset 100
      { t0: 0, serverNow: 130 + 3, t1: 6 }, // rtt 6, offset 130
      { t0: 0, serverNow: 90 + 1, t1: 2 }, // rtt 2, offset 90
      { t0: 0, serverNow: 5000 + 50, t1: 100 }, // rtt 100, dropped
    ];
    expect(estimateOffset(samples)).toEqual({ offsetMs: 100, rttMs: 2 });
    expect(estimateOffset(samples, 1)).toEqual({ offsetMs: 90, rttMs: 2 });
    expect(estimateOffset(samples, 2)).toEqual({ offsetMs: 95, rttMs: 2 });
  });

  test('samples with a negative round trip (clock stepped mid-ping) are skipped', () => {
    const est = estimateOffset([
      { t0: 1000, serverNow: 99_999, t1: 900 },
      { t0: 1000, serverNow: 1510, t1: 1020 },
    ]);
    expect(est).toEqual({ offsetMs: 500, rttMs: 20 });
  });

  test('no usable samples is an error, not a silent zero', () => {
    expect(() => estimateOffset([])).toThrow(RangeError);
    expect(() => estimateOffset([{ t0: 10, serverNow: 0, t1: 5 }])).toThrow(RangeError);
  });

  test('does not reorder or change the caller’s samples', () => {
    const samples = [sample(SERVER_T, 0, 50, 50), sample(SERVER_T, 0, 1, 1)];
    const copy = structuredClone(samples);
    estimateOffset(Object.freeze(samples.map((s) => Object.freeze(s))));
    expect(samples).toEqual(copy);
  });
});

describe('remainingMs', () => {
  test('deadline minus corrected local time', () => {
    expect(remainingMs(10_000, 4_000, 1_000)).toBe(5_000);
    expect(remainingMs(10_000, 4_000 + TEN_MIN, -TEN_MIN)).toBe(6_000);
  });

  test('never negative: zero at and after the deadline', () => {
    expect(remainingMs(10_000, 9_000, 1_000)).toBe(0);
    expect(remainingMs(10_000, 9_001, 1_000)).toBe(0);
    expect(remainingMs(10_000, 10_000 + TEN_MIN, 0)).toBe(0);
    expect(Object.is(remainingMs(10_000, 20_000, 0), -0)).toBe(false);
  });
});
