import { describe, expect, test } from 'vitest';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { MINUTE_MS } from '../../shared/pause/limits.js';
import { coupleEvents } from '../../shared/pause/events.js';
import {
  applyPauseCommand,
  initialCoupleState,
  type CoupleState,
  type PauseCommand,
} from '../../shared/pause/machine.js';
import { EFFECTS, effectsFor, runEffects, type Happened, type HappenedType } from '../../server/realtime/effects.js';
import type { AppSocket, Deps } from '../../server/realtime/types.js';

const T0 = Date.UTC(2026, 0, 15, 21, 30, 0);
const A = 'device-a';
const B = 'device-b';
let counter = 0;
const cid = () => `effects-${++counter}`;

/** A move that must change the state, with the events the couple command derives from it. */
function move(state: CoupleState, cmd: PauseCommand, deviceId: string, now: number) {
  const res = applyPauseCommand(state, cmd, { deviceId, members: [A, B], reassurance: 'back soon', now });
  if (!res.ok || !res.changed) throw new Error(`${cmd.type} did not change the state`);
  return { state: res.state, events: coupleEvents(cmd.type, state, res.state, now) };
}

const types = (events: readonly { type: HappenedType }[]) => events.map((e) => e.type);

describe('the effects table', () => {
  test('each event runs its effects, in the table’s order', () => {
    const expected: Record<HappenedType, string[]> = {
      state_changed: ['broadcast'],
      devices_changed: ['broadcast'],
      pause_started: ['push_pause_started'],
      pause_extended: [],
      pause_ended_early: ['push_time_up'],
      pause_over: ['release_held'],
      held_sent: ['release_held'],
      couple_unlinked: ['unlink_couple'],
    };
    for (const [type, effects] of Object.entries(expected))
      expect(effectsFor([{ type: type as HappenedType }])).toEqual(effects);
  });

  test('every effect in the table is reached by some event, and broadcast comes before what follows from it', () => {
    expect(EFFECTS.map((r) => r.effect)).toEqual([
      'broadcast',
      'release_held',
      'push_pause_started',
      'push_time_up',
      'unlink_couple',
    ]);
    expect(EFFECTS.every((r) => r.on.length > 0)).toBe(true);
  });

  test('the order comes from the table, not from the order the events are listed in', () => {
    expect(effectsFor([{ type: 'pause_over' }, { type: 'pause_ended_early' }, { type: 'state_changed' }])).toEqual([
      'broadcast',
      'release_held',
      'push_time_up',
    ]);
  });

  test('nothing happened, nothing runs', () => {
    expect(effectsFor([])).toEqual([]);
  });
});

describe('events of real pause moves, and their effects', () => {
  const started = move(initialCoupleState(), { type: 'start', commandId: cid(), minutes: 60 }, A, T0);

  test('a pause start: broadcast, then the push to the partner', () => {
    expect(types(started.events)).toEqual(['state_changed', 'pause_started']);
    expect(effectsFor(started.events)).toEqual(['broadcast', 'push_pause_started']);
  });

  test('a retried start changes nothing, so it has no events and no effects', () => {
    const commandId = cid();
    const first = move(initialCoupleState(), { type: 'start', commandId, minutes: 20 }, A, T0);
    const again = applyPauseCommand(
      first.state,
      { type: 'start', commandId, minutes: 20 },
      {
        deviceId: A,
        members: [A, B],
        reassurance: 'back soon',
        now: T0 + 1,
      },
    );
    expect(again).toMatchObject({ ok: true, changed: false });
  });

  test('more time: only the broadcast', () => {
    const s = started.state;
    const extended = move(s, { type: 'extend', commandId: cid(), seq: s.seq, minutes: 20 }, A, T0 + MINUTE_MS);
    expect(types(extended.events)).toEqual(['state_changed', 'pause_extended']);
    expect(effectsFor(extended.events)).toEqual(['broadcast']);
  });

  test('"I’m calm now" that ends the break for both: broadcast, then the time-up push at once', () => {
    const s = started.state;
    const ended = move(s, { type: 'end', commandId: cid(), seq: s.seq }, A, T0 + 25 * MINUTE_MS);
    expect(types(ended.events)).toEqual(['state_changed', 'pause_ended_early']);
    expect(effectsFor(ended.events)).toEqual(['broadcast', 'push_time_up']);
  });

  test('both ready: broadcast, then the held messages', () => {
    const up = T0 + 60 * MINUTE_MS;
    const s = started.state;
    const one = move(s, { type: 'ready', commandId: cid(), seq: s.seq }, A, up);
    expect(effectsFor(one.events)).toEqual(['broadcast']);
    const both = move(one.state, { type: 'ready', commandId: cid(), seq: one.state.seq }, B, up);
    expect(both.state.phase).toBe('reconnect');
    expect(types(both.events)).toEqual(['state_changed', 'pause_over']);
    expect(effectsFor(both.events)).toEqual(['broadcast', 'release_held']);
  });
});

