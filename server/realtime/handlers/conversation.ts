import type { CoupleSnapshot } from '../../../shared/contracts/snapshot.js';
import { applyConversationCommand, type ConversationCommand } from '../../../shared/conversation/machine.js';
import { runCoupleCommand } from '../couple-command.js';
import type { AppSocket, Deps, Handler, HandlerResult } from '../types.js';

/** The reconnect conversation's moves. Only the move's name and the new seq are logged, never its text. */
export function runConversationCommand(
  socket: AppSocket,
  cmd: ConversationCommand,
  deps: Deps,
): Promise<HandlerResult<CoupleSnapshot>> {
  return runCoupleCommand(socket, deps, 'conversation', cmd.type, ({ state, device, devices, now }) =>
    applyConversationCommand(state, cmd, {
      deviceId: device.id,
      devices: devices.map((d) => ({ id: d.id, tendsToWithdraw: d.tendsToWithdraw })),
      now,
    }),
  );
}

export const rateConversation: Handler<'conversation:rate'> = (socket, p, deps) =>
  runConversationCommand(socket, { type: 'rate', ...p }, deps);
export const continueConversation: Handler<'conversation:continue'> = (socket, p, deps) =>
  runConversationCommand(socket, { type: 'continue', ...p }, deps);
export const shareCard: Handler<'conversation:share'> = (socket, p, deps) =>
  runConversationCommand(socket, { type: 'share', ...p }, deps);
export const handOverFloor: Handler<'conversation:floor'> = (socket, p, deps) =>
  runConversationCommand(socket, { type: 'floor', ...p }, deps);
export const paraphrase: Handler<'conversation:paraphrase'> = (socket, p, deps) =>
  runConversationCommand(socket, { type: 'paraphrase', ...p }, deps);
export const confirmParaphrase: Handler<'conversation:confirm'> = (socket, p, deps) =>
  runConversationCommand(socket, { type: 'confirm', ...p }, deps);
export const validateTurn: Handler<'conversation:validate'> = (socket, p, deps) =>
  runConversationCommand(socket, { type: 'validate', ...p }, deps);
export const submitRepair: Handler<'conversation:repair'> = (socket, p, deps) =>
  runConversationCommand(socket, { type: 'repair', ...p }, deps);
export const respondToRequest: Handler<'conversation:respond'> = (socket, p, deps) =>
  runConversationCommand(socket, { type: 'respond', ...p }, deps);
export const answerClose: Handler<'conversation:close-answer'> = (socket, p, deps) =>
  runConversationCommand(socket, { type: 'closeAnswer', ...p }, deps);
