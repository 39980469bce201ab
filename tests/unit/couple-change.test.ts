import { describe, expect, test } from 'vitest';
import { applyCoupleChange, coupleChange } from '../../shared/contracts/change.js';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { MINUTE_MS } from '../../shared/pause/limits.js';
import {
  applyPauseCommand,
  initialCoupleState,
  type CoupleState,
  type PauseCommand,
} from '../../shared/pause/machine.js';
import { toSnapshot } from '../../server/realtime/couples.js';
import type { DeviceRecord } from '../../server/store/store.js';

const T0 = Date.UTC(2026, 2, 3, 22, 10);
const COUPLE = 'couple-1';

function device(id: string, name: string): DeviceRecord {
  return {
    id,
    coupleId: COUPLE,
    name,
    secretHash: Buffer.alloc(32),
    linkedAt: T0,
    defaultMinutes: 20,
    reassurance: `v1.${id}.sealed`,
    tendsToWithdraw: null,
    publicKey: null,
    agreedTerms: null,
  };
}
const devices = [device('dev-a', 'Robin'), device('dev-b', 'Kai')];

/** A whole break, step by step: each entry is who acts, when, and what they do. */
function aBreak(): Array<{ by: string; at: number; cmd: PauseCommand }> {
  let n = 0;
  const id = () => `change-test-${++n}`;
  return [
    { by: 'dev-a', at: T0, cmd: { type: 'start', commandId: id(), minutes: 20 } },
    { by: 'dev-b', at: T0 + 1000, cmd: { type: 'start', commandId: id(), minutes: 30 } },
    { by: 'dev-a', at: T0 + 31 * MINUTE_MS, cmd: { type: 'ready', commandId: id(), seq: 2 } },
    { by: 'dev-b', at: T0 + 32 * MINUTE_MS, cmd: { type: 'ready', commandId: id(), seq: 3 } },
  ];
}

function walk(): Array<{ before: CoupleState; after: CoupleState; at: number }> {
  const steps = [];
  let state = initialCoupleState();
  for (const { by, at, cmd } of aBreak()) {
    const res = applyPauseCommand(state, cmd, {
      deviceId: by,
      members: devices.map((d) => d.id),
      reassurance: 'v1.x.y',
      now: at,
    });
    if (!res.ok) throw new Error(`${cmd.type} refused: ${res.code}`);
    steps.push({ before: state, after: res.state, at });
    state = res.state;
  }
  return steps;
}

describe('a move of the shared state sent as what changed', () => {
  test('applied to the snapshot a phone holds, it gives exactly the snapshot the server holds', () => {
    const steps = walk();
    let held: CoupleSnapshot = toSnapshot(COUPLE, steps[0]!.before, devices, T0 - 1);
    for (const { before, after, at } of steps) {
      const next = applyCoupleChange(held, coupleChange(COUPLE, before, after, at));
      expect(next).toEqual(toSnapshot(COUPLE, after, devices, at));
      held = next as CoupleSnapshot;
    }
    expect(held.phase).toBe('reconnect');
    expect(held.conversation).not.toBeNull();
  });

  test('it carries only the fields that moved, never the devices or the agreement', () => {
    const [start, secondPauser] = walk();
    const first = coupleChange(COUPLE, start!.before, start!.after, start!.at);
    expect(Object.keys(first.set).sort()).toEqual(['pause', 'phase']);
    const second = coupleChange(COUPLE, secondPauser!.before, secondPauser!.after, secondPauser!.at);
    expect(Object.keys(second.set)).toEqual(['pause']);
    const whole = toSnapshot(COUPLE, secondPauser!.after, devices, secondPauser!.at);
    expect(JSON.stringify(second).length).toBeLessThan(JSON.stringify(whole).length);
  });

  test('a phone that missed a step, holds another couple or holds nothing is told to fetch the whole state', () => {
    const [one, two] = walk();
    const change = coupleChange(COUPLE, two!.before, two!.after, two!.at);
    const tooOld = toSnapshot(COUPLE, one!.before, devices, T0);
    expect(applyCoupleChange(tooOld, change)).toBe('gap');
    expect(applyCoupleChange({ ...toSnapshot(COUPLE, two!.before, devices, T0), coupleId: 'other' }, change)).toBe(
      'gap',
    );
    expect(applyCoupleChange(null, change)).toBe('gap');
  });

  test('old news changes nothing: the phone keeps what it holds', () => {
    const [one, two] = walk();
    const newer = toSnapshot(COUPLE, two!.after, devices, two!.at);
    expect(applyCoupleChange(newer, coupleChange(COUPLE, one!.before, one!.after, one!.at))).toBe(newer);
    expect(applyCoupleChange(newer, coupleChange(COUPLE, two!.before, two!.after, two!.at))).toBe(newer);
  });
});
