import { describe, expect, test } from 'vitest';
import type { ErrorCode } from '../../shared/contracts/errors.js';
import type { PauseView } from '../../shared/contracts/snapshot.js';
import { MAX_TOTAL_MS, MINUTE_MS } from '../../shared/pause/limits.js';
import {
  applyPauseCommand,
  initialCoupleState,
  isPausing,
  isTimeUp,
  ownPause,
  RECENT_COMMANDS_KEPT,
  viewPhase,
  type CommandContext,
  type CoupleState,
  type PauseCommand,
} from '../../shared/pause/machine.js';
import {
  nextClockTime,
  nextMidnight,
  onLocalClock,
  parseTimeInput,
  timeInputValue,
} from '../../shared/pause/tomorrow.js';

const T0 = Date.UTC(2026, 0, 15, 21, 30, 0);
const A = 'device-a';
const B = 'device-b';
const HOUR_MS = 60 * MINUTE_MS;

let counter = 0;
const cid = () => `cmd-${String(++counter).padStart(8, '0')}`;

function ctx(deviceId: string, now: number, members: readonly string[] = [A, B]): CommandContext {
  return { deviceId, members, reassurance: `back soon from ${deviceId}`, now };
}

/** Deep-freezes the input so any mutation by the machine throws. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

/** Applies a command that must succeed and change the state; checks seq and recentCommands bookkeeping. */
function apply(state: CoupleState, cmd: PauseCommand, c: CommandContext): CoupleState {
  const before = structuredClone(state);
  const res = applyPauseCommand(frozen(state), cmd, c);
  if (!res.ok) throw new Error(`${cmd.type} refused: ${res.code}`);
  expect(res.changed).toBe(true);
  expect(res.state.seq).toBe(before.seq + 1);
  expect(res.state.recentCommands.at(-1)).toBe(cmd.commandId);
  expect(state).toEqual(before);
  return res.state;
}

/** Applies a command that must be refused with `code`, leaving the input untouched. */
function refused(state: CoupleState, cmd: PauseCommand, c: CommandContext, code: ErrorCode): void {
  const before = structuredClone(state);
  const res = applyPauseCommand(frozen(state), cmd, c);
  expect(res.ok).toBe(false);
  if (res.ok) return;
  expect(res.code).toBe(code);
  // A code, never a sentence: the client words it.
  expect(res).not.toHaveProperty('message');
  expect(state).toEqual(before);
}

const start = (minutes = 20, commandId = cid()): PauseCommand => ({ type: 'start', commandId, minutes });
const extend = (s: CoupleState, minutes: 20 | 60 | 120 | 360, commandId = cid()): PauseCommand => ({
  type: 'extend',
  commandId,
  seq: s.seq,
  minutes,
});
const extendUntil = (s: CoupleState, until: number): PauseCommand => ({
  type: 'extend',
  commandId: cid(),
  seq: s.seq,
  until,
});
/** `rating`: the fresh 0–10 that ending before 20 minutes needs. */
const end = (s: CoupleState, rating?: number, commandId = cid()): PauseCommand =>
  rating === undefined ? { type: 'end', commandId, seq: s.seq } : { type: 'end', commandId, seq: s.seq, rating };
const ready = (s: CoupleState, commandId = cid()): PauseCommand => ({ type: 'ready', commandId, seq: s.seq });
const shown = (s: CoupleState): PauseCommand => ({ type: 'shown', commandId: cid(), pauseId: pauseOf(s).id });

/** A paused couple: A paused for `minutes` at T0. */
function pausedByA(minutes = 20): CoupleState {
  return apply(initialCoupleState(), start(minutes), ctx(A, T0));
}

function pauseOf(s: CoupleState): PauseView {
  if (!s.pause) throw new Error('no pause');
  return s.pause;
}

describe('initial state', () => {
  test('is calm with seq 0 and nothing remembered', () => {
    expect(initialCoupleState()).toEqual({
      seq: 0,
      phase: 'calm',
      pause: null,
      conversation: null,
      talkLater: null,
      recentCommands: [],
    });
    expect(viewPhase(initialCoupleState(), T0)).toBe('calm');
  });
});

