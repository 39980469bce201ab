import type { CoupleState } from '../../shared/pause/machine.js';

export interface DeviceRecord {
  id: string;
  coupleId: string;
  name: string;
  /** SHA-256 of the credential's secret part; the credential itself is never stored. */
  secretHash: Buffer;
  linkedAt: number;
  defaultMinutes: number;
  reassurance: string;
  tendsToWithdraw: boolean | null;
  /** The phone's ECDH P-256 public key (raw point, base64url) for end-to-end encryption; null until published. */
  publicKey: string | null;
  /** The digest of the time-out agreement terms this person last accepted (shared/agreement); null before. */
  agreedTerms: string | null;
}

export type DeviceSettings = Pick<
  DeviceRecord,
  'name' | 'defaultMinutes' | 'reassurance' | 'tendsToWithdraw' | 'agreedTerms'
>;

export interface InviteRecord {
  id: string;
  coupleId: string;
  /** The code's first half, stored plainly so a typed code can find its invite. */
  lookup: string;
  secretHash: Buffer;
  tokenHash: Buffer;
  createdAt: number;
  expiresAt: number;
  wrongGuesses: number;
  usedAt: number | null;
}

export type JoinOutcome = 'joined' | 'used' | 'full';

/** A note written during a pause; after it its author sends it to the partner, or discards it. */
export interface HeldMessageRecord {
  /** Made by the author's phone; unique among that author's messages. */
  id: string;
  coupleId: string;
  authorId: string;
  /** The pause it was written in. */
  pauseId: string;
  /** Opaque (ciphertext); null once delivered. Never logged. */
  payload: string | null;
  createdAt: number;
  updatedAt: number;
  /** When its author sent it to the partner; null while it is held or waiting for review. */
  sentAt: number | null;
  deliveredAt: number | null;
}

export type HeldSaveOutcome =
  | { ok: true; message: HeldMessageRecord & { payload: string } }
  | { ok: false; reason: 'wrong_phase' | 'already_delivered' | 'over_limit' };

export type HeldDiscardOutcome = { ok: true } | { ok: false; reason: 'already_delivered' };

export type HeldSendOutcome =
  | { ok: true; message: HeldMessageRecord & { payload: string }; fresh: boolean }
  | { ok: false; reason: 'not_found' | 'wrong_phase' };

/** A phone's Web Push subscription: where its push service takes messages, and the keys to encrypt them. */
export interface PushSubscriptionRecord {
  endpoint: string;
  deviceId: string;
  coupleId: string;
  /** The browser's ECDH P-256 public key and auth secret, base64url (RFC 8291). */
  p256dh: string;
  auth: string;
  createdAt: number;
}

/** A pause deadline that has passed and was claimed for a "time to check in" notice. */
export interface TimeUpNotice {
  coupleId: string;
  pauseId: string;
  endsAt: number;
}

/**
 * Everything the server keeps. Every method resolves only after its write is durable,
 * so an acknowledgement sent after it never promises something a crash could lose.
 */
export interface Store {
  health(): Promise<{ ok: boolean; kind: string }>;
  close(): Promise<void>;

  createCouple(coupleId: string, device: DeviceRecord, state: CoupleState): Promise<void>;
  findDevice(deviceId: string): Promise<DeviceRecord | null>;
  listDevices(coupleId: string): Promise<DeviceRecord[]>;
  /** Updates one device's settings and bumps the couple's seq; returns the new seq. */
  updateDeviceSettings(deviceId: string, patch: Partial<DeviceSettings>): Promise<number>;
  /** Stores the device's public key and bumps the couple's seq; returns the new seq. */
  setDevicePublicKey(deviceId: string, publicKey: string): Promise<number>;
  /**
   * Deletes the couple and every row that hangs off it, at once, and leaves no readable trace of the
   * deleted bytes in the database or its WAL (delete everything).
   */
  deleteCouple(coupleId: string): Promise<void>;
  /**
   * Unpairing: the devices (names, credential hashes), invites and held messages go at once, so both
   * credentials stop working; the couple's row is stamped `unpaired_at = now` and kept until
   * `purgeUnpaired` removes it after the retention period.
   */
  unpairCouple(coupleId: string, now: number): Promise<void>;
  /** Deletes every couple unpaired at or before `unpairedBefore`, with all its rows; returns how many. */
  purgeUnpaired(unpairedBefore: number): Promise<number>;
  /**
   * Deletes every unused invite that expired at or before `expiredBefore`. A couple nobody ever joined
   * (one device, not unpaired, no invite that was used or is still open) goes with it, with all its rows.
   * Returns how many couples went.
   */
  purgeAbandonedInvites(expiredBefore: number): Promise<number>;

