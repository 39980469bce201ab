import type { DeliveredHeldMessage } from '../../shared/contracts/events.js';
import type { CouplePhase } from '../../shared/contracts/snapshot.js';
import type { HeldMessageRecord } from '../store/store.js';
import { coupleRoom } from './couples.js';
import type { AppSocket, Deps } from './types.js';

/**
 * Held messages: written during a pause, delivered when it is over.
 *
 * Delivery rule: a couple's undelivered messages go to the recipient whenever the couple's phase is
 * not 'paused'. The pause ends only by moving to 'reconnect' (both said "I'm ready"), so they go out
 * then; 'calm' (after pause:close) keeps delivering anything still unconfirmed, so nothing is lost.
 * A message left unconfirmed from an earlier pause waits out a new pause too: no contact during a break.
 *
 * Transport is at-least-once: sent when the pause ends and again on every (re)connect until the
 * recipient confirms with `held:received`; the phone de-duplicates by id, so the person sees each
 * message once. Payloads are never logged.
 */

/** Messages per `held:deliver` event, so one event stays well under a megabyte. */
const DELIVER_BATCH = 20;

function toDelivered(m: HeldMessageRecord & { payload: string }): DeliveredHeldMessage {
  return { id: m.id, authorId: m.authorId, payload: m.payload, createdAt: m.createdAt };
}

function batches(messages: DeliveredHeldMessage[]): DeliveredHeldMessage[][] {
  const out: DeliveredHeldMessage[][] = [];
  for (let i = 0; i < messages.length; i += DELIVER_BATCH) out.push(messages.slice(i, i + DELIVER_BATCH));
  return out;
}

async function pendingFor(deps: Deps, coupleId: string, deviceId: string): Promise<DeliveredHeldMessage[]> {
  return (await deps.store.listHeldFor(coupleId, deviceId)).map(toDelivered);
}

/** Pushes every deliverable message to every connected phone of its recipient. */
export async function deliverHeld(deps: Deps, coupleId: string): Promise<void> {
  const state = await deps.store.loadCoupleState(coupleId);
  if (!state || state.phase === 'paused') return;
  const sockets = await deps.io.in(coupleRoom(coupleId)).fetchSockets();
  const deviceIds = new Set(sockets.map((s) => s.data.deviceId).filter((id): id is string => !!id));
  for (const deviceId of deviceIds) {
    const messages = await pendingFor(deps, coupleId, deviceId);
    if (!messages.length) continue;
    for (const socket of sockets) {
      if (socket.data.deviceId !== deviceId) continue;
      for (const batch of batches(messages)) socket.emit('held:deliver', { messages: batch });
    }
    deps.log.info('held.delivered', { couple: coupleId, count: messages.length });
  }
}

/** On a (re)connect, after the snapshot: anything still unconfirmed for this phone, if the pause is over. */
export async function deliverHeldOnConnect(socket: AppSocket, deps: Deps, phase: CouplePhase): Promise<void> {
  const { deviceId, coupleId } = socket.data;
  if (phase === 'paused' || !deviceId || !coupleId) return;
  const messages = await pendingFor(deps, coupleId, deviceId);
  if (!messages.length) return;
  for (const batch of batches(messages)) socket.emit('held:deliver', { messages: batch });
  deps.log.info('held.redelivered', { couple: coupleId, count: messages.length });
}