describe('start', () => {
  test('from calm: one pause, default 20 minutes, the pauser carries their reassurance', () => {
    const cmd = start(20);
    const s = apply(initialCoupleState(), cmd, ctx(A, T0));
    expect(s).toEqual({
      seq: 1,
      phase: 'paused',
      conversation: null,
      talkLater: null,
      recentCommands: [cmd.commandId],
      pause: {
        id: cmd.commandId,
        startedAt: T0,
        endsAt: T0 + 20 * MINUTE_MS,
        pausers: [{ deviceId: A, startedAt: T0, endsAt: T0 + 20 * MINUTE_MS, reassurance: `back soon from ${A}` }],
        ready: [],
        shownBy: [],
      },
    });
    expect(viewPhase(s, T0)).toBe('paused');
  });

  test.each([20, 30, 60, 120, 24 * 60])('any length from 20 minutes to 24 hours: %i min', (minutes) => {
    const s = apply(initialCoupleState(), start(minutes), ctx(B, T0));
    expect(pauseOf(s).endsAt).toBe(T0 + minutes * MINUTE_MS);
    expect(pauseOf(s).pausers[0]!.deviceId).toBe(B);
  });

  test('longer than 24 hours is over_limit', () => {
    refused(initialCoupleState(), start(24 * 60 + 1), ctx(A, T0), 'over_limit');
  });

  test('shorter than 20 minutes is refused: the body needs about 20 minutes to settle', () => {
    refused(initialCoupleState(), start(19), ctx(A, T0), 'bad_request');
    refused(initialCoupleState(), start(10), ctx(A, T0), 'bad_request');
    refused(initialCoupleState(), start(0), ctx(A, T0), 'bad_request');
  });

  test('a lone device waiting for its partner: partner_missing', () => {
    refused(initialCoupleState(), start(), ctx(A, T0, [A]), 'partner_missing');
  });

  test('a device that is not a member: not_linked', () => {
    refused(initialCoupleState(), start(), ctx('stranger', T0), 'not_linked');
    refused(pausedByA(), end(pausedByA()), ctx('stranger', T0 + 1), 'not_linked');
  });

  test('pausing again while already pausing: already_pausing', () => {
    const s = pausedByA();
    refused(s, start(), ctx(A, T0 + 5 * MINUTE_MS), 'already_pausing');
    refused(s, start(), ctx(A, T0 + 20 * MINUTE_MS - 1), 'already_pausing');
  });

  test('the partner pausing too joins the one pause: later deadline wins, both shown as pausing', () => {
    const s1 = pausedByA(20);
    const now = T0 + 5 * MINUTE_MS;
    const s2 = apply(s1, start(60), ctx(B, now));
    const p = pauseOf(s2);
    expect(s2.phase).toBe('paused');
    expect(p.id).toBe(pauseOf(s1).id);
    expect(p.startedAt).toBe(T0);
    expect(p.endsAt).toBe(now + 60 * MINUTE_MS);
    expect(p.pausers).toEqual([
      { deviceId: A, startedAt: T0, endsAt: T0 + 20 * MINUTE_MS, reassurance: `back soon from ${A}` },
      { deviceId: B, startedAt: now, endsAt: now + 60 * MINUTE_MS, reassurance: `back soon from ${B}` },
    ]);
    expect(isPausing(p, A, now)).toBe(true);
    expect(isPausing(p, B, now)).toBe(true);
  });

  test('the partner pausing for less keeps the earlier pauser’s later deadline', () => {
    const s1 = pausedByA(120);
    const s2 = apply(s1, start(20), ctx(B, T0 + MINUTE_MS));
    expect(pauseOf(s2).endsAt).toBe(T0 + 120 * MINUTE_MS);
    expect(pauseOf(s2).pausers.map((x) => x.deviceId)).toEqual([A, B]);
  });

  test('the partner joining may reach exactly 24 h from the pause start, not 1 ms more', () => {
    const s1 = pausedByA(20);
    const atLimit = apply(s1, start(24 * 60), ctx(B, T0));
    expect(pauseOf(atLimit).endsAt).toBe(T0 + MAX_TOTAL_MS);
    refused(s1, start(24 * 60), ctx(B, T0 + 1), 'over_limit');
  });

  test('pausing again during the check-in re-opens the pause and clears ready', () => {
    const s1 = pausedByA(20);
    const up = T0 + 20 * MINUTE_MS;
    const s2 = apply(s1, ready(s1), ctx(B, up));
    expect(pauseOf(s2).ready).toEqual([B]);
    const s3 = apply(s2, start(20), ctx(A, up + 1000));
    expect(pauseOf(s3).ready).toEqual([]);
    expect(pauseOf(s3).endsAt).toBe(up + 1000 + 20 * MINUTE_MS);
    expect(viewPhase(s3, up + 1000)).toBe('paused');
  });

  test('during the reconnect either partner can pause again: a new pause', () => {
    const r = reconnected();
    const cmd = start(30);
    const now = T0 + 2 * HOUR_MS;
    const s = apply(r, cmd, ctx(B, now));
    expect(s.phase).toBe('paused');
    expect(pauseOf(s)).toEqual({
      id: cmd.commandId,
      startedAt: now,
      endsAt: now + 30 * MINUTE_MS,
      pausers: [{ deviceId: B, startedAt: now, endsAt: now + 30 * MINUTE_MS, reassurance: `back soon from ${B}` }],
      ready: [],
      shownBy: [],
    });
  });
});

