import { coupleChange } from '../../shared/contracts/change.js';
import type { CoupleSnapshot } from '../../shared/contracts/snapshot.js';
import { coupleEvents, type CoupleMove } from '../../shared/pause/events.js';
import type { CoupleState, Transition } from '../../shared/pause/machine.js';
import type { DeviceRecord } from '../store/store.js';
import { toSnapshot } from './couples.js';
import { refuse } from './refuse.js';
import type { AppSocket, Deps, HandlerResult } from './types.js';

/** Concurrent writers are settled by compare-and-set; a loser re-reads and tries again. */
const CAS_ATTEMPTS = 5;

export interface CoupleCommandInput {
  state: CoupleState;
  /** The caller's device. */
  device: DeviceRecord;
  /** Every device in the couple, in their stable order. */
  devices: DeviceRecord[];
  now: number;
}

/**
 * One command against the couple's shared state: load the state → apply the pure machine →
 * compare-and-set save → answer with the snapshot and what the move did (shared/pause/events.ts), whose
 * effects (effects.ts) follow the ack. A refusal or a no-op saves nothing and has no events.
 * `move` names the command; the log names it under `scope`, never its payload.
 */
export async function runCoupleCommand(
  socket: AppSocket,
  deps: Deps,
  scope: 'pause' | 'conversation',
  move: CoupleMove,
  apply: (input: CoupleCommandInput) => Transition,
): Promise<HandlerResult<CoupleSnapshot>> {
  const { deviceId, coupleId } = socket.data;
  const notLinked = refuse('not_linked');
  if (!deviceId || !coupleId) return notLinked;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const couple = await deps.store.loadCouple(coupleId);
    if (!couple) return notLinked;
    const { state, devices } = couple;
    // Looked up on every command, so an unpaired or deleted device stops at once.
    const device = devices.find((d) => d.id === deviceId);
    if (!device) return notLinked;
    const now = deps.clock.now();
    const result = apply({ state, device, devices, now });
    if (!result.ok) return refuse(result.code, result.params);
    if (!result.changed) return { data: toSnapshot(device.coupleId, result.state, devices, now) };
    if (await deps.store.saveCoupleState(device.coupleId, state.seq, result.state)) {
      deps.log.info(`${scope}.${move}`, { couple: device.coupleId, seq: result.state.seq });
      // Made once the commit is in, not held through it: a burst of commands waiting on one disk write
      // would otherwise carry every snapshot through the young generation's collections.
      const snapshot = toSnapshot(device.coupleId, result.state, devices, now);
      const events = coupleEvents(move, state, result.state, now);
      const change = coupleChange(device.coupleId, state, result.state, now);
      return { data: snapshot, happened: { coupleId: device.coupleId, snapshot, change, events } };
    }
  }
  return refuse('internal');
}
