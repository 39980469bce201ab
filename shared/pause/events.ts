import type { ConversationCommand } from '../conversation/machine.js';
import { isTimeUp, type CoupleState, type PauseCommand } from './machine.js';

/**
 * What a committed move did to the couple's shared state, as facts the server reacts to (see
 * server/realtime/effects.ts). A refused, retried or no-op move did nothing and has no events.
 */
export type CoupleEvent =
  /** Every committed change: the partner's phones need the new state. */
  | { type: 'state_changed' }
  /** The caller began a break, or joined the partner's. */
  | { type: 'pause_started' }
  | { type: 'pause_extended' }
  /** "I'm calm now" brought the shared deadline to now: the check-in is due at once. */
  | { type: 'pause_ended_early' }
  /** The couple left 'paused': what was written during the break may go out. */
  | { type: 'pause_over' };

export type CoupleEventType = CoupleEvent['type'];

/** The command that made the move. */
export type CoupleMove = PauseCommand['type'] | ConversationCommand['type'];

/** The events of a committed change from `before` to `after`, made by `move` at `now`. */
export function coupleEvents(move: CoupleMove, before: CoupleState, after: CoupleState, now: number): CoupleEvent[] {
  const events: CoupleEvent[] = [{ type: 'state_changed' }];
  if (move === 'start' && after.pause) events.push({ type: 'pause_started' });
  if (move === 'extend') events.push({ type: 'pause_extended' });
  if (move === 'end' && after.pause && isTimeUp(after.pause, now)) events.push({ type: 'pause_ended_early' });
  if (before.phase === 'paused' && after.phase !== 'paused') events.push({ type: 'pause_over' });
  return events;
}