describe('extend', () => {
  test.each([20, 60, 120] as const)('the pauser adds %i minutes to their own deadline', (minutes) => {
    const s1 = pausedByA(20);
    const s2 = apply(s1, extend(s1, minutes), ctx(A, T0 + 10 * MINUTE_MS));
    const want = T0 + (20 + minutes) * MINUTE_MS;
    expect(pauseOf(s2).endsAt).toBe(want);
    expect(ownPause(s2.pause, A)?.endsAt).toBe(want);
    expect(pauseOf(s2).startedAt).toBe(T0);
    expect(pauseOf(s2).id).toBe(pauseOf(s1).id);
  });

  test('extensions add up', () => {
    let s = pausedByA(20);
    s = apply(s, extend(s, 20), ctx(A, T0 + MINUTE_MS));
    s = apply(s, extend(s, 60), ctx(A, T0 + 2 * MINUTE_MS));
    s = apply(s, extend(s, 120), ctx(A, T0 + 3 * MINUTE_MS));
    expect(pauseOf(s).endsAt).toBe(T0 + 220 * MINUTE_MS);
    expect(s.seq).toBe(4);
  });

  test('the partner cannot extend someone else’s running pause: not_your_pause', () => {
    const s = pausedByA(20);
    refused(s, extend(s, 20), ctx(B, T0 + MINUTE_MS), 'not_your_pause');
    refused(s, extend(s, 20), ctx(B, T0 + 20 * MINUTE_MS - 1), 'not_your_pause');
  });

  test('up to exactly 24 h from the start, not 1 ms more: over_limit', () => {
    const s1 = pausedByA(22 * 60);
    const s2 = apply(s1, extend(s1, 120), ctx(A, T0 + HOUR_MS));
    expect(pauseOf(s2).endsAt).toBe(T0 + MAX_TOTAL_MS);
    refused(s2, extend(s2, 20), ctx(A, T0 + 2 * HOUR_MS), 'over_limit');

    // The partner joined 1 ms after the start: their +2 h would land 1 ms past the limit.
    const s3 = apply(s1, start(22 * 60), ctx(B, T0 + 1));
    refused(s3, extend(s3, 120), ctx(B, T0 + HOUR_MS), 'over_limit');
    const s4 = apply(s3, extend(s3, 60), ctx(B, T0 + HOUR_MS));
    expect(pauseOf(s4).endsAt).toBe(T0 + 1 + 23 * HOUR_MS);
  });

  test('the cap counts from the pause start, also after the time is up', () => {
    const s1 = pausedByA(24 * 60);
    const up = T0 + MAX_TOTAL_MS;
    expect(viewPhase(s1, up)).toBe('checkin');
    refused(s1, extend(s1, 20), ctx(B, up), 'over_limit');
    refused(s1, extend(s1, 20), ctx(A, up), 'over_limit');
  });

  test('once the time is up anyone may ask for more time, counted from now', () => {
    const s1 = pausedByA(20);
    const later = T0 + 30 * MINUTE_MS;
    const byB = apply(s1, extend(s1, 60), ctx(B, later));
    expect(pauseOf(byB).endsAt).toBe(later + 60 * MINUTE_MS);
    expect(ownPause(byB.pause, B)).toEqual({
      deviceId: B,
      startedAt: later,
      endsAt: later + 60 * MINUTE_MS,
      reassurance: `back soon from ${B}`,
      extended: { at: later, addedMs: 60 * MINUTE_MS },
    });
    expect(viewPhase(byB, later)).toBe('paused');

    const byA = apply(s1, extend(s1, 20), ctx(A, later));
    expect(pauseOf(byA).endsAt).toBe(later + 20 * MINUTE_MS);
    expect(pauseOf(byA).pausers).toHaveLength(1);
  });

  test('ready by one, then "I need more time" clears ready', () => {
    const s1 = pausedByA(20);
    const up = T0 + 20 * MINUTE_MS;
    const s2 = apply(s1, ready(s1), ctx(A, up));
    expect(pauseOf(s2).ready).toEqual([A]);
    const s3 = apply(s2, extend(s2, 20), ctx(B, up + 1));
    expect(pauseOf(s3).ready).toEqual([]);
    expect(s3.phase).toBe('paused');
    expect(viewPhase(s3, up + 1)).toBe('paused');
  });

  test('only the ladder steps (+20 min, +1 h, +2 h, +6 h) may be added', () => {
    const s = pausedByA(20);
    for (const minutes of [-20, 0, 5, 30, 240, 720]) {
      refused(
        s,
        { type: 'extend', commandId: cid(), seq: s.seq, minutes } as PauseCommand,
        ctx(A, T0 + MINUTE_MS),
        'bad_request',
      );
    }
  });

  test('the whole ladder: +20 min, +1 h, +2 h, +6 h, then "tomorrow" at a picked time, up to the cap', () => {
    let s = pausedByA(20);
    const at = (m: number) => T0 + m * MINUTE_MS;
    s = apply(s, extend(s, 20), ctx(A, at(1)));
    expect(pauseOf(s).endsAt).toBe(at(40));
    s = apply(s, extend(s, 60), ctx(A, at(2)));
    s = apply(s, extend(s, 120), ctx(A, at(3)));
    s = apply(s, extend(s, 360), ctx(A, at(4)));
    expect(pauseOf(s).endsAt).toBe(at(20 + 20 + 60 + 120 + 360));
    // T0 is 21:30; "tomorrow at 9:00" is 11.5 hours on, inside the day.
    const nineTomorrow = T0 + 11.5 * HOUR_MS;
    s = apply(s, extendUntil(s, nineTomorrow), ctx(A, at(5)));
    expect(pauseOf(s).endsAt).toBe(nineTomorrow);
    expect(ownPause(s.pause, A)?.extended).toEqual({ at: at(5), addedMs: nineTomorrow - at(580) });
    // Exactly the cap is allowed; a millisecond past it is refused, saying why.
    s = apply(s, extendUntil(s, T0 + MAX_TOTAL_MS), ctx(A, at(6)));
    for (const cmd of [extend(s, 20), extendUntil(s, T0 + MAX_TOTAL_MS + 1)]) {
      const res = applyPauseCommand(s, cmd, ctx(A, at(7)));
      expect(res).toEqual({ ok: false, code: 'over_limit', params: { latest: T0 + MAX_TOTAL_MS } });
    }
  });

  test('a picked time must be later than the deadline already set', () => {
    const s = pausedByA(60);
    refused(s, extendUntil(s, T0 + 60 * MINUTE_MS), ctx(A, T0 + MINUTE_MS), 'bad_request');
    refused(s, extendUntil(s, T0 + 30 * MINUTE_MS), ctx(A, T0 + MINUTE_MS), 'bad_request');
    refused(s, extendUntil(s, Number.NaN), ctx(A, T0 + MINUTE_MS), 'bad_request');
  });

  test('each extension tells the partner who added how much; a later change replaces it', () => {
    const s1 = pausedByA(20);
    const s2 = apply(s1, extend(s1, 60), ctx(A, T0 + 5 * MINUTE_MS));
    expect(ownPause(s2.pause, A)?.extended).toEqual({ at: T0 + 5 * MINUTE_MS, addedMs: HOUR_MS });
    const s3 = apply(s2, end(s2), ctx(A, T0 + 30 * MINUTE_MS));
    expect(ownPause(s3.pause, A)?.extended).toBeUndefined();
    expect(ownPause(s3.pause, A)?.endedEarlyAt).toBe(T0 + 30 * MINUTE_MS);
  });

  test('without a pause: no_pause', () => {
    const calm = initialCoupleState();
    refused(calm, extend(calm, 20), ctx(A, T0), 'no_pause');
    const r = reconnected();
    refused(r, extend(r, 20), ctx(A, T0 + 2 * HOUR_MS), 'no_pause');
  });
});

