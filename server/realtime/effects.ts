import type { CoupleChange } from '../../shared/contracts/change.js';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import type { CoupleEventType } from '../../shared/pause/events.js';
import { coupleRoom } from './couples.js';
import { deliverHeld } from './held.js';
import type { AppSocket, Deps } from './types.js';

/**
 * What a committed command did, for the effects that follow it. Besides the pause and conversation
 * moves (shared/pause/events.ts), some come from outside the shared state: a device's details changed
 * (name, key, agreement), an author sent a held message on, and the couple was unlinked or deleted.
 */
export type HappenedEvent = { type: CoupleEventType | 'devices_changed' | 'held_sent' | 'couple_unlinked' };
export type HappenedType = HappenedEvent['type'];

export interface Happened {
  coupleId: string;
  /** The state the caller was acknowledged with; what the partner is sent when there is no `change`. */
  snapshot?: CoupleSnapshot;
  /** A move of the shared state, sent to the partner instead of the whole snapshot. */
  change?: CoupleChange;
  events: readonly HappenedEvent[];
}

export type Effect = 'broadcast' | 'release_held' | 'push_pause_started' | 'push_time_up' | 'unlink_couple';

/**
 * The one list of what runs after a commit, in the order it runs. Before any of it, the command was
 * committed and its caller acknowledged (dispatch.ts): nothing is announced that could still be lost,
 * and the caller hears first. A row runs once when any of its events happened; a refused, retried or
 * no-op command has no events and so no effects.
 */
export const EFFECTS: readonly { effect: Effect; on: readonly HappenedType[] }[] = [
  // The partner's phones get the new state before anything that follows from it.
  { effect: 'broadcast', on: ['state_changed', 'devices_changed'] },
  // Held messages arrive after the state that says the break is over; a note sent on afterwards goes
  // straight to the partner (not during a new break: delivery waits for that to end).
  { effect: 'release_held', on: ['pause_over', 'held_sent'] },
  { effect: 'push_pause_started', on: ['pause_started'] },
  // At once instead of at the next sweep; the sweep claims each deadline once, so never twice.
  { effect: 'push_time_up', on: ['pause_ended_early'] },
  // Ordered on each connection: the notice arrives before the disconnect.
  { effect: 'unlink_couple', on: ['couple_unlinked'] },
];

export function effectsFor(events: readonly HappenedEvent[]): Effect[] {
  const types = new Set(events.map((e) => e.type));
  return EFFECTS.filter((row) => row.on.some((t) => types.has(t))).map((row) => row.effect);
}

type Runner = (socket: AppSocket, deps: Deps, happened: Happened) => void;

const runners: Record<Effect, Runner> = {
  broadcast(socket, _deps, { coupleId, snapshot, change }) {
    // Everyone else in the couple's room; the sender already has the snapshot in its ack. A move of the
    // shared state goes out as only what changed: a fraction of the bytes to encode, send and keep for recovery.
    const room = socket.to(coupleRoom(coupleId));
    if (change) room.emit('couple:change', change);
    else if (snapshot) room.emit('couple:state', snapshot);
  },
  release_held(_socket, deps, { coupleId }) {
    deliverHeld(deps, coupleId).catch(() => deps.log.error('held.deliver_failed', { couple: coupleId }));
  },
  push_pause_started(socket, deps, { coupleId, snapshot }) {
    const pauserId = socket.data.deviceId;
    if (deps.push && pauserId && snapshot?.pause) deps.push.pauseStarted(coupleId, pauserId, snapshot.pause);
  },
  push_time_up(_socket, deps) {
    deps.push?.sweep().catch(() => deps.log.error('push.sweep_failed', {}));
  },
  unlink_couple(_socket, deps, { coupleId }) {
    const room = coupleRoom(coupleId);
    deps.io.to(room).emit('couple:unlinked');
    deps.io.in(room).disconnectSockets();
  },
};

/** Runs, in the table's order, the effects of what a command did. Called once its ack is sent. */
export function runEffects(socket: AppSocket, deps: Deps, happened: Happened): void {
  for (const effect of effectsFor(happened.events)) runners[effect](socket, deps, happened);
}
