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
}

export type DeviceSettings = Pick<DeviceRecord, 'name' | 'defaultMinutes' | 'reassurance' | 'tendsToWithdraw'>;

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

/** A message written during a pause, delivered to the partner once that pause is over. */
export interface HeldMessageRecord {
  /** Made by the author's phone. */
  id: string;
  coupleId: string;
  authorId: string;
  /** The pause it was written in. */
  pauseId: string;
  /** Opaque (ciphertext); null once delivered. Never logged. */
  payload: string | null;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
}

export type HeldSaveOutcome =
  | { ok: true; message: HeldMessageRecord & { payload: string } }
  | { ok: false; reason: 'wrong_phase' | 'not_yours' | 'already_delivered' | 'over_limit' };

export type HeldDiscardOutcome = { ok: true } | { ok: false; reason: 'not_yours' | 'already_delivered' };

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
  /** Unpairing: the couple, its devices, invites and state are gone. */
  deleteCouple(coupleId: string): Promise<void>;

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

  loadCoupleState(coupleId: string): Promise<CoupleState | null>;
  /** Compare-and-set on seq: saves only if the stored seq is still `expectedSeq`. */
  saveCoupleState(coupleId: string, expectedSeq: number, next: CoupleState): Promise<boolean>;

  /**
   * Held messages. A message is *held* while the couple is paused in the pause it was written in;
   * only then can its author create, edit or discard it. The phase check and the write are one
   * transaction with respect to state writes, so a save never slips past the end of the pause.
   */
  saveHeldMessage(
    input: { id: string; coupleId: string; authorId: string; payload: string; now: number },
    maxPerPause: number,
  ): Promise<HeldSaveOutcome>;
  /** Deletes the author's own held message; an unknown id is already gone (ok). */
  discardHeldMessage(input: { id: string; coupleId: string; authorId: string }): Promise<HeldDiscardOutcome>;
  /** The author's messages not yet confirmed delivered, oldest first. */
  listHeldByAuthor(coupleId: string, authorId: string): Promise<Array<HeldMessageRecord & { payload: string }>>;
  /** Undelivered messages addressed to this device (written by the other one), oldest first. */
  listHeldFor(coupleId: string, recipientId: string): Promise<Array<HeldMessageRecord & { payload: string }>>;
  /**
   * The recipient confirms it has stored these: marks them delivered and drops their payload.
   * Ignores ids that are not addressed to it or are still held. Returns the ids now recorded delivered.
   */
  markHeldDelivered(coupleId: string, recipientId: string, ids: readonly string[], now: number): Promise<string[]>;
}