describe('end early ("I\'m calm now")', () => {
  test('the only pauser ends: deadline becomes now, both are asked to check in, the pauser is ready', () => {
    const s1 = pausedByA(60);
    const now = T0 + 25 * MINUTE_MS;
    const s2 = apply(s1, end(s1), ctx(A, now));
    expect(s2.phase).toBe('paused');
    expect(pauseOf(s2).endsAt).toBe(now);
    expect(ownPause(s2.pause, A)?.endsAt).toBe(now);
    expect(ownPause(s2.pause, A)?.endedEarlyAt).toBe(now);
    expect(pauseOf(s2).ready).toEqual([A]);
    expect(viewPhase(s2, now)).toBe('checkin');
    expect(isPausing(s2.pause, A, now)).toBe(false);
  });

  test('before 20 minutes it needs a fresh rating of 4 or less', () => {
    const s = pausedByA(60);
    const now = T0 + 19 * MINUTE_MS;
    refused(s, end(s), ctx(A, now), 'not_time_yet');
    refused(s, end(s, 5), ctx(A, now), 'not_time_yet');
    refused(s, end(s, 10), ctx(A, T0 + MINUTE_MS), 'not_time_yet');
    refused(s, end(s, 11), ctx(A, now), 'bad_request');
    refused(s, end(s, 2.5), ctx(A, now), 'bad_request');
    const calm = apply(s, end(s, 4), ctx(A, now));
    expect(ownPause(calm.pause, A)?.endedEarlyAt).toBe(now);
    expect(viewPhase(calm, now)).toBe('checkin');
  });

  test('the 20 minutes count from one’s own start, when joining a partner’s pause', () => {
    const s1 = pausedByA(120);
    const s2 = apply(s1, start(60), ctx(B, T0 + 30 * MINUTE_MS));
    refused(s2, end(s2), ctx(B, T0 + 45 * MINUTE_MS), 'not_time_yet');
    apply(s2, end(s2), ctx(B, T0 + 50 * MINUTE_MS));
  });

  test('one of two pausers ends: the other’s deadline stays', () => {
    const s1 = pausedByA(60);
    const s2 = apply(s1, start(120), ctx(B, T0 + MINUTE_MS));
    const now = T0 + 10 * MINUTE_MS;
    const s3 = apply(s2, end(s2, 3), ctx(B, now));
    expect(pauseOf(s3).endsAt).toBe(T0 + 60 * MINUTE_MS);
    expect(ownPause(s3.pause, A)?.endsAt).toBe(T0 + 60 * MINUTE_MS);
    expect(ownPause(s3.pause, B)?.endsAt).toBe(now);
    expect(viewPhase(s3, now)).toBe('paused');
    expect(isPausing(s3.pause, A, now)).toBe(true);
    expect(isPausing(s3.pause, B, now)).toBe(false);

    const s4 = apply(s3, end(s3, 0), ctx(A, now + 1));
    expect(pauseOf(s4).endsAt).toBe(now + 1);
    expect(viewPhase(s4, now + 1)).toBe('checkin');
  });

  test('ending someone else’s pause: not_your_pause', () => {
    const s = pausedByA(20);
    refused(s, end(s, 1), ctx(B, T0 + MINUTE_MS), 'not_your_pause');
  });

  test('ending one’s own pause once it is over: not_your_pause', () => {
    const s1 = pausedByA(20);
    refused(s1, end(s1), ctx(A, T0 + 20 * MINUTE_MS), 'not_your_pause');
    const s2 = apply(s1, end(s1, 2), ctx(A, T0 + MINUTE_MS));
    refused(s2, end(s2, 2), ctx(A, T0 + 2 * MINUTE_MS), 'not_your_pause');
  });

  test('without a pause: no_pause', () => {
    const calm = initialCoupleState();
    refused(calm, end(calm), ctx(A, T0), 'no_pause');
    const r = reconnected();
    refused(r, end(r), ctx(A, T0 + 2 * HOUR_MS), 'no_pause');
  });
});

