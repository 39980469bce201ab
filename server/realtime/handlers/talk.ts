import type { CoupleSnapshot } from '../../../shared/contracts/snapshot.js';
import { applyConversationCommand, type ConversationCommand } from '../../../shared/reconnect/machine.js';
import { runCoupleCommand } from '../couple-command.js';
import type { AppSocket, Deps, Handler, HandlerResult } from '../types.js';

/** The reconnect conversation's moves. Only the move's name and the new seq are logged, never its text. */
export function runTalkCommand(
  socket: AppSocket,
  cmd: ConversationCommand,
  deps: Deps,
): Promise<HandlerResult<CoupleSnapshot>> {
  return runCoupleCommand(socket, deps, 'talk', cmd.type, ({ state, device, devices, now }) =>
    applyConversationCommand(state, cmd, {
      deviceId: device.id,
      devices: devices.map((d) => ({ id: d.id, tendsToWithdraw: d.tendsToWithdraw })),
      now,
    }),
  );
}

export const rateTalk: Handler<'talk:rate'> = (socket, p, deps) => runTalkCommand(socket, { type: 'rate', ...p }, deps);
export const continueTalk: Handler<'talk:continue'> = (socket, p, deps) =>
  runTalkCommand(socket, { type: 'continue', ...p }, deps);
export const shareCard: Handler<'talk:share'> = (socket, p, deps) =>
  runTalkCommand(socket, { type: 'share', ...p }, deps);
export const handOverFloor: Handler<'talk:floor'> = (socket, p, deps) =>
  runTalkCommand(socket, { type: 'floor', ...p }, deps);
export const paraphrase: Handler<'talk:paraphrase'> = (socket, p, deps) =>
  runTalkCommand(socket, { type: 'paraphrase', ...p }, deps);
export const confirmParaphrase: Handler<'talk:confirm'> = (socket, p, deps) =>
  runTalkCommand(socket, { type: 'confirm', ...p }, deps);
export const validateTurn: Handler<'talk:validate'> = (socket, p, deps) =>
  runTalkCommand(socket, { type: 'validate', ...p }, deps);
export const submitRepair: Handler<'talk:repair'> = (socket, p, deps) =>
  runTalkCommand(socket, { type: 'repair', ...p }, deps);
export const respondToRequest: Handler<'talk:respond'> = (socket, p, deps) =>
  runTalkCommand(socket, { type: 'respond', ...p }, deps);
export const answerClose: Handler<'talk:close-answer'> = (socket, p, deps) =>
  runTalkCommand(socket, { type: 'closeAnswer', ...p }, deps);
