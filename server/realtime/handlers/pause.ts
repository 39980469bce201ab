import type { CoupleSnapshot } from '../../../shared/contracts/snapshot.js';
import { applyPauseCommand, type PauseCommand } from '../../../shared/pause/machine.js';
import { broadcastFrom, requireDevice, toSnapshot } from '../couples.js';
import { releaseHeldAfter } from '../held.js';
import { refuse } from '../refuse.js';
import type { AppSocket, Deps, Handler, HandlerResult } from '../types.js';

/** Concurrent writers are settled by compare-and-set; a loser re-reads and tries again. */
const CAS_ATTEMPTS = 5;

async function runPauseCommand(socket: AppSocket, cmd: PauseCommand, deps: Deps): Promise<HandlerResult<CoupleSnapshot>> {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const [state, devices] = await Promise.all([
      deps.store.loadCoupleState(device.coupleId),
      deps.store.listDevices(device.coupleId),
    ]);
    if (!state) return refuse('not_linked', 'This phone is not linked.');
    const now = deps.clock.now();
    const result = applyPauseCommand(state, cmd, {
      deviceId: device.id,
      members: devices.map((d) => d.id),
      reassurance: device.reassurance,
      now,
    });
    if (!result.ok) return refuse(result.code, result.message);
    const snapshot = toSnapshot(device.coupleId, result.state, devices, now);
    if (!result.changed) return { data: snapshot };
    if (await deps.store.saveCoupleState(device.coupleId, state.seq, result.state)) {
      deps.log.info('pause.' + cmd.type, { couple: device.coupleId, seq: result.state.seq });
      const broadcast = broadcastFrom(socket, snapshot);
      // Leaving 'paused' releases the held messages, right after the new state.
      return { data: snapshot, after: releaseHeldAfter(deps, device.coupleId, state.phase, result.state.phase, broadcast) };
    }
  }
  return refuse('internal', 'Busy right now. Try again.');
}

export const startPause: Handler<'pause:start'> = (socket, p, deps) =>
  runPauseCommand(socket, { type: 'start', ...p }, deps);
export const extendPause: Handler<'pause:extend'> = (socket, p, deps) =>
  runPauseCommand(socket, { type: 'extend', ...p }, deps);
export const endPause: Handler<'pause:end'> = (socket, p, deps) =>
  runPauseCommand(socket, { type: 'end', ...p }, deps);
export const readyAfterPause: Handler<'pause:ready'> = (socket, p, deps) =>
  runPauseCommand(socket, { type: 'ready', ...p }, deps);
export const closeReconnect: Handler<'pause:close'> = (socket, p, deps) =>
  runPauseCommand(socket, { type: 'close', ...p }, deps);