describe('ready, and the message shown on the partner’s phone', () => {
  test('ready before the time is up: not_time_yet; at the exact deadline it counts', () => {
    const s = pausedByA(20);
    const endsAt = T0 + 20 * MINUTE_MS;
    refused(s, ready(s), ctx(A, endsAt - 1), 'not_time_yet');
    refused(s, ready(s), ctx(B, T0), 'not_time_yet');
    const s2 = apply(s, ready(s), ctx(B, endsAt));
    expect(pauseOf(s2).ready).toEqual([B]);
  });

  test('one ready: still checking in; both ready: reconnect', () => {
    const s1 = pausedByA(20);
    const up = T0 + 20 * MINUTE_MS;
    const s2 = apply(s1, ready(s1), ctx(A, up));
    expect(s2.phase).toBe('paused');
    expect(viewPhase(s2, up)).toBe('checkin');

    // Saying "I'm ready" again changes nothing, so it cannot make the partner's next tap stale.
    const again = applyPauseCommand(s2, ready(s2), ctx(A, up + 1));
    expect(again).toEqual({ ok: true, state: s2, changed: false });

    const s4 = apply(s2, ready(s2), ctx(B, up + 2));
    expect(s4.phase).toBe('reconnect');
    expect(pauseOf(s4).ready).toEqual([A, B]);
    expect(viewPhase(s4, up + 2)).toBe('reconnect');
    expect(s4.conversation?.step).toBe('checkin');
  });

  test('ready without a pause: no_pause', () => {
    const calm = initialCoupleState();
    refused(calm, ready(calm), ctx(A, T0), 'no_pause');
    const r = reconnected();
    refused(r, ready(r), ctx(A, T0 + 2 * HOUR_MS), 'no_pause');
  });

  test('the partner’s phone showing the message is recorded once, for this pause only', () => {
    const s1 = pausedByA(20);
    const s2 = apply(s1, shown(s1), ctx(B, T0 + 1000));
    expect(pauseOf(s2).shownBy).toEqual([B]);
    // Again, from the pauser's own phone, or for another pause: nothing changes.
    for (const [cmd, who] of [
      [shown(s2), B],
      [shown(s2), A],
      [{ type: 'shown', commandId: cid(), pauseId: 'another-pause-id' }, B],
    ] as const) {
      expect(applyPauseCommand(s2, cmd as PauseCommand, ctx(who, T0 + 2000))).toEqual({
        ok: true,
        state: s2,
        changed: false,
      });
    }
    const calm = initialCoupleState();
    expect(applyPauseCommand(calm, shown(s1), ctx(B, T0))).toEqual({ ok: true, state: calm, changed: false });
  });
});

