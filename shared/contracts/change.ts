import type { CoupleState } from '../pause/machine.js';
import type { CoupleSnapshot } from './snapshot.js';

/** The parts of a snapshot that a command on the couple's shared state can change. */
export type StateFields = Pick<CoupleSnapshot, 'phase' | 'pause' | 'conversation' | 'talkLater'>;

/**
 * What the partner's phones are sent when the couple's state moves from seq `from` to `seq`: only the
 * fields that changed, a fraction of the whole snapshot (devices and agreement never change with it).
 * A phone that does not hold exactly `from` has missed something and asks for the whole snapshot.
 */
export interface CoupleChange {
  coupleId: string;
  from: number;
  seq: number;
  set: Partial<StateFields>;
  serverNow: number;
}

/** The change from `before` to `after`: a field counts as changed unless the machine kept it as it was. */
export function coupleChange(coupleId: string, before: CoupleState, after: CoupleState, now: number): CoupleChange {
  const set: Partial<StateFields> = {};
  if (after.phase !== before.phase) set.phase = after.phase;
  if (after.pause !== before.pause) set.pause = after.pause;
  const conversation = after.conversation ?? null;
  if (conversation !== (before.conversation ?? null)) set.conversation = conversation;
  const talkLater = after.talkLater ?? null;
  if (talkLater !== (before.talkLater ?? null)) set.talkLater = talkLater;
  return { coupleId, from: before.seq, seq: after.seq, set, serverNow: now };
}

/**
 * What a phone holding `current` makes of a change: the next snapshot, `current` itself when the change
 * is old news, or 'gap' when the phone missed a step and must fetch the whole snapshot.
 */
export function applyCoupleChange(current: CoupleSnapshot | null, change: CoupleChange): CoupleSnapshot | 'gap' {
  if (!current || current.coupleId !== change.coupleId) return 'gap';
  if (current.seq >= change.seq) return current;
  if (current.seq !== change.from) return 'gap';
  return { ...current, ...change.set, seq: change.seq, serverNow: change.serverNow };
}
