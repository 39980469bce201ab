import type { DeviceRecord, HeldMessageRecord, InviteRecord, PushSubscriptionRecord } from './store.js';

/**
 * Table rows as both stores read them, and how each becomes a record. The SQL stays per store (the
 * dialects differ); the columns and their meaning are one schema.
 */

export interface DeviceRow {
  id: string;
  couple_id: string;
  name: string;
  secret_hash: Buffer;
  linked_at: number;
  default_minutes: number;
  reassurance: string;
  /** SQLite has no booleans: 0 or 1 there, true or false in PostgreSQL. */
  tends_to_withdraw: boolean | number | null;
  public_key: string | null;
  agreed_terms: string | null;
}

export function toDevice(r: DeviceRow): DeviceRecord {
  return {
    id: r.id,
    coupleId: r.couple_id,
    name: r.name,
    secretHash: r.secret_hash,
    linkedAt: r.linked_at,
    defaultMinutes: r.default_minutes,
    reassurance: r.reassurance,
    tendsToWithdraw: r.tends_to_withdraw === null ? null : Boolean(r.tends_to_withdraw),
    publicKey: r.public_key,
    agreedTerms: r.agreed_terms,
  };
}

export interface InviteRow {
  id: string;
  couple_id: string;
  lookup: string;
  secret_hash: Buffer;
  token_hash: Buffer;
  created_at: number;
  expires_at: number;
  wrong_guesses: number;
  used_at: number | null;
}

export function toInvite(r: InviteRow): InviteRecord {
  return {
    id: r.id,
    coupleId: r.couple_id,
    lookup: r.lookup,
    secretHash: r.secret_hash,
    tokenHash: r.token_hash,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    wrongGuesses: r.wrong_guesses,
    usedAt: r.used_at,
  };
}

export interface HeldRow {
  id: string;
  couple_id: string;
  author_id: string;
  pause_id: string;
  payload: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  delivered_at: number | null;
}

export function toHeld(r: HeldRow): HeldMessageRecord {
  return {
    id: r.id,
    coupleId: r.couple_id,
    authorId: r.author_id,
    pauseId: r.pause_id,
    payload: r.payload,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sentAt: r.sent_at,
    deliveredAt: r.delivered_at,
  };
}

/** Undelivered rows always keep their payload. */
export function toHeldWithPayload(r: HeldRow): HeldMessageRecord & { payload: string } {
  return { ...toHeld(r), payload: r.payload ?? '' };
}

export interface SubscriptionRow {
  endpoint: string;
  device_id: string;
  couple_id: string;
  p256dh: string;
  auth: string;
  created_at: number;
}

export function toSubscription(r: SubscriptionRow): PushSubscriptionRecord {
  return {
    endpoint: r.endpoint,
    deviceId: r.device_id,
    coupleId: r.couple_id,
    p256dh: r.p256dh,
    auth: r.auth,
    createdAt: r.created_at,
  };
}