describe('seq and de-duplication', () => {
  test.each(['extend', 'end', 'ready'] as const)('%s with a stale or future seq: stale_seq', (type) => {
    const s1 = pausedByA(20);
    const s2 = apply(s1, extend(s1, 20), ctx(A, T0 + MINUTE_MS));
    const now = T0 + MINUTE_MS;
    for (const seq of [s1.seq, s2.seq + 1, 0]) {
      const cmd = (
        type === 'extend' ? { type, commandId: cid(), seq, minutes: 20 } : { type, commandId: cid(), seq }
      ) as PauseCommand;
      refused(s2, cmd, ctx(A, now), 'stale_seq');
    }
  });

  test('stale_seq is checked before the move itself', () => {
    const s = pausedByA(20);
    refused(s, { type: 'ready', commandId: cid(), seq: 0 }, ctx(A, T0), 'stale_seq');
  });

  test('a repeated commandId is applied once: changed false, same state, seq not bumped', () => {
    const first = start(20);
    const s1 = apply(initialCoupleState(), first, ctx(A, T0));
    const again = applyPauseCommand(s1, first, ctx(A, T0 + MINUTE_MS));
    expect(again).toEqual({ ok: true, changed: false, state: s1 });

    const ext = extend(s1, 60);
    const s2 = apply(s1, ext, ctx(A, T0 + MINUTE_MS));
    // A retry carries the seq it was sent with, now stale: still answered as applied, not refused.
    const retry = applyPauseCommand(s2, ext, ctx(A, T0 + 2 * MINUTE_MS));
    expect(retry.ok && retry.changed).toBe(false);
    expect(retry.ok && retry.state).toBe(s2);
    expect(pauseOf(s2).endsAt).toBe(T0 + 80 * MINUTE_MS);
    expect(s2.seq).toBe(2);
  });

  test('each change bumps seq by exactly one and records the command', () => {
    let s = initialCoupleState();
    const ids: string[] = [];
    const cmd1 = start(20);
    s = apply(s, cmd1, ctx(A, T0));
    ids.push(cmd1.commandId);
    const cmd2 = end(s, 1);
    s = apply(s, cmd2, ctx(A, T0 + MINUTE_MS));
    ids.push(cmd2.commandId);
    expect(s.seq).toBe(2);
    expect(s.recentCommands).toEqual(ids);
  });

  test(`recentCommands keeps only the last ${RECENT_COMMANDS_KEPT}`, () => {
    let s = pausedByA(20);
    const firstId = s.recentCommands[0]!;
    const ids: string[] = [firstId];
    const now = T0 + MINUTE_MS;
    // "I'm calm now", then activated again: every step is a real change.
    for (let i = 0; i < RECENT_COMMANDS_KEPT + 5; i++) {
      const cmd = i % 2 === 0 ? end(s, 3) : start(20);
      s = apply(s, cmd, ctx(A, now));
      ids.push(cmd.commandId);
      expect(s.recentCommands.length).toBeLessThanOrEqual(RECENT_COMMANDS_KEPT);
    }
    expect(s.recentCommands).toHaveLength(RECENT_COMMANDS_KEPT);
    expect(s.recentCommands).toEqual(ids.slice(-RECENT_COMMANDS_KEPT));
    expect(s.recentCommands).not.toContain(firstId);
    expect(s.seq).toBe(RECENT_COMMANDS_KEPT + 6);
  });
});

