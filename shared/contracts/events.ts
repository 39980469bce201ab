import { z } from 'zod';
import type { Ack } from './errors.js';
import type { CoupleChange } from './change.js';
import type { CoupleSnapshot } from './snapshot.js';
import { NAME_MAX, REASSURANCE_MAX } from '../settings/limits.js';
import { EXTEND_STEPS, MAX_TOTAL_MINUTES, MIN_BREAK_MINUTES } from '../pause/limits.js';
import { PUSH_ENDPOINT_MAX } from './push.js';
import { ENVELOPE_PATTERN } from '../crypto/aead.js';
import { PUBLIC_KEY_PATTERN } from '../crypto/couple-key.js';
import { USUAL_MAX_MINUTES, USUAL_MIN_MINUTES } from '../agreement/rules.js';

/** Largest inbound event the server accepts, measured as JSON bytes. */
export const MAX_EVENT_BYTES = 64 * 1024;

const name = z.string().trim().min(1).max(NAME_MAX);
const commandId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const seq = z.number().int().nonnegative();
const minutes = z.number().int().min(MIN_BREAK_MINUTES).max(MAX_TOTAL_MINUTES);
const extendMinutes = z.union(
  EXTEND_STEPS.map((step) => z.literal(step)) as [
    z.ZodLiteral<20>,
    z.ZodLiteral<60>,
    z.ZodLiteral<120>,
    z.ZodLiteral<360>,
  ],
);
/** An absolute server time (epoch ms), for "tomorrow at 9:00" as the pauser's phone reckons it. */
const epochMs = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const pauseId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/**
 * The reassurance is personal text, so it travels sealed (shared/crypto/aead.ts envelope `v1.<iv>.<ct>`);
 * the server checks only that it looks sealed, so a plaintext reassurance is refused, never stored.
 * REASSURANCE_MAX characters of text fit well within this.
 */
export const REASSURANCE_PAYLOAD_MAX = 4 * REASSURANCE_MAX + 400;
const reassurance = z.string().max(REASSURANCE_PAYLOAD_MAX).regex(ENVELOPE_PATTERN);
const empty = z.strictObject({});
/** Held messages: the id is made by the author's phone, so a retried save edits instead of duplicating. */
const messageId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** A held message's text travels as an opaque string (ciphertext): only its length is checked. */
export const HELD_PAYLOAD_MAX = 16 * 1024;
/** How many messages one person may hold back in one pause. */
export const HELD_MAX_PER_PAUSE = 20;
/** How many ids one `held:received` may confirm. */
export const HELD_RECEIVED_MAX = 200;
/**
 * Reconnect conversation text (cards, paraphrases, repair…) travels as opaque strings (ciphertext),
 * at most this long each; only the length is checked. An event as a whole stays under MAX_EVENT_BYTES.
 */
export const CONVERSATION_PAYLOAD_MAX = 16 * 1024;
const conversationPayload = z.string().min(1).max(CONVERSATION_PAYLOAD_MAX);
const rating = z.number().int().min(0).max(10);

/** Web Push subscription keys, base64url (the server also checks their decoded lengths). */
const pushKeys = z.strictObject({
  p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/),
  auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}={0,2}$/),
});

