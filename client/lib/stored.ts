import * as z from 'zod/mini';
import type { MyHeldMessage } from '../../shared/contracts/events';
import type { CoupleSnapshot, DeviceView } from '../../shared/contracts/snapshot';
import type { ConversationState } from '../../shared/conversation/conversation';
import type { Schema } from './storage';

/**
 * The shapes this phone keeps under each of storage's KEYS, checked on every read. zod/mini keeps the
 * first screen's script small.
 */

const id = z.string().check(z.minLength(1));
const time = z.number().check(z.nonnegative());

/** For what a caller checks itself (a draft card, a journal) or only copies out (the export). */
export const anyValue = z.unknown();

export const credentialSchema = id;
export const deviceIdSchema = id;
export const offsetSchema = z.number();
export const screenedSchema = z.literal(true);

export const inviteSchema = z.object({ code: z.string(), token: z.string(), expiresAt: time });
export type StoredInvite = z.infer<typeof inviteSchema>;

export const queuedPauseSchema = z.object({ commandId: id, minutes: z.number().check(z.positive()), queuedAt: time });
export type QueuedStart = z.infer<typeof queuedPauseSchema>;

const device = z.looseObject({
  id,
  name: z.string(),
  linkedAt: time,
  defaultMinutes: z.number(),
  reassurance: z.string(),
  tendsToWithdraw: z.nullable(z.boolean()),
  publicKey: z.nullable(z.string()),
});
const pauser = z.looseObject({ deviceId: id, startedAt: time, endsAt: time, reassurance: z.string() });
const pause = z.looseObject({
  id,
  startedAt: time,
  endsAt: time,
  pausers: z.array(pauser),
  ready: z.array(z.string()),
});

/**
 * The cached snapshot, checked as far as the screens read it before the server's fresh one arrives
 * (the pause button, the countdown, names). The conversation is only checked to be an object: the
 * server replaces the whole snapshot on connect, before the conversation screens open.
 */
export const snapshotSchema = z.looseObject({
  coupleId: id,
  seq: z.number(),
  phase: z.enum(['calm', 'paused', 'reconnect']),
  devices: z.array(device),
  pause: z.nullable(pause),
  conversation: z.nullable(z.looseObject({})),
  agreement: z.looseObject({ terms: z.string(), accepted: z.array(z.string()) }),
  talkLater: z.nullable(z.looseObject({ at: time, setBy: z.string() })),
  serverNow: time,
}) as unknown as Schema<CoupleSnapshot>;

export const heldMineSchema: Schema<MyHeldMessage[]> = z.array(
  z.object({
    id,
    pauseId: z.string(),
    payload: z.string(),
    createdAt: time,
    updatedAt: time,
    editable: z.boolean(),
    sentAt: z.nullable(time),
  }),
);

export const outboxItemSchema = z.object({
  op: z.enum(['save', 'discard', 'send']),
  messageId: id,
  pauseId: z.string(),
  text: z.optional(z.string()),
  createdAt: time,
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;
export const heldOutboxSchema = z.array(outboxItemSchema);

export const heldReceivedSchema = z.array(
  z.object({
    id,
    authorId: z.string(),
    text: z.nullable(z.string()),
    createdAt: time,
    receivedAt: time,
    archived: z.boolean(),
  }),
);

export const heldDraftSchema = z.object({ pauseId: z.string(), text: z.string(), editing: z.nullable(z.string()) });
export type HeldDraft = z.infer<typeof heldDraftSchema>;

/** Push on, push asked: only ever stored as true. */
export const flagSchema = z.literal(true);

export const textDraftSchema = z.string();

export const lastRatingSchema = z.object({ value: z.number(), at: z.number() });

/** The ratings inside a break journal, read without the journal's full parser (kept out of the first screen). */
const rating = z.optional(z.looseObject({ value: z.unknown() }));
export const journalRatingsSchema = z.looseObject({
  ratings: z.optional(z.looseObject({ before: rating, after: rating })),
});

export const pendingHistorySchema = z.object({
  me: id,
  conversation: z.looseObject({ id: z.string(), startedAt: time }),
  devices: z.array(z.object({ id: z.string(), name: z.string() })),
  breakStartedAt: time,
}) as unknown as Schema<PendingHistory>;

/** A conversation seen on this phone, waiting for "Back to normal" to become a history entry. */
export interface PendingHistory {
  me: string;
  conversation: ConversationState;
  devices: Pick<DeviceView, 'id' | 'name'>[];
  breakStartedAt: number;
}