describe('viewPhase, isTimeUp, ownPause, isPausing', () => {
  const pause: PauseView = {
    id: 'p1',
    startedAt: T0,
    endsAt: T0 + 20 * MINUTE_MS,
    pausers: [{ deviceId: A, startedAt: T0, endsAt: T0 + 20 * MINUTE_MS, reassurance: 'x' }],
    ready: [],
  };

  test('isTimeUp at the exact boundary', () => {
    expect(isTimeUp(pause, pause.endsAt - 1)).toBe(false);
    expect(isTimeUp(pause, pause.endsAt)).toBe(true);
    expect(isTimeUp(pause, pause.endsAt + 1)).toBe(true);
  });

  test('viewPhase in every phase', () => {
    expect(viewPhase({ phase: 'calm', pause: null }, T0)).toBe('calm');
    expect(viewPhase({ phase: 'paused', pause }, T0)).toBe('paused');
    expect(viewPhase({ phase: 'paused', pause }, pause.endsAt - 1)).toBe('paused');
    expect(viewPhase({ phase: 'paused', pause }, pause.endsAt)).toBe('checkin');
    expect(viewPhase({ phase: 'paused', pause }, pause.endsAt + HOUR_MS)).toBe('checkin');
    expect(viewPhase({ phase: 'reconnect', pause }, pause.endsAt)).toBe('reconnect');
    expect(viewPhase({ phase: 'reconnect', pause: null }, T0)).toBe('reconnect');
    expect(viewPhase({ phase: 'paused', pause: null }, T0)).toBe('calm');
  });

  test('ownPause and isPausing', () => {
    expect(ownPause(pause, A)?.deviceId).toBe(A);
    expect(ownPause(pause, B)).toBeUndefined();
    expect(ownPause(null, A)).toBeUndefined();
    expect(isPausing(pause, A, pause.endsAt - 1)).toBe(true);
    expect(isPausing(pause, A, pause.endsAt)).toBe(false);
    expect(isPausing(pause, B, T0)).toBe(false);
    expect(isPausing(null, A, T0)).toBe(false);
  });
});