describe('running the effects', () => {
  /** Fakes that record, in order, which effect reached the outside world. */
  function fakes() {
    const calls: string[] = [];
    const socket = {
      data: { deviceId: A, coupleId: 'c1', address: '' },
      to: () => ({ emit: (event: string) => calls.push(`partner:${event}`) }),
    } as unknown as AppSocket;
    const deps = {
      store: { loadCoupleState: () => (calls.push('held:lookup'), Promise.resolve(null)) },
      push: {
        pauseStarted: () => calls.push('push:pause_started'),
        sweep: () => (calls.push('push:sweep'), Promise.resolve(0)),
      },
      io: {
        to: () => ({ emit: (event: string) => calls.push(`room:${event}`) }),
        in: () => ({ disconnectSockets: () => calls.push('room:disconnect') }),
      },
      log: { error: () => calls.push('log:error') },
    } as unknown as Deps;
    return { calls, socket, deps };
  }

  const snapshot = { coupleId: 'c1', pause: { id: 'p1' } } as unknown as CoupleSnapshot;

  test('in the table’s order, each once', () => {
    const { calls, socket, deps } = fakes();
    const happened: Happened = {
      coupleId: 'c1',
      snapshot,
      events: [
        { type: 'pause_ended_early' },
        { type: 'pause_over' },
        { type: 'state_changed' },
        { type: 'pause_started' },
      ],
    };
    runEffects(socket, deps, happened);
    expect(calls).toEqual(['partner:couple:state', 'held:lookup', 'push:pause_started', 'push:sweep']);
  });

  test('a move of the shared state reaches the partner as what changed; new device details as the whole snapshot', () => {
    const moved = fakes();
    const change = { coupleId: 'c1', from: 1, seq: 2, set: { phase: 'paused' as const }, serverNow: 5 };
    runEffects(moved.socket, moved.deps, { coupleId: 'c1', snapshot, change, events: [{ type: 'state_changed' }] });
    expect(moved.calls).toEqual(['partner:couple:change']);
    const renamed = fakes();
    runEffects(renamed.socket, renamed.deps, { coupleId: 'c1', snapshot, events: [{ type: 'devices_changed' }] });
    expect(renamed.calls).toEqual(['partner:couple:state']);
  });

  test('unlinking tells the room before it closes the connections', () => {
    const { calls, socket, deps } = fakes();
    runEffects(socket, deps, { coupleId: 'c1', events: [{ type: 'couple_unlinked' }] });
    expect(calls).toEqual(['room:couple:unlinked', 'room:disconnect']);
  });

  test('no events: nothing reaches anyone', () => {
    const { calls, socket, deps } = fakes();
    runEffects(socket, deps, { coupleId: 'c1', snapshot, events: [] });
    expect(calls).toEqual([]);
  });
});