  createInvite(invite: InviteRecord): Promise<void>;
  /** The newest unused invite whose code starts with this lookup. */
  findInviteByLookup(lookup: string): Promise<InviteRecord | null>;
  findInviteByTokenHash(tokenHash: Buffer): Promise<InviteRecord | null>;
  /** Counts a wrong guess against the invite; returns the new count. */
  recordWrongGuess(inviteId: string): Promise<number>;
  /** Atomically uses the invite and adds the device, if the invite is unused and the couple has room. */
  joinWithInvite(inviteId: string, device: DeviceRecord, now: number): Promise<JoinOutcome>;
  /** Whether an unexpired, unused invite already has this lookup (so new codes stay unambiguous). */
  lookupInUse(lookup: string, now: number): Promise<boolean>;

  /** Counts one hit for the key in the fixed window holding `now`; returns the hits in that window. */
  hitRateLimit(key: string, now: number, windowMs: number): Promise<number>;
  /** Deletes the counts whose window ended at or before `now`; returns how many. */
  purgeRateLimits(now: number): Promise<number>;

  loadCoupleState(coupleId: string): Promise<CoupleState | null>;
  /**
   * The state and the devices as of one moment (what a command reads before it decides), or null if
   * there is no such couple. One read where the two would be two round trips to a database server.
   */
  loadCouple(coupleId: string): Promise<{ state: CoupleState; devices: DeviceRecord[] } | null>;
  /** Compare-and-set on seq: saves only if the stored seq is still `expectedSeq`. */
  saveCoupleState(coupleId: string, expectedSeq: number, next: CoupleState): Promise<boolean>;

  /**
   * Held messages. A message is *held* while the pause it was written in runs: its author can create,
   * edit or discard it. Once that pause is over it waits for its author's review: edit, discard or
   * send. Only sent messages reach the partner. Ids are looked up among the author's own only, so an
   * id of someone else's is simply unknown. The phase check and the write are one transaction with
   * respect to state writes, so a save never slips past the end of the pause.
   */
  saveHeldMessage(
    input: { id: string; coupleId: string; authorId: string; payload: string; now: number },
    maxPerPause: number,
  ): Promise<HeldSaveOutcome>;
  /** Deletes the author's own unsent message; an unknown id is already gone (ok). */
  discardHeldMessage(input: { id: string; coupleId: string; authorId: string }): Promise<HeldDiscardOutcome>;
  /**
   * The author sends a message whose pause is over, with its latest text if given. Sending again is
   * ok (fresh: false) and changes nothing.
   */
  sendHeldMessage(input: {
    id: string;
    coupleId: string;
    authorId: string;
    payload?: string;
    now: number;
  }): Promise<HeldSendOutcome>;
  /** The author's messages not yet confirmed delivered, oldest first. */
  listHeldByAuthor(coupleId: string, authorId: string): Promise<Array<HeldMessageRecord & { payload: string }>>;
  /** Sent, undelivered messages addressed to this device (written by the other one), oldest first. */
  listHeldFor(coupleId: string, recipientId: string): Promise<Array<HeldMessageRecord & { payload: string }>>;
  /**
   * The recipient confirms it has stored these: marks them delivered and drops their payload.
   * Ignores ids that are not addressed to it or not sent. Returns the ids now recorded delivered.
   */
  markHeldDelivered(coupleId: string, recipientId: string, ids: readonly string[], now: number): Promise<string[]>;

  /** Web Push. Saving replaces the device's earlier subscription; false when the device is gone. */
  savePushSubscription(sub: Omit<PushSubscriptionRecord, 'coupleId'>): Promise<boolean>;
  deletePushSubscriptions(deviceId: string): Promise<void>;
  /** The push service said the subscription is gone (404/410). */
  deletePushEndpoint(endpoint: string): Promise<void>;
  listPushSubscriptions(coupleId: string): Promise<PushSubscriptionRecord[]>;
  /**
   * Paused couples (with a subscription) whose deadline is at or before `now` and not yet announced:
   * records each as announced and returns it, in one transaction, so each deadline is claimed once,
   * across restarts and processes.
   */
  claimTimeUpNotices(now: number): Promise<TimeUpNotice[]>;
}
