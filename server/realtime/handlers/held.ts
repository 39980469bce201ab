import { HELD_MAX_PER_PAUSE, type MyHeldMessage } from '../../../shared/contracts/events.js';
import type { AckError } from '../../../shared/contracts/errors.js';
import type { HeldMessageRecord } from '../../store/store.js';
import { requireDevice } from '../couples.js';
import { refuse } from '../refuse.js';
import type { Deps, Handler } from '../types.js';

/** See ../held.ts for when messages are held and delivered. Payloads never reach the logs. */

const REFUSALS = {
  wrong_phase: () => refuse('wrong_phase'),
  already_delivered: () => refuse('already_delivered'),
  over_limit: () => refuse('over_limit', { limit: HELD_MAX_PER_PAUSE }),
} satisfies Record<string, () => AckError>;

/** One answer for an id that was never this person's and one that is gone: nothing tells them apart. */
const SEND_REFUSALS = {
  not_found: () => refuse('not_found'),
  wrong_phase: () => refuse('wrong_phase'),
} satisfies Record<string, () => AckError>;

function mine(m: HeldMessageRecord & { payload: string }, runningPauseId: string | null): MyHeldMessage {
  return {
    id: m.id,
    pauseId: m.pauseId,
    payload: m.payload,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    editable: m.sentAt === null && m.pauseId === runningPauseId,
    sentAt: m.sentAt,
  };
}

async function runningPauseId(deps: Deps, coupleId: string): Promise<string | null> {
  const state = await deps.store.loadCoupleState(coupleId);
  return state?.phase === 'paused' && state.pause ? state.pause.id : null;
}

export const saveHeld: Handler<'held:save'> = async (socket, { messageId, payload }, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  const outcome = await deps.store.saveHeldMessage(
    { id: messageId, coupleId: device.coupleId, authorId: device.id, payload, now: deps.clock.now() },
    HELD_MAX_PER_PAUSE,
  );
  if (!outcome.ok) return REFUSALS[outcome.reason]();
  deps.log.info('held.saved', { couple: device.coupleId });
  // Nothing goes to the partner now: no typing indicators, no "a message is waiting".
  // An edit may be of a note under review, after its pause.
  return { data: { message: mine(outcome.message, await runningPauseId(deps, device.coupleId)) } };
};

export const discardHeld: Handler<'held:discard'> = async (socket, { messageId }, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  const outcome = await deps.store.discardHeldMessage({
    id: messageId,
    coupleId: device.coupleId,
    authorId: device.id,
  });
  if (!outcome.ok) return REFUSALS[outcome.reason]();
  deps.log.info('held.discarded', { couple: device.coupleId });
  return { data: { messageId } };
};

export const sendHeld: Handler<'held:send'> = async (socket, { messageId, payload }, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  const outcome = await deps.store.sendHeldMessage({
    id: messageId,
    coupleId: device.coupleId,
    authorId: device.id,
    payload,
    now: deps.clock.now(),
  });
  if (!outcome.ok) return SEND_REFUSALS[outcome.reason]();
  const data = { message: mine(outcome.message, null) };
  if (!outcome.fresh) return { data };
  deps.log.info('held.sent', { couple: device.coupleId });
  return { data, happened: { coupleId: device.coupleId, events: [{ type: 'held_sent' }] } };
};

export const myHeld: Handler<'held:mine'> = async (socket, _payload, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  const [running, messages] = await Promise.all([
    runningPauseId(deps, device.coupleId),
    deps.store.listHeldByAuthor(device.coupleId, device.id),
  ]);
  return { data: { messages: messages.map((m) => mine(m, running)) } };
};

export const receivedHeld: Handler<'held:received'> = async (socket, { messageIds }, deps) => {
  const device = await requireDevice(socket, deps);
  if ('error' in device) return device;
  const done = await deps.store.markHeldDelivered(device.coupleId, device.id, messageIds, deps.clock.now());
  deps.log.info('held.received', { couple: device.coupleId, count: done.length });
  return { data: { messageIds: done } };
};