describe('invariants over random command sequences', () => {
  test('seq, the shared deadline, the 24 h cap and phase/pause agree after every step', () => {
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let run = 0; run < 50; run++) {
      let s = initialCoupleState();
      let now = T0;
      for (let i = 0; i < 60; i++) {
        now += rnd(4) === 0 ? rnd(3 * HOUR_MS) : rnd(10 * MINUTE_MS);
        const who = rnd(2) ? A : B;
        const seq = rnd(10) === 0 ? s.seq - 1 : s.seq;
        const kinds: PauseCommand[] = [
          { type: 'start', commandId: cid(), minutes: [10, 20, 60, 600, 1440][rnd(5)]! },
          rnd(4) === 0
            ? { type: 'extend', commandId: cid(), seq, until: now + rnd(20 * HOUR_MS) }
            : { type: 'extend', commandId: cid(), seq, minutes: ([20, 60, 120, 360] as const)[rnd(4)]! },
          { type: 'end', commandId: cid(), seq, ...(rnd(2) ? { rating: rnd(11) } : {}) },
          { type: 'ready', commandId: cid(), seq },
          { type: 'shown', commandId: cid(), pauseId: s.pause?.id ?? 'none-pause' },
        ];
        const cmd =
          rnd(8) === 0 && s.recentCommands.length
            ? { ...kinds[0]!, commandId: s.recentCommands.at(-1)! }
            : kinds[rnd(5)]!;
        const res = applyPauseCommand(frozen(s), cmd, ctx(who, now));
        if (!res.ok) continue;
        const next = res.state;
        expect(next.seq).toBe(s.seq + (res.changed ? 1 : 0));
        expect(next.recentCommands.length).toBeLessThanOrEqual(RECENT_COMMANDS_KEPT);
        if (next.phase === 'calm') expect(next.conversation).toBeNull();
        if (next.phase === 'reconnect') expect(next.conversation).not.toBeNull();
        if (next.phase === 'calm') expect(next.pause).toBeNull();
        else {
          const p = pauseOf(next);
          expect(p.pausers.length).toBeGreaterThan(0);
          expect(new Set(p.pausers.map((x) => x.deviceId)).size).toBe(p.pausers.length);
          expect(p.endsAt).toBe(Math.max(...p.pausers.map((x) => x.endsAt)));
          expect(p.endsAt).toBeLessThanOrEqual(p.startedAt + MAX_TOTAL_MS);
          expect(new Set(p.ready).size).toBe(p.ready.length);
          if (next.phase === 'reconnect') expect([...p.ready].sort()).toEqual([A, B]);
          if (p.ready.length > 0) expect(isTimeUp(p, now)).toBe(true);
        }
        s = next;
      }
    }
  });
});

/** A couple that has been through a pause and both said "I'm ready". */
function reconnected(): CoupleState {
  const s1 = pausedByA(20);
  const up = T0 + 20 * MINUTE_MS;
  const s2 = apply(s1, ready(s1), ctx(A, up));
  const s3 = apply(s2, ready(s2), ctx(B, up));
  expect(s3.phase).toBe('reconnect');
  return s3;
}

describe('"tomorrow" on the phone’s own clock', () => {
  test('the next time the clock reads the picked time: tomorrow in the evening, this morning after midnight', () => {
    const evening = new Date(2026, 0, 15, 21, 30).getTime();
    expect(nextClockTime(evening, 9, 0)).toBe(new Date(2026, 0, 16, 9, 0).getTime());
    const night = new Date(2026, 0, 16, 1, 15).getTime();
    expect(nextClockTime(night, 9, 0)).toBe(new Date(2026, 0, 16, 9, 0).getTime());
    // Exactly at the time: the next day's.
    expect(nextClockTime(new Date(2026, 0, 16, 9, 0).getTime(), 9, 0)).toBe(new Date(2026, 0, 17, 9, 0).getTime());
    expect(nextMidnight(evening)).toBe(new Date(2026, 0, 16, 0, 0).getTime());
  });

  test('time inputs are read strictly', () => {
    expect(parseTimeInput('09:05')).toEqual({ hour: 9, minute: 5 });
    for (const bad of ['9:05', '24:00', '12:60', '', 'noon']) expect(parseTimeInput(bad)).toBeNull();
    expect(timeInputValue(new Date(2026, 0, 16, 7, 3).getTime())).toBe('07:03');
  });

  test('a picked time shows as picked on the other phone, whatever the few ms between their clock offsets', () => {
    const nine = new Date(2026, 0, 16, 9, 0).getTime();
    expect(onLocalClock(nine + 40, 80)).toBe(nine);
    expect(onLocalClock(nine - 30, -20)).toBe(nine);
  });
});