/** Every event a client may send, with the schema its payload must pass. */
export const clientEventSchemas = {
  'time:ping': z.strictObject({ t0: z.number().finite() }),
  'state:get': empty,
  'invite:create': z.strictObject({ name }),
  'invite:join': z.union([
    z.strictObject({ code: z.string().min(1).max(16), name }),
    z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/), name }),
  ]),
  'couple:unpair': empty,
  /**
   * Delete everything: this person's server-side data goes now (their device, their held messages) and,
   * since a couple cannot go on with one person deleted, the whole couple with it; the partner's phone
   * is told `couple:unlinked`, exactly as after an unpair.
   */
  'account:delete': empty,
  /** End-to-end encryption: this phone's ECDH P-256 public key (raw point, base64url, 87 chars). Acks with the snapshot. */
  'keys:publish': z.strictObject({ publicKey: z.string().regex(PUBLIC_KEY_PATTERN) }),
  'settings:update': z
    .strictObject({
      name: name.optional(),
      defaultMinutes: minutes.optional(),
      reassurance: reassurance.optional(),
      tendsToWithdraw: z.boolean().optional(),
    })
    .refine((v) => Object.keys(v).length > 0, 'Nothing to change'),
  'pause:start': z.strictObject({ commandId, minutes }),
  /** A rung of the ladder (`minutes`), or "tomorrow" at a picked time (`until`); inside the 24-hour cap. */
  'pause:extend': z.union([
    z.strictObject({ commandId, seq, minutes: extendMinutes }),
    z.strictObject({ commandId, seq, until: epochMs }),
  ]),
  /** "I'm calm now"; before 20 minutes of one's own break it needs a fresh rating at or under 4. */
  'pause:end': z.strictObject({ commandId, seq, rating: rating.optional() }),
  'pause:ready': z.strictObject({ commandId, seq }),
  /** "Back to normal": at the summary it takes both taps; before it, it asks the partner (conversation:close-answer). */
  'pause:close': z.strictObject({ commandId, seq }),
  /** This phone has put the partner's pause message on screen. Carries nothing else; the pauser sees that it arrived. */
  'pause:shown': z.strictObject({ commandId, pauseId }),
  'held:save': z.strictObject({ messageId, payload: z.string().min(1).max(HELD_PAYLOAD_MAX) }),
  'held:discard': z.strictObject({ messageId }),
  /**
   * After the break the author reviews each held note: this sends one to the partner, with its final
   * text when it was changed in the review (ciphertext, like held:save). Only sent notes are delivered.
   */
  'held:send': z.strictObject({ messageId, payload: z.string().min(1).max(HELD_PAYLOAD_MAX).optional() }),
  'held:mine': empty,
  'held:received': z.strictObject({ messageIds: z.array(messageId).min(1).max(HELD_RECEIVED_MAX) }),
  // The conversation (shared/conversation/machine.ts has the rules). Each acks with the snapshot.
  /** Check-in: my activation now. Summary: my last rating. */
  'conversation:rate': z.strictObject({ commandId, seq, rating }),
  /** Check-in: go ahead although one of us rated above 4. */
  'conversation:continue': z.strictObject({ commandId, seq }),
  /** Prepare: release my card to my partner (once). */
  'conversation:share': z.strictObject({ commandId, seq, payload: conversationPayload }),
  /** Turns: the speaker hands the floor over, before the first paraphrase of the first turn. */
  'conversation:floor': z.strictObject({ commandId, seq }),
  /** Turns: the listener's "What I heard you need is …", to check with the speaker. */
  'conversation:paraphrase': z.strictObject({ commandId, seq, payload: conversationPayload }),
  /** Turns: the speaker's "Yes, that's it" (true) or "Not quite" (false). */
  'conversation:confirm': z.strictObject({ commandId, seq, yes: z.boolean() }),
  /** Turns: the listener's "That makes sense because …"; without a payload, skipped. Ends the turn. */
  'conversation:validate': z.strictObject({ commandId, seq, payload: conversationPayload.optional() }),
  /** Repair: my part (once), at least one of the four. */
  'conversation:repair': z
    .strictObject({
      commandId,
      seq,
      regret: conversationPayload.optional(),
      sorry: conversationPayload.optional(),
      willDo: conversationPayload.optional(),
      wouldLike: conversationPayload.optional(),
    })
    .refine((v) => v.regret ?? v.sorry ?? v.willDo ?? v.wouldLike, 'Nothing to share'),
  /** Repair: my answer to my partner's request (once); an adjustment only with 'adjusted'. */
  'conversation:respond': z.union([
    z.strictObject({ commandId, seq, status: z.enum(['accepted', 'declined']) }),
    z.strictObject({ commandId, seq, status: z.literal('adjusted'), adjustment: conversationPayload }),
  ]),
  /** The answer to "Back to normal without talking": yes, a time to talk later, or (either of them) not now. */
  'conversation:close-answer': z.union([
    z.strictObject({ commandId, seq, answer: z.enum(['accept', 'decline']) }),
    z.strictObject({ commandId, seq, answer: z.literal('later'), at: epochMs }),
  ]),
  // Web Push (optional): the VAPID key, and this phone's subscription once its person agreed.
  'push:key': empty,
  /** What `PushSubscription.toJSON()` gives; `expirationTime` is accepted and ignored. */
  'push:subscribe': z.strictObject({
    endpoint: z
      .string()
      .min(1)
      .max(PUSH_ENDPOINT_MAX)
      .regex(/^https?:\/\//),
    expirationTime: z.number().nullable().optional(),
    keys: pushKeys,
  }),
  'push:unsubscribe': empty,
  // The time-out agreement (shared/agreement/rules.ts). Acks with the snapshot; the partner gets it too.
  /**
   * "We agree" to the terms whose digest is `terms` (the snapshot's `agreement.terms`), optionally with
   * a change to my own part: my usual break length and my signal message, sealed like the reassurance
   * (it is the same text). A change re-asks my partner.
   */
  'agreement:accept': z.strictObject({
    terms: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    minutes: z.number().int().min(USUAL_MIN_MINUTES).max(USUAL_MAX_MINUTES).optional(),
    signal: reassurance.optional(),
  }),
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;
export type ClientPayload<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;

export interface InviteCreated {
  /** Shown as XXXX-XXXX. */
  code: string;
  /** Goes in the QR link's fragment, never to the server's logs. */
  token: string;
  expiresAt: number;
  /** The new device's credential: kept in local storage, sent in the handshake. */
  credential: string;
  deviceId: string;
  snapshot: CoupleSnapshot;
}

export interface Joined {
  credential: string;
  deviceId: string;
  snapshot: CoupleSnapshot;
}

/** One of my own held messages, as its author sees it. */
export interface MyHeldMessage {
  id: string;
  /** The pause it was written in. */
  pauseId: string;
  payload: string;
  createdAt: number;
  updatedAt: number;
  /** True while its pause is still running: it belongs to the break's writer. */
  editable: boolean;
  /** When its author sent it; null while it is held or waiting for the author's review after the break. */
  sentAt: number | null;
}

/** A held message as its recipient receives it. */
export interface DeliveredHeldMessage {
  id: string;
  authorId: string;
  payload: string;
  createdAt: number;
}

/** What each client event acknowledges with. */
export interface ClientAckData {
  'time:ping': { t0: number; serverNow: number };
  'state:get': CoupleSnapshot;
  'invite:create': InviteCreated;
  'invite:join': Joined;
  'couple:unpair': { unlinked: true };
  'account:delete': { deleted: true };
  'keys:publish': CoupleSnapshot;
  'settings:update': CoupleSnapshot;
  'pause:start': CoupleSnapshot;
  'pause:extend': CoupleSnapshot;
  'pause:end': CoupleSnapshot;
  'pause:ready': CoupleSnapshot;
  'pause:close': CoupleSnapshot;
  'pause:shown': CoupleSnapshot;
  'held:save': { message: MyHeldMessage };
  /** Idempotent: an id that is already gone (or was never mine) acknowledges too. */
  'held:discard': { messageId: string };
  /** Idempotent: sending a sent message again acknowledges with it unchanged. */
  'held:send': { message: MyHeldMessage };
  /** My messages not yet confirmed by my partner's phone (held, waiting for my review, or sent), oldest first. */
  'held:mine': { messages: MyHeldMessage[] };
  /** The ids (of those sent) now recorded as delivered to me; unknown or still-held ids are left out. */
  'held:received': { messageIds: string[] };
  'conversation:rate': CoupleSnapshot;
  'conversation:continue': CoupleSnapshot;
  'conversation:share': CoupleSnapshot;
  'conversation:floor': CoupleSnapshot;
  'conversation:paraphrase': CoupleSnapshot;
  'conversation:confirm': CoupleSnapshot;
  'conversation:validate': CoupleSnapshot;
  'conversation:repair': CoupleSnapshot;
  'conversation:respond': CoupleSnapshot;
  'conversation:close-answer': CoupleSnapshot;
  'push:key': { publicKey: string | null };
  'push:subscribe': { subscribed: true };
  'push:unsubscribe': { subscribed: false };
  'agreement:accept': CoupleSnapshot;
}

export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (res: Ack<ClientAckData[E]>) => void) => void;
};

export interface ServerToClientEvents {
  /** The whole snapshot: on every connect, and when a device's details (name, key, agreement) change. */
  'couple:state': (snapshot: CoupleSnapshot) => void;
  /** A move of the shared state (pause, conversation) made by another phone: only what changed. */
  'couple:change': (change: CoupleChange) => void;
  /** The couple was unlinked: the phone forgets its credential and names no one. */
  'couple:unlinked': () => void;
  /**
   * Held messages for this phone, once their author has sent them after the break. Sent again on every
   * reconnect until the phone confirms them with `held:received`: de-duplicate by id.
   */
  'held:deliver': (batch: { messages: DeliveredHeldMessage[] }) => void;
}

/** Sent in the Socket.IO handshake `auth`. */
export interface HandshakeAuth {
  credential?: string;
}
