import type { CoupleSnapshot } from '../../../shared/contracts/snapshot.js';
import { applyPauseCommand, type PauseCommand } from '../../../shared/pause/machine.js';
import { runCoupleCommand } from '../couple-command.js';
import type { AppSocket, Deps, Handler, HandlerResult } from '../types.js';
import { runConversationCommand } from './conversation.js';

function runPauseCommand(socket: AppSocket, cmd: PauseCommand, deps: Deps): Promise<HandlerResult<CoupleSnapshot>> {
  return runCoupleCommand(socket, deps, 'pause', cmd.type, ({ state, device, devices, now }) =>
    applyPauseCommand(state, cmd, {
      deviceId: device.id,
      members: devices.map((d) => d.id),
      reassurance: device.reassurance,
      now,
    }),
  );
}

export const startPause: Handler<'pause:start'> = (socket, p, deps) =>
  runPauseCommand(socket, { type: 'start', ...p }, deps);
export const extendPause: Handler<'pause:extend'> = (socket, p, deps) =>
  runPauseCommand(socket, { type: 'extend', ...p }, deps);
export const endPause: Handler<'pause:end'> = (socket, p, deps) => runPauseCommand(socket, { type: 'end', ...p }, deps);
export const readyAfterPause: Handler<'pause:ready'> = (socket, p, deps) =>
  runPauseCommand(socket, { type: 'ready', ...p }, deps);
export const shownPause: Handler<'pause:shown'> = (socket, p, deps) =>
  runPauseCommand(socket, { type: 'shown', ...p }, deps);
/** "Back to normal" is the conversation's to settle: it takes both (shared/conversation/machine.ts). */
export const closeConversation: Handler<'pause:close'> = (socket, p, deps) =>
  runConversationCommand(socket, { type: 'close', ...p }, deps);
