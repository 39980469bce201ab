import * as v from 'valibot';
import type { MyHeldMessage } from '../../shared/contracts/events';
import type { CoupleSnapshot, DeviceView } from '../../shared/contracts/snapshot';
import type { ConversationState } from '../../shared/conversation/conversation';
import type { Schema } from './storage';

/**
 * The shapes this phone keeps under each of storage's KEYS, checked on every read. Valibot, not zod:
 * its checks are separate functions, so the first screen's script carries only the few used here
 * (about 3 KB against zod/mini's 21). What crosses the network is still checked with zod.
 */

const id = v.pipe(v.string(), v.minLength(1));
const time = v.pipe(v.number(), v.minValue(0));

/** For what a caller checks itself (a draft card, a journal) or only copies out (the export). */
export const anyValue = v.unknown();

export const credentialSchema = id;
export const deviceIdSchema = id;
export const offsetSchema = v.number();
export const screenedSchema = v.literal(true);

export const inviteSchema = v.object({ code: v.string(), token: v.string(), expiresAt: time });
export type StoredInvite = v.InferOutput<typeof inviteSchema>;

export const queuedPauseSchema = v.object({ commandId: id, minutes: v.pipe(v.number(), v.gtValue(0)), queuedAt: time });
export type QueuedStart = v.InferOutput<typeof queuedPauseSchema>;

const device = v.looseObject({
  id,
  name: v.string(),
  linkedAt: time,
  defaultMinutes: v.number(),
  reassurance: v.string(),
  tendsToWithdraw: v.nullable(v.boolean()),
  publicKey: v.nullable(v.string()),
});
const pauser = v.looseObject({ deviceId: id, startedAt: time, endsAt: time, reassurance: v.string() });
const pause = v.looseObject({
  id,
  startedAt: time,
  endsAt: time,
  pausers: v.array(pauser),
  ready: v.array(v.string()),
});

/**
 * The cached snapshot, checked as far as the screens read it before the server's fresh one arrives
 * (the pause button, the countdown, names). The conversation is only checked to be an object: the
 * server replaces the whole snapshot on connect, before the conversation screens open.
 */
export const snapshotSchema = v.looseObject({
  coupleId: id,
  seq: v.number(),
  phase: v.picklist(['calm', 'paused', 'reconnect']),
  devices: v.array(device),
  pause: v.nullable(pause),
  conversation: v.nullable(v.looseObject({})),
  agreement: v.looseObject({ terms: v.string(), accepted: v.array(v.string()) }),
  talkLater: v.nullable(v.looseObject({ at: time, setBy: v.string() })),
  serverNow: time,
}) as unknown as Schema<CoupleSnapshot>;

export const heldMineSchema: Schema<MyHeldMessage[]> = v.array(
  v.object({
    id,
    pauseId: v.string(),
    payload: v.string(),
    createdAt: time,
    updatedAt: time,
    editable: v.boolean(),
    sentAt: v.nullable(time),
  }),
);

export const outboxItemSchema = v.object({
  op: v.picklist(['save', 'discard', 'send']),
  messageId: id,
  pauseId: v.string(),
  text: v.optional(v.string()),
  createdAt: time,
});
export type OutboxItem = v.InferOutput<typeof outboxItemSchema>;
export const heldOutboxSchema = v.array(outboxItemSchema);

export const heldReceivedSchema = v.array(
  v.object({
    id,
    authorId: v.string(),
    text: v.nullable(v.string()),
    createdAt: time,
    receivedAt: time,
    archived: v.boolean(),
  }),
);

export const heldDraftSchema = v.object({ pauseId: v.string(), text: v.string(), editing: v.nullable(v.string()) });
export type HeldDraft = v.InferOutput<typeof heldDraftSchema>;

/** Push on, push asked: only ever stored as true. */
export const flagSchema = v.literal(true);

export const textDraftSchema = v.string();

export const lastRatingSchema = v.object({ value: v.number(), at: v.number() });

/** The ratings inside a break journal, read without the journal's full parser (kept out of the first screen). */
const rating = v.optional(v.looseObject({ value: v.unknown() }));
export const journalRatingsSchema = v.looseObject({
  ratings: v.optional(v.looseObject({ before: rating, after: rating })),
});

export const pendingHistorySchema = v.object({
  me: id,
  conversation: v.looseObject({ id: v.string(), startedAt: time }),
  devices: v.array(v.object({ id: v.string(), name: v.string() })),
  breakStartedAt: time,
}) as unknown as Schema<PendingHistory>;

/** A conversation seen on this phone, waiting for "Back to normal" to become a history entry. */
export interface PendingHistory {
  me: string;
  conversation: ConversationState;
  devices: Pick<DeviceView, 'id' | 'name'>[];
  breakStartedAt: number;
}
